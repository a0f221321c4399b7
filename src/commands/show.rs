//! `echoes show`: a document's paragraphs in order, or one paragraph.

use std::io::Write;

use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

use crate::cli::ShowArgs;
use crate::commands::Context;
use crate::error::{Error, EXIT_OK};
use crate::render;

pub fn run(ctx: &Context, args: &ShowArgs, out: &mut dyn Write) -> anyhow::Result<u8> {
    let opened = ctx.open_index()?;
    let f = opened.fields;
    let (field, value) =
        if opened.meta.documents.iter().any(|d| d.doc == args.id) { (f.doc, &args.id) } else { (f.id, &args.id) };
    let query = TermQuery::new(Term::from_field_text(field, value), IndexRecordOption::Basic);
    let paragraphs = opened.paragraphs_matching(&query)?;
    if paragraphs.is_empty() {
        return Err(Error::UnknownDocument(args.id.clone()).into());
    }
    render::docs::paragraphs(out, &paragraphs, args.format.format, ctx.painter)?;
    Ok(EXIT_OK)
}
