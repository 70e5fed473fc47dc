//! Our typst World: it serves the template files (embedded, or from a `--templates` folder),
//! one virtual `/data.json`, and the fonts bundled in `fonts/`; it has a fixed date, no
//! network, no packages and no access to any other file.

use crate::fonts::fonts;
use std::collections::HashMap;
use std::sync::OnceLock;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

fn library() -> &'static LazyHash<Library> {
    static LIBRARY: OnceLock<LazyHash<Library>> = OnceLock::new();
    LIBRARY.get_or_init(|| LazyHash::new(Library::default()))
}

/// The path every template reads its data from.
pub const DATA_PATH: &str = "/data.json";

/// A compilation of one document: templates, data and a fixed date.
pub struct PiaoWorld {
    main: FileId,
    sources: HashMap<FileId, Source>,
    files: HashMap<FileId, Bytes>,
    today: Datetime,
}

/// A file id in the project root; `None` for paths typst refuses.
pub fn file_id(path: &str) -> Option<FileId> {
    let vpath = VirtualPath::new(path).ok()?;
    Some(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

impl PiaoWorld {
    /// `templates` maps paths such as `/main.typ` to their text; `main` is the one compiled;
    /// `data` is served as `/data.json`.
    pub fn new(templates: &[(String, String)], main: &str, data: Vec<u8>, today: Datetime) -> Self {
        let mut sources = HashMap::new();
        let mut files = HashMap::new();
        for (path, text) in templates {
            if let Some(id) = file_id(path) {
                sources.insert(id, Source::new(id, text.clone()));
                files.insert(id, Bytes::from_string(text.clone()));
            }
        }
        if let Some(id) = file_id(DATA_PATH) {
            files.insert(id, Bytes::new(data));
        }
        PiaoWorld {
            main: file_id(main)
                .or_else(|| file_id("/main.typ"))
                .expect("valid path"),
            sources,
            files,
            today,
        }
    }

    /// The path of a file id, for messages.
    pub fn path(&self, id: FileId) -> String {
        id.get().vpath().get_with_slash().to_string()
    }
}

/// Why a file is not served: packages and anything we did not put there are refused.
fn refuse(id: FileId) -> FileError {
    match id.get().root() {
        VirtualRoot::Package(spec) => FileError::Other(Some(
            format!(
                "i pacchetti esterni ({spec}) non sono ammessi: i modelli devono essere autonomi"
            )
            .into(),
        )),
        VirtualRoot::Project => FileError::NotFound(id.get().vpath().get_with_slash().into()),
    }
}

impl World for PiaoWorld {
    fn library(&self) -> &LazyHash<Library> {
        library()
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &fonts().0
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        self.sources.get(&id).cloned().ok_or_else(|| {
            if self.files.contains_key(&id) {
                FileError::NotSource
            } else {
                refuse(id)
            }
        })
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.files.get(&id).cloned().ok_or_else(|| refuse(id))
    }

    fn font(&self, index: usize) -> Option<Font> {
        fonts().1.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}
