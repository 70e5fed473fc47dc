//! Narrative text of a sub-section: a small Markdown subset (paragraphs, bullet lists, bold,
//! italic, links) held as data, so that it reaches the template as data and never as markup.

use serde::Serialize;

/// A run of text with its style.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Inline {
    pub text: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub bold: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub italic: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
}

/// A block of narrative text.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Block {
    Paragraph {
        content: Vec<Inline>,
    },
    /// A bullet list, or a numbered one when `start` is set.
    List {
        #[serde(skip_serializing_if = "Option::is_none")]
        start: Option<u64>,
        items: Vec<Vec<Inline>>,
    },
}

/// Narrative text, as a list of blocks.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(transparent)]
pub struct RichText(pub Vec<Block>);

impl RichText {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The destinations of the links written in the text.
    pub fn links(&self) -> Vec<&str> {
        self.0
            .iter()
            .flat_map(|b| match b {
                Block::Paragraph { content } => vec![content.as_slice()],
                Block::List { items, .. } => items.iter().map(Vec::as_slice).collect(),
            })
            .flatten()
            .filter_map(|i| i.link.as_deref())
            .collect()
    }
}

impl<'de> serde::Deserialize<'de> for RichText {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let source = String::deserialize(d)?;
        Ok(RichText::from_markdown(&source))
    }
}

impl RichText {
    /// Parses the Markdown subset the secretariat writes. Anything outside the subset
    /// (headings, code, quotes, images) keeps its text as plain paragraphs, so nothing typed
    /// is lost; raw HTML is shown literally.
    pub fn from_markdown(source: &str) -> RichText {
        use pulldown_cmark::{Event, Parser, Tag, TagEnd};

        let mut blocks = Vec::new();
        let mut current: Vec<Inline> = Vec::new();
        let mut items: Vec<Vec<Inline>> = Vec::new();
        let mut list_depth = 0usize;
        let mut list_start: Option<u64> = None;
        let (mut bold, mut italic) = (0usize, 0usize);
        let mut link: Option<String> = None;

        let push_text =
            |current: &mut Vec<Inline>, text: &str, bold, italic, link: &Option<String>| {
                match current.last_mut() {
                    Some(last)
                        if last.bold == bold && last.italic == italic && last.link == *link =>
                    {
                        last.text.push_str(text)
                    }
                    _ => current.push(Inline {
                        text: text.to_string(),
                        bold,
                        italic,
                        link: link.clone(),
                    }),
                }
            };

        for event in Parser::new(source) {
            match event {
                Event::Start(Tag::Strong) => bold += 1,
                Event::End(TagEnd::Strong) => bold = bold.saturating_sub(1),
                Event::Start(Tag::Emphasis) => italic += 1,
                Event::End(TagEnd::Emphasis) => italic = italic.saturating_sub(1),
                Event::Start(Tag::Link { dest_url, .. }) => link = Some(dest_url.to_string()),
                Event::End(TagEnd::Link) => link = None,
                Event::Start(Tag::List(start)) => {
                    if list_depth == 0 {
                        if !current.is_empty() {
                            blocks.push(Block::Paragraph {
                                content: std::mem::take(&mut current),
                            });
                        }
                        list_start = start;
                    }
                    list_depth += 1;
                }
                Event::End(TagEnd::List(_)) => {
                    list_depth -= 1;
                    if list_depth == 0 && !items.is_empty() {
                        blocks.push(Block::List {
                            start: list_start,
                            items: std::mem::take(&mut items),
                        });
                    }
                }
                Event::Start(Tag::Heading { level, .. }) => {
                    // Headings are not part of the subset: keep the "#" the user typed.
                    let hashes = "#".repeat(level as usize);
                    push_text(&mut current, &format!("{hashes} "), false, false, &None);
                }
                Event::Start(Tag::Item) if !current.is_empty() => {
                    // A nested list: close the parent item's text first.
                    items.push(std::mem::take(&mut current));
                }
                Event::End(TagEnd::Item) if !current.is_empty() => {
                    items.push(std::mem::take(&mut current));
                }
                Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::CodeBlock)
                    if list_depth == 0 && !current.is_empty() =>
                {
                    blocks.push(Block::Paragraph {
                        content: std::mem::take(&mut current),
                    });
                }
                Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                    push_text(&mut current, &t, bold > 0, italic > 0, &link)
                }
                Event::SoftBreak | Event::HardBreak => {
                    push_text(&mut current, " ", bold > 0, italic > 0, &link)
                }
                _ => {}
            }
        }
        if !current.is_empty() {
            blocks.push(Block::Paragraph { content: current });
        }
        RichText(blocks)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(text: &str) -> Inline {
        Inline {
            text: text.into(),
            bold: false,
            italic: false,
            link: None,
        }
    }

    #[test]
    fn paragraphs_lists_and_styles() {
        let t = RichText::from_markdown(
            "Primo **grassetto** e *corsivo*.\n\n- uno\n- [due](https://example.it)\n\nFine",
        );
        assert_eq!(t.0.len(), 3);
        let Block::Paragraph { content: p } = &t.0[0] else {
            panic!()
        };
        assert_eq!(p[1].text, "grassetto");
        assert!(p[1].bold);
        assert!(p[3].italic);
        let Block::List { items, .. } = &t.0[1] else {
            panic!()
        };
        assert_eq!(items[0], vec![plain("uno")]);
        assert_eq!(items[1][0].link.as_deref(), Some("https://example.it"));
    }

    #[test]
    fn markup_characters_stay_literal() {
        let t = RichText::from_markdown("#set text(red) $x$ <b> @ref \\ // =");
        let all: String =
            t.0.iter()
                .flat_map(|b| match b {
                    Block::Paragraph { content } => content.clone(),
                    Block::List { .. } => vec![],
                })
                .map(|i| i.text)
                .collect();
        assert!(all.contains("$x$"), "{all}");
        assert!(all.contains("<b>"), "{all}");
        assert!(all.starts_with("#set text(red)"), "{all}");
    }
}
