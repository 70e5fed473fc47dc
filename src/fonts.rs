//! The fonts bundled in `fonts/`, compiled into the binary so the PDF never depends on the
//! machine, and what they can print. The loader asks [`printable`] of every text it reads, so
//! `piao check` finds a character the PDF could not hold at its cell or YAML line; the
//! renderer serves the same fonts to typst.

use std::sync::OnceLock;
use typst::foundations::Bytes;
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;

/// The fonts in `fonts/`, compiled into the binary so the PDF never depends on the machine.
const FONT_FILES: &[&[u8]] = &[
    include_bytes!("../fonts/TitilliumWeb_400Regular.ttf"),
    include_bytes!("../fonts/TitilliumWeb_400Regular_Italic.ttf"),
    include_bytes!("../fonts/TitilliumWeb_600SemiBold.ttf"),
    include_bytes!("../fonts/TitilliumWeb_700Bold.ttf"),
    include_bytes!("../fonts/TitilliumWeb_700Bold_Italic.ttf"),
    include_bytes!("../fonts/DejaVuSans.ttf"),
    include_bytes!("../fonts/DejaVuSans-Bold.ttf"),
];

/// Fonts are parsed once per process and shared by every build.
pub fn fonts() -> &'static (LazyHash<FontBook>, Vec<Font>) {
    static FONTS: OnceLock<(LazyHash<FontBook>, Vec<Font>)> = OnceLock::new();
    FONTS.get_or_init(|| {
        let fonts: Vec<Font> = FONT_FILES
            .iter()
            .flat_map(|data| Font::iter(Bytes::new(*data)))
            .collect();
        (LazyHash::new(FontBook::from_fonts(&fonts)), fonts)
    })
}

/// Whether the bundled fonts can print `c`: white space always, control characters never
/// (a PDF/A cannot hold them), anything else when a font has a glyph for it.
pub fn printable(c: char) -> bool {
    // Printable ASCII, most of any Italian text, is in every bundled font: no lookup.
    (' '..='~').contains(&c)
        || matches!(c, '\t' | '\n' | '\r')
        || (!c.is_control() && c.is_whitespace())
        || !c.is_control()
            && fonts()
                .1
                .iter()
                .any(|f| f.info().coverage.contains(c as u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printable_ascii_shortcut_agrees_with_the_fonts() {
        for c in ' '..='~' {
            assert!(
                fonts()
                    .1
                    .iter()
                    .any(|f| f.info().coverage.contains(c as u32)),
                "{c:?} is taken as printable without a lookup but no bundled font has it"
            );
        }
        assert!(!printable('\u{7}'));
        assert!(printable('è') && printable('€'));
    }
}
