//! The auditor's report: summary, heatmap, families of findings side by side, reuse within
//! bodies, and every document with its paragraphs marked.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use crate::model::{Document, Paragraph, Role};
use crate::overview::{ByDocument, Dates, Overview, Quoted};
use crate::render::{force_label, rec_label};
use crate::reuse::passages::Passage;
use crate::reuse::{Family, Finding};

use super::figures::*;
use super::heatmap::heatmap;
use super::markup::*;

/// The summary figures and the strongest findings.
pub fn summary(o: &Overview, site: Site) -> String {
    let t = &o.totals;
    let mut s = String::from("<section id=\"summary\"><h2>Summary</h2><div class=\"figures\">");
    let recs = t.recommendations.iter().map(u32::to_string).collect::<Vec<_>>().join(", ");
    let share = if t.own_words == 0 { 0.0 } else { t.shared_words as f64 / t.own_words as f64 };
    // Say what is counted: answers to recommendations apart from preamble (letters, introductions).
    let (answers, preamble) = (t.paragraphs.get(Role::Response), t.paragraphs.get(Role::Preamble));
    let own_paragraphs = (answers + preamble).to_string();
    let own_label = format!("paragraphs of the bodies' own words: {answers} answering, {preamble} preamble");
    let answering = |p: &Paragraph| p.role == Role::Response;
    let both = o.between.findings.iter().filter(|f| answering(&f.a) && answering(&f.b)).count();
    let between_label = format!(
        "findings between bodies: {both} between answers, {} with preamble on one side or both",
        o.between.findings.len() - both
    );
    for (value, label) in [
        (t.documents.to_string(), "documents"),
        (t.bodies.to_string(), "responding bodies"),
        (recs, "recommendations answered"),
        (own_paragraphs, own_label.as_str()),
        (percent(share), "of the bodies' own words (answers and preamble; quotation left out) also in another body's"),
        (format!("{} of {}", t.bodies_sharing, t.bodies), "bodies sharing their own words"),
        (o.between.findings.len().to_string(), between_label.as_str()),
        (o.within.findings.len().to_string(), "findings within a body"),
    ] {
        let _ = write!(s, "<div class=\"figure\"><b>{}</b>{}</div>", esc(&value), esc(label));
    }
    s.push_str("</div>");
    if !o.between.findings.is_empty() {
        s.push_str("<h3>Strongest findings</h3><div class=\"scroll\"><table><tr><th>#</th><th>kind</th><th class=\"num\">score</th><th class=\"num\">shared words</th><th>A</th><th>B</th><th>family</th></tr>");
        for (i, f) in o.between.findings.iter().take(10).enumerate() {
            let _ = write!(
                s,
                "<tr><td class=\"num\">{}</td><td><span class=\"kind {k}\">{k}</span></td><td class=\"num\">{:.2}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td><td><a href=\"{}\">{}</a></td></tr>",
                i + 1,
                f.score,
                f.shared_words,
                para_link(&f.a, site),
                para_link(&f.b, site),
                esc(&site.family(&f.family)),
                esc(&f.family),
                k = kind_name(f),
            );
        }
        s.push_str("</table></div>");
    }
    s.push_str("</section>");
    s
}

pub fn kind_name(f: &Finding) -> &'static str {
    match f.kind {
        crate::reuse::Kind::Verbatim => "verbatim",
        crate::reuse::Kind::Near => "near",
        crate::reuse::Kind::Partial => "partial",
        crate::reuse::Kind::Paraphrase => "paraphrase",
    }
}

/// A link to a paragraph, labelled with its body and recommendation.
pub fn para_link(p: &Paragraph, site: Site) -> String {
    format!(
        "<a href=\"{}\">{}</a> <span class=\"meta\">{}</span>",
        esc(&site.paragraph(&p.id)),
        esc(force_label(p.force.as_deref())),
        esc(&format!("{} · {}:{}", rec_label(p.recommendation), p.path, p.line))
    )
}

/// What to mark on each side of a finding.
pub struct Marks {
    /// Shared words.
    pub shared_a: Vec<[usize; 2]>,
    pub shared_b: Vec<[usize; 2]>,
    /// Whole shared passages (what of them is not shared differs).
    pub passages_a: Vec<[usize; 2]>,
    pub passages_b: Vec<[usize; 2]>,
}

impl Marks {
    /// Side `a`'s marks and side `b`'s, each as the `a` side of its own.
    pub fn split(self) -> (Marks, Marks) {
        (
            Marks {
                shared_a: self.shared_a,
                shared_b: Vec::new(),
                passages_a: self.passages_a,
                passages_b: Vec::new(),
            },
            Marks {
                shared_a: self.shared_b,
                shared_b: Vec::new(),
                passages_a: self.passages_b,
                passages_b: Vec::new(),
            },
        )
    }
}

pub fn marks(f: &Finding) -> Marks {
    Marks {
        shared_a: f.spans.iter().flat_map(|s| s.marks_a.iter().copied()).collect(),
        shared_b: f.spans.iter().flat_map(|s| s.marks_b.iter().copied()).collect(),
        passages_a: f.spans.iter().map(|s| s.a).collect(),
        passages_b: f.spans.iter().map(|s| s.b).collect(),
    }
}

/// One finding: both paragraphs side by side, shared words marked, differences inside shared
/// passages in red, quotation of the report greyed.
/// Which side of a finding came first, by its documents' dates: "first: DOC (date)", the same
/// period, or which side is undated (never guessed).
pub fn order(f: &Finding, dates: &Dates) -> String {
    if f.a.doc == f.b.doc {
        return "one document".to_string();
    }
    let date = |doc: &str| dates.get(doc).cloned().flatten();
    let (a, b) = (date(&f.a.doc), date(&f.b.doc));
    match crate::dates::first(a.as_deref(), b.as_deref()) {
        crate::dates::First::A => format!("first: {} ({})", esc(&f.a.doc), esc(a.as_deref().unwrap_or(""))),
        crate::dates::First::B => format!("first: {} ({})", esc(&f.b.doc), esc(b.as_deref().unwrap_or(""))),
        crate::dates::First::Same => format!("same period ({})", esc(a.as_deref().unwrap_or(""))),
        crate::dates::First::Undated => {
            let undated: Vec<&str> = [(&f.a.doc, &a), (&f.b.doc, &b)]
                .into_iter()
                .filter(|(_, d)| d.as_deref().and_then(crate::dates::PartialDate::parse).is_none())
                .map(|(doc, _)| doc.as_str())
                .collect();
            format!("order not known: {} undated", esc(&undated.join(" and ")))
        }
    }
}

pub fn pair(f: &Finding, quoted: &Quoted, dates: &Dates, site: Site, n: usize) -> String {
    let m = marks(f);
    let none = Vec::new();
    let side = |p: &Paragraph, marks: &[[usize; 2]], passages: &[[usize; 2]]| {
        let q = quoted.get(&p.id).unwrap_or(&none);
        format!(
            "<div class=\"side\"><div class=\"who\">{}</div><p>{}</p></div>",
            para_link(p, site),
            layered(&p.text, &[(marks, "shared"), (q, "quoted"), (passages, "diff")])
        )
    };
    format!(
        "<div class=\"pair\" data-a=\"{}\" data-b=\"{}\"><div class=\"head\">#{n} <span class=\"kind {k}\">{k}</span> score {:.2} · {} shared words, longest run {} · contained {} / {} · <span class=\"order\">{}</span></div><div class=\"sides\">{}{}</div></div>",
        esc(&f.a.id),
        esc(&f.b.id),
        f.score,
        f.shared_words,
        f.longest_run,
        percent(f.containment_a),
        percent(f.containment_b),
        order(f, dates),
        side(&f.a, &m.shared_a, &m.passages_a),
        side(&f.b, &m.shared_b, &m.passages_b),
        k = kind_name(f),
    )
}

pub const LEGEND: &str = "<p class=\"legend\"><mark class=\"shared\">shared words</mark> · <span class=\"diff\">words that differ inside a shared passage</span> · <span class=\"quoted\">quoted from the report (never counted)</span></p>";

/// Where a passage occurs, in date order: the likely source marked, undated said, and what each
/// occurrence changed against the template (its added words marked in its text).
pub fn occurrences(p: &Passage, site: Site) -> String {
    let mut s = String::from("<div class=\"scroll\"><table class=\"occurrences\"><tr><th>#</th><th>paragraph</th><th>body</th><th>recommendation</th><th>role</th><th>date</th><th>line</th><th>changed against the template</th></tr>");
    for (i, o) in p.occurrences.iter().enumerate() {
        let q = &o.paragraph;
        let mut changes = if o.as_template() {
            "the template as is".to_string()
        } else {
            let dropped = if o.dropped.is_empty() {
                String::new()
            } else {
                format!(" <span class=\"dropped\">−{}</span>", esc(&o.dropped.join(" ")))
            };
            format!("+{} −{}{dropped}", o.added.len(), o.dropped.len())
        };
        if !o.near.is_empty() {
            let _ = write!(changes, " · {} nearly the same", o.near.len());
        }
        if !o.added.is_empty() || !o.near.is_empty() {
            let marks = [(&runs(&q.text, &o.added)[..], "added"), (&o.near[..], "near")];
            let _ = write!(changes, "<div class=\"changed\">{}</div>", layered(&q.text, &marks));
        }
        let note = if o.source {
            format!("<b class=\"source\">likely source (earliest dated)</b> {changes}")
        } else {
            changes
        };
        let _ = write!(
            s,
            "<tr{}><td class=\"num\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{note}</td></tr>",
            if o.source { " class=\"source\"" } else { "" },
            i + 1,
            para_link(q, site),
            esc(&o.body),
            esc(&rec_label(q.recommendation)),
            q.role,
            esc(o.date.as_deref().unwrap_or("undated")),
            q.line
        );
    }
    s.push_str("</table></div>");
    s
}

/// Byte ranges of words joined into runs where only spaces and punctuation stand between them.
fn runs(text: &str, ranges: &[[usize; 2]]) -> Vec<[usize; 2]> {
    let mut out: Vec<[usize; 2]> = Vec::new();
    for &[a, b] in ranges {
        match out.last_mut() {
            Some(last) if text.get(last[1]..a).is_some_and(|gap| !gap.chars().any(char::is_alphanumeric)) => {
                last[1] = b
            }
            _ => out.push([a, b]),
        }
    }
    out
}

/// Every family of copied passages, each with its pairs side by side.
pub fn families(
    families: &[Family],
    findings: &[Finding],
    passages: &[Passage],
    quoted: &Quoted,
    dates: &Dates,
    site: Site,
    max_pairs: usize,
) -> String {
    if families.is_empty() {
        return "<p>No response wording is shared between bodies at these thresholds.</p>".into();
    }
    let by_id: HashMap<&str, &Passage> = passages.iter().map(|p| (p.id.as_str(), p)).collect();
    let by_family = findings_by_family(findings);
    let mut s = String::from(LEGEND);
    for fam in families {
        let of = by_family.get(fam.id.as_str()).map_or(&[][..], Vec::as_slice);
        s.push_str(&family(fam, of, by_id.get(fam.id.as_str()).copied(), quoted, dates, site, max_pairs));
    }
    s
}

/// Findings grouped by their family's id, in their order.
pub fn findings_by_family(findings: &[Finding]) -> HashMap<&str, Vec<&Finding>> {
    let mut by: HashMap<&str, Vec<&Finding>> = HashMap::new();
    for f in findings {
        by.entry(f.family.as_str()).or_default().push(f);
    }
    by
}

/// One family of copied passages: its text, where it occurs, and its strongest pairs side by side.
pub fn family(
    fam: &Family,
    findings: &[&Finding],
    passage: Option<&Passage>,
    quoted: &Quoted,
    dates: &Dates,
    site: Site,
    max_pairs: usize,
) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "<section class=\"family\" id=\"family-{}\"><h3>{} · {}</h3><p class=\"meta\">{} paragraphs, {} finding{}, strongest {:.2}</p>",
        slug(&fam.id),
        esc(&fam.id),
        esc(&fam.bodies.join("; ")),
        fam.size,
        fam.findings,
        if fam.findings == 1 { "" } else { "s" },
        fam.strongest,
    );
    match passage {
        Some(p) => {
            let _ = write!(
                s,
                "<p class=\"meta\">Template ({} words, as most occurrences carry it) · {}:</p><blockquote class=\"template\">{}</blockquote><p class=\"meta\">Occurs {} times in {} document{} of {} bod{}:</p>{}",
                p.template_words,
                esc(&crate::render::passages::first(p)),
                esc(&p.template),
                p.occurrences.len(),
                p.documents,
                if p.documents == 1 { "" } else { "s" },
                p.bodies,
                if p.bodies == 1 { "y" } else { "ies" },
                occurrences(p, site)
            );
        }
        None => {
            let _ = write!(s, "<blockquote>{}</blockquote>", esc(&fam.representative));
        }
    }
    for (n, f) in findings.iter().take(max_pairs).enumerate() {
        s.push_str(&pair(f, quoted, dates, site, n + 1));
    }
    if fam.findings > max_pairs {
        let all = match site {
            Site::Server => "<a href=\"/api/reuse\">/api/reuse</a>",
            Site::Report | Site::Pages(..) => "<code>echoes reuse --pairs</code>",
        };
        let _ = write!(
            s,
            "<p class=\"meta\">The {} strongest of its {} findings are shown; all are listed by {all}.</p>",
            max_pairs, fam.findings
        );
    }
    s.push_str("</section>");
    s
}

/// A document's paragraphs in order, coloured by role, copied passages marked and linked to
/// their twins.
pub fn document(o: &Overview, by: &ByDocument, d: &Document, site: Site, shown: std::ops::Range<usize>) -> String {
    let mut s = format!(
        "<section class=\"document\" id=\"doc-{}\"><h3>{}</h3><p class=\"meta\">{} · {} · {} · recommendations {}</p>",
        slug(&d.doc),
        esc(force_label(d.force.as_deref())),
        esc(&d.path),
        esc(d.date.as_deref().unwrap_or("undated")),
        esc(&d.format),
        esc(&d.recommendations.iter().map(u32::to_string).collect::<Vec<_>>().join(", "))
    );
    if let Some(p) = by.provenance.get(d.doc.as_str()) {
        s.push_str(&provenance_bar(p));
    }
    let none = Vec::new();
    let all = by.paragraphs.get(d.doc.as_str()).copied().unwrap_or_default();
    let shown = shown.start.min(all.len())..shown.end.min(all.len());
    let _ = write!(s, "<ol class=\"doc\" start=\"{}\">", shown.start + 1);
    for p in &all[shown] {
        let mut marks: Vec<[usize; 2]> = Vec::new();
        let mut twins: BTreeMap<String, &Paragraph> = BTreeMap::new();
        for f in by.findings.get(p.id.as_str()).into_iter().flatten() {
            let m = self::marks(f);
            if f.a.id == p.id {
                marks.extend(m.shared_a);
                twins.insert(f.b.id.clone(), &f.b);
            } else {
                marks.extend(m.shared_b);
                twins.insert(f.a.id.clone(), &f.a);
            }
        }
        let q = o.quoted.get(&p.id).unwrap_or(&none);
        let _ = write!(
            s,
            "<li id=\"p-{}\" class=\"role-{}\"><span class=\"role\">{} · {} · line {}</span><p>{}</p>",
            slug(&p.id),
            p.role,
            p.role,
            esc(&rec_label(p.recommendation)),
            p.line,
            layered(&p.text, &[(&marks, "shared"), (q, "quoted")])
        );
        if !twins.is_empty() {
            s.push_str("<div class=\"twins\">shared with: ");
            let links: Vec<String> = twins
                .values()
                .map(|t| {
                    format!(
                        "<a href=\"{}\">{} ({})</a>",
                        esc(&site.paragraph(&t.id)),
                        esc(&t.id),
                        esc(t.force.as_deref().unwrap_or("unattributed"))
                    )
                })
                .collect();
            s.push_str(&links.join(", "));
            s.push_str("</div>");
        }
        s.push_str("</li>");
    }
    s.push_str("</ol></section>");
    s
}

/// The documents table.
pub fn documents_table(docs: &[Document], site: Site) -> String {
    let mut s = String::from("<div class=\"scroll\"><table><tr><th>document</th><th>body</th><th>date</th><th>recommendations</th><th class=\"num\">response</th><th class=\"num\">recommendation</th><th class=\"num\">preamble</th><th class=\"num\">chrome</th><th>check</th></tr>");
    for d in docs {
        let _ = write!(
            s,
            "<tr><td><a href=\"{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td>",
            esc(&site.document(&d.doc)),
            esc(&d.doc),
            esc(force_label(d.force.as_deref())),
            esc(d.date.as_deref().unwrap_or("-")),
            esc(&d.recommendations.iter().map(u32::to_string).collect::<Vec<_>>().join(", "))
        );
        for role in Role::ALL {
            let _ = write!(s, "<td class=\"num\">{}</td>", d.paragraphs.get(role));
        }
        let _ = write!(s, "<td>{}</td></tr>", esc(&d.doubts().join("; ")));
    }
    s.push_str("</table></div>");
    s
}

/// The reuse of one body within itself.
pub fn within(o: &Overview, site: Site, shown: std::ops::Range<usize>) -> String {
    if o.within.findings.is_empty() {
        return "<p>No body repeats its own response wording at these thresholds.</p>".into();
    }
    let mut s = String::from("<p>One body's answer pasted under several recommendations, or repeated with edits.</p>");
    s.push_str(LEGEND);
    let shown = shown.start.min(o.within.findings.len())..shown.end.min(o.within.findings.len());
    let dates = crate::overview::dates(&o.documents);
    for (n, f) in o.within.findings[shown.clone()].iter().enumerate() {
        s.push_str(&pair(f, &o.quoted, &dates, site, shown.start + n + 1));
    }
    s
}

/// The heatmap's section, in one file or split.
pub fn heatmap_section(o: &Overview) -> String {
    format!("<section id=\"heatmap\"><h2>Shared own words, body by body</h2>{}</section>", heatmap(&o.matrix, &o.order))
}

/// Who answered what, report by report: its section, in one file or split.
pub fn coverage_section(o: &Overview) -> String {
    format!(
        "<section id=\"coverage\"><h2>Who answered what</h2><p>Response paragraphs and their words, by body and recommendation.</p>{}</section>",
        coverage(&o.coverage)
    )
}

/// The line `echoes report` prints once it has written the report.
pub fn wrote(out: &mut dyn std::io::Write, path: &std::path::Path, overview: &Overview) -> std::io::Result<()> {
    writeln!(
        out,
        "wrote {} ({} documents, {} findings between bodies in {} families, {} within a body)",
        path.display(),
        overview.totals.documents,
        overview.between.findings.len(),
        overview.between.families.len(),
        overview.within.findings.len()
    )
}
