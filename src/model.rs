//! The records echoes works with: the report's recommendations, the blocks read from a file, and the
//! paragraphs, roles and documents made of them.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// What a paragraph is, relative to the responding body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// The body's own words in answer to a recommendation.
    Response,
    /// Text quoted from the report (with its notes and bullets), and headings.
    Recommendation,
    /// Covering letters, introductions, sign-offs: anything outside a recommendation.
    Preamble,
    /// Website furniture: cookie banners, "Quickly exit this site", beta notices.
    Chrome,
    /// A reference document's text (the report itself, its press release, its web pages, a
    /// template bodies were invited to use): never a body's own words, and quotation wherever a
    /// response repeats it.
    Reference,
}

impl Role {
    pub const ALL: [Role; 5] = [Role::Response, Role::Recommendation, Role::Preamble, Role::Chrome, Role::Reference];

    /// The roles that are a body's own words (see [`Role::is_own`]), in order.
    pub const OWN: [Role; 2] = [Role::Response, Role::Preamble];

    /// Whether a paragraph of this role is the body's own words: its answers and everything it
    /// wrote around them (letters, introductions, statements). Quotation of the report, a
    /// reference document's text and website furniture are not.
    pub fn is_own(self) -> bool {
        match self {
            Role::Response | Role::Preamble => true,
            Role::Recommendation | Role::Chrome | Role::Reference => false,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Response => "response",
            Role::Recommendation => "recommendation",
            Role::Preamble => "preamble",
            Role::Chrome => "chrome",
            Role::Reference => "reference",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = String;
    fn from_str(s: &str) -> Result<Role, String> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| format!("unknown role '{s}' (response, recommendation, preamble, chrome, reference, all)"))
    }
}

/// The order names are listed in: case-insensitive ("aberdeen Council" before "Beta Police"),
/// then by case, so that the order is total.
pub fn name_order(a: &str, b: &str) -> std::cmp::Ordering {
    a.to_lowercase().cmp(&b.to_lowercase()).then_with(|| a.cmp(b))
}

/// One paragraph of one document, with everything known about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Paragraph {
    /// `doc:ordinal`.
    pub id: String,
    pub doc: String,
    /// Path relative to the corpus directory.
    pub path: String,
    pub force: Option<String>,
    /// The recommendation the paragraph answers (the first, when it answers several).
    pub recommendation: Option<u32>,
    /// Every recommendation the paragraph answers, sorted: a letter's "Recommendations 1, 4 and
    /// 5 ..." answers three, and is found under each.
    #[serde(default)]
    pub recommendations: Vec<u32>,
    pub role: Role,
    /// A table row's status ("Complete", "Green"), on the row's response paragraphs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Position of the paragraph in its document, from 0.
    pub paragraph: u32,
    /// 1-based line of the source file where the paragraph starts.
    pub line: u32,
    /// The original wording.
    pub text: String,
    /// The report the paragraph belongs to: the one its document answers, or for text quoted
    /// from another report of the corpus, that report. None when no report was matched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<String>,
}

impl Paragraph {
    /// A text from outside any document (pasted for `similar --text`, or made for a test): id and
    /// document `text`, no path, force, recommendation or report; read as a response.
    pub fn outside(text: &str) -> Paragraph {
        Paragraph {
            id: "text".into(),
            doc: "text".into(),
            path: String::new(),
            force: None,
            recommendation: None,
            recommendations: Vec::new(),
            role: Role::Response,
            status: None,
            paragraph: 0,
            line: 0,
            text: text.to_string(),
            report: None,
        }
    }

    /// Every recommendation the paragraph answers.
    pub fn answers(&self) -> impl Iterator<Item = u32> + '_ {
        self.recommendation
            .into_iter()
            .chain(self.recommendations.iter().copied().filter(|r| Some(*r) != self.recommendation))
    }
}

/// Paragraph counts per role.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleCounts {
    pub response: usize,
    pub recommendation: usize,
    pub preamble: usize,
    pub chrome: usize,
    #[serde(default)]
    pub reference: usize,
}

impl RoleCounts {
    pub fn add(&mut self, role: Role) {
        *self.get_mut(role) += 1;
    }

    fn get_mut(&mut self, role: Role) -> &mut usize {
        match role {
            Role::Response => &mut self.response,
            Role::Recommendation => &mut self.recommendation,
            Role::Preamble => &mut self.preamble,
            Role::Chrome => &mut self.chrome,
            Role::Reference => &mut self.reference,
        }
    }

    pub fn get(&self, role: Role) -> usize {
        match role {
            Role::Response => self.response,
            Role::Recommendation => self.recommendation,
            Role::Preamble => self.preamble,
            Role::Chrome => self.chrome,
            Role::Reference => self.reference,
        }
    }

    pub fn merge(&mut self, other: &RoleCounts) {
        for role in Role::ALL {
            *self.get_mut(role) += other.get(role);
        }
    }

    pub fn total(&self) -> usize {
        Role::ALL.iter().map(|r| self.get(*r)).sum()
    }
}

/// How a document's force was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ForceSource {
    Manifest,
    Detected,
}

/// One document of the corpus, as indexed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub doc: String,
    pub path: String,
    pub force: Option<String>,
    pub force_source: Option<ForceSource>,
    pub date: Option<String>,
    pub source: Option<String>,
    pub report: Option<String>,
    pub format: String,
    /// A reference document (the manifest's `kind = "reference"`): its words are quotation.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub reference: bool,
    /// Recommendation numbers found, sorted: the ones it answers and the ones it only mentions.
    pub recommendations: Vec<u32>,
    /// The recommendations its response paragraphs answer, sorted (as `coverage` counts them).
    #[serde(default)]
    pub answers: Vec<u32>,
    /// The recommendations it names or quotes without answering them, sorted ("as requested per
    /// recommendation 8" in an introduction).
    #[serde(default)]
    pub mentions: Vec<u32>,
    pub paragraphs: RoleCounts,
}

/// Share of a document's paragraphs in one role above which its segmentation looks doubtful.
const ONE_ROLE_SHARE: f64 = 0.9;

impl Document {
    /// What looks doubtful about how the document was read, for a user to check: no
    /// recommendation found, no body, no own words, or almost everything read as quotation of the
    /// report or as furniture. What is normal is not said: a letter all in its own words, a
    /// response all response; and a reference, which the user marked, answers nothing and is no
    /// body's (only a reference of which nothing was read is flagged).
    pub fn doubts(&self) -> Vec<&'static str> {
        let c = self.paragraphs;
        let total = c.total();
        let mut out = Vec::new();
        if self.reference {
            if total == 0 {
                out.push("nothing read");
            }
            return out;
        }
        if self.recommendations.is_empty() {
            out.push("no recommendation found");
        }
        if self.force.is_none() {
            out.push("no body found");
        }
        if self.report.is_none() {
            out.push("no report matched");
        }
        // A letter or statement answers in its own words without "response" sections: only a
        // document with no own words at all has no response.
        if c.response + c.preamble == 0 {
            out.push("no response found");
        }
        let most = |role: Role| total >= 5 && c.get(role) as f64 >= ONE_ROLE_SHARE * total as f64;
        if most(Role::Recommendation) {
            out.push("almost all quoted from the report");
        }
        if most(Role::Chrome) {
            out.push("almost all furniture");
        }
        out
    }
}

/// One recommendation of the report, as `recommendations.toml` gives it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Recommendation {
    pub number: u32,
    pub addressee: String,
    pub text: String,
    /// Whether the responding bodies were asked to answer it (`asked = false`: a recommendation
    /// addressed to others, such as the Home Office). Coverage and `docs` ask only about those
    /// asked; quotation of any recommendation is quotation.
    #[serde(default = "asked_by_default", skip_serializing_if = "is_asked")]
    pub asked: bool,
}

fn asked_by_default() -> bool {
    true
}

fn is_asked(asked: &bool) -> bool {
    *asked
}

/// One report and its recommendations, as `recommendations.toml` or `reports/<id>.toml` gives
/// them.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Recommendations {
    /// The report's id (for `reports/<id>.toml`, the file's name when not given).
    #[serde(default)]
    pub report: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub publisher: Option<String>,
    #[serde(default)]
    pub date: Option<String>,
    /// The report's own text in the corpus (relative to it): a reference document of this report,
    /// as a manifest entry with `kind = "reference"` would make it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_file: Option<String>,
    /// When answers are due, counted from `date` (the publication date).
    #[serde(default, rename = "deadline", skip_serializing_if = "Vec::is_empty")]
    pub deadlines: Vec<Deadline>,
    #[serde(rename = "recommendation")]
    pub items: Vec<Recommendation>,
}

/// When a report's answers are due, as `[[deadline]]` gives it: a period after publication
/// ("six months", "56 days"), what sets it, and the bodies it binds.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Deadline {
    /// The period after publication: "six months", "6 months", "56 days", "8 weeks", "1 year".
    pub within: String,
    /// The recommendation that sets it ("provide an update ... within six months").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recommendation: Option<u32>,
    /// The law or rule that sets it ("Police Act 1996, s.55").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
    /// The bodies it binds: those whose name holds one of these words, case aside ("Police and
    /// Crime Commissioner", "PCC"). None: every responding body.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bodies: Vec<String>,
}

impl Recommendations {
    /// The report's id.
    pub fn id(&self) -> &str {
        self.report.as_deref().unwrap_or("report")
    }

    /// The numbers of the recommendations the responding bodies were asked to answer, in order.
    pub fn numbers(&self) -> Vec<u32> {
        self.items.iter().filter(|r| r.asked).map(|r| r.number).collect()
    }
}

/// Which part of a recommendation/response table a cell belongs to, from the table's header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Recommendation,
    Response,
    /// A numbered first column ("No.", "Ref", "#"): the row's recommendation number, when it is one.
    Number,
    /// A status column ("Status", "RAG", "Progress"): "Complete", "Green", not response prose.
    Status,
    /// Any other column (who provided the answer, owners, dates).
    Other,
}

/// Where a block sits in a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    pub row: u32,
    pub column: u32,
    pub kind: Column,
    pub header: bool,
}

/// What the layout says of a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Hint {
    #[default]
    None,
    /// A heading element.
    Heading,
    /// Navigation, header, footer, cookie banner and the like.
    Furniture,
    /// An item of a numbered list, with its number as the document shows it (Word numbering, which
    /// is not in the text).
    Numbered(u32),
    /// A page's title (HTML `<title>`): whose site the page is on, read as evidence of its author;
    /// no paragraph of the document.
    Title,
}

/// One candidate paragraph as read from a file: original wording, whitespace collapsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub text: String,
    /// 1-based line of the source file where the block starts.
    pub line: u32,
    pub cell: Option<Cell>,
    pub hint: Hint,
}

impl Block {
    pub fn plain(text: impl Into<String>, line: u32) -> Block {
        Block { text: text.into(), line, cell: None, hint: Hint::None }
    }
}

/// A name (a file's, a document's, a body's) on one line: line breaks and tabs written `\n`, `\r`
/// and `\t`, other control characters and line separators `\u{..}`. A file name holding a line
/// break then cannot pass for a line of its own, in a listing, a message or a manifest's comment.
pub fn one_line(text: &str) -> std::borrow::Cow<'_, str> {
    let odd = |c: char| c.is_control() || matches!(c, '\u{2028}' | '\u{2029}');
    if !text.chars().any(odd) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if odd(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.into()
}

#[cfg(test)]
mod tests {
    use super::Role;

    #[test]
    fn own_words_are_responses_and_preambles_only() {
        let own: Vec<Role> = Role::ALL.into_iter().filter(|r| r.is_own()).collect();
        assert_eq!(own, [Role::Response, Role::Preamble]);
        assert_eq!(own, Role::OWN);
        for r in [Role::Recommendation, Role::Chrome, Role::Reference] {
            assert!(!r.is_own(), "{r}");
        }
    }
}
