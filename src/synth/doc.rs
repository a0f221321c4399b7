//! One synthetic document, written in its shape (headed, letter, statement, table, glued, inline).

use serde::{Deserialize, Serialize};

use crate::model::Recommendation;

use super::truth::At;

/// The shape of a synthetic response document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Shape {
    /// "Recommendation N" headings, the quotation, a "Force response" marker, the answer.
    Headed,
    /// A letter: no headings; "On recommendation N:" before each answer, which runs on as prose.
    Letter,
    /// A statement or web page: the body's words with no recommendation named at all.
    Statement,
    /// A numbered table: No. | Recommendation | Response | Status, an answer paragraph per row.
    Table,
    /// Headed, with a cookie notice glued to the first answer by text extraction.
    Glued,
    /// "Recommendation N: " and the quotation, then the first answer in the same paragraph.
    Inline,
}

impl Shape {
    pub const ALL: [Shape; 6] =
        [Shape::Headed, Shape::Letter, Shape::Statement, Shape::Table, Shape::Glued, Shape::Inline];

    pub fn as_str(self) -> &'static str {
        match self {
            Shape::Headed => "headed",
            Shape::Letter => "letter",
            Shape::Statement => "statement",
            Shape::Table => "table",
            Shape::Glued => "glued",
            Shape::Inline => "inline",
        }
    }
}

impl std::str::FromStr for Shape {
    type Err = String;
    fn from_str(s: &str) -> Result<Shape, String> {
        let names: Vec<&str> = Shape::ALL.iter().map(|s| s.as_str()).collect();
        Shape::ALL
            .into_iter()
            .find(|shape| shape.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| format!("'{s}' is not a shape ({})", names.join(", ")))
    }
}

/// A cookie notice, as text extraction glues it to a page's first paragraph.
const GLUED_NOTICE: &str =
    "We use some essential cookies to make our website work. Accept all cookies. Reject optional cookies.";
/// Statuses of table rows.
const STATUSES: &[&str] = &["Complete", "Green", "Ongoing", "Amber"];

/// A response paragraph already written, that a later one may copy.
#[derive(Clone)]
pub struct Source {
    pub at: At,
    pub force: String,
    pub text: String,
}

/// Paragraphs kept as possible sources of copies.
pub const SOURCE_POOL: usize = 5_000;

/// A paragraph copied word for word to several forces.
pub struct Family {
    pub text: String,
    pub size: usize,
    pub members: Vec<At>,
    pub forces: Vec<String>,
}

/// Writes lines of one document in its shape, keeping count of lines.
pub struct Doc {
    pub id: String,
    pub force: String,
    pub lines: Vec<String>,
    pub shape: Shape,
    /// A table row's number and quotation, waiting for the row's first answer.
    pub row: Option<(u32, String)>,
    /// The glued notice is still to be glued.
    pub unglued: bool,
    /// An inline recommendation's label and quotation, waiting for its first answer.
    pub quoted: Option<String>,
}

pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

impl Doc {
    pub fn new(id: String, force: String, shape: Shape) -> Doc {
        Doc { id, force, lines: Vec::new(), shape, row: None, unglued: shape == Shape::Glued, quoted: None }
    }

    pub fn push(&mut self, line: String) -> At {
        self.lines.push(line);
        At { doc: self.id.clone(), line: self.lines.len() as u32 }
    }

    /// Opens a recommendation: a heading (with the quotation, if any, and the response marker), a
    /// prose reference, nothing, or a table row, by shape.
    pub fn open(&mut self, rec: &Recommendation, quote: Option<String>) {
        if let Some(unanswered) = self.quoted.take() {
            self.push(unanswered);
        }
        match self.shape {
            Shape::Headed | Shape::Glued => {
                self.push(format!("Recommendation {}. {}", rec.number, rec.addressee));
                if let Some(q) = quote {
                    self.push(q);
                }
                self.push("Force response".to_string());
            }
            Shape::Inline => match quote {
                Some(q) => {
                    let q = q.trim_end_matches(['.', ',', ';', ':']);
                    self.quoted = Some(format!("Recommendation {}: {q}.", rec.number));
                }
                None => {
                    self.push(format!("Recommendation {}.", rec.number));
                }
            },
            Shape::Letter => {
                self.push(format!("On recommendation {}:", rec.number));
                if let Some(q) = quote {
                    self.push(q);
                }
            }
            Shape::Statement => {
                if let Some(q) = quote {
                    self.push(q);
                }
            }
            Shape::Table => {
                if !self.lines.iter().any(|l| l.contains('\t')) {
                    self.push("No.\tRecommendation\tResponse\tStatus".to_string());
                }
                self.row = Some((rec.number, quote.unwrap_or_default()));
            }
        }
    }

    /// Writes one paragraph of the body's answer (a row of its own in a table); returns where.
    pub fn answer(&mut self, text: String) -> At {
        match self.shape {
            Shape::Table => {
                let line = match self.row.take() {
                    Some((n, quote)) => format!(
                        "{n}\t<p>{}</p>\t<p>{}</p>\t{}",
                        escape(&quote),
                        escape(&text),
                        STATUSES[n as usize % STATUSES.len()]
                    ),
                    None => format!("\t\t<p>{}</p>\t", escape(&text)),
                };
                self.push(line)
            }
            Shape::Glued if std::mem::take(&mut self.unglued) => self.push(format!("{GLUED_NOTICE} {text}")),
            Shape::Inline if self.quoted.is_some() => {
                let quoted = self.quoted.take().expect("a quotation waiting");
                self.push(format!("{quoted} {text}"))
            }
            _ => self.push(text),
        }
    }
}
