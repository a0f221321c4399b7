//! `echoes similar`: the paragraphs of other bodies most like one paragraph or a pasted text.

use std::io::Write;

use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

use crate::cli::SimilarArgs;
use crate::commands::Context;
use crate::error::{Error, EXIT_NO_MATCH, EXIT_OK};
use crate::render;
use crate::reuse::Collection;

pub fn run(ctx: &Context, args: &SimilarArgs, out: &mut dyn Write) -> anyhow::Result<u8> {
    let opened = ctx.open_index()?;
    let collection = Collection::from_index(&opened, args.thresholds.min_words, true, &args.thresholds.roles())?;
    let target = match (&args.id, &args.text) {
        (_, Some(text)) => collection.outside_unit(text),
        (Some(id), None) => match collection.unit(id) {
            Some(u) => u.clone(),
            // Not a response: compared all the same, as its body's words.
            None => {
                let query = TermQuery::new(Term::from_field_text(opened.fields.id, id), IndexRecordOption::Basic);
                let p = opened.paragraphs_matching(&query)?.pop().ok_or_else(|| Error::UnknownDocument(id.clone()))?;
                collection.prepare(p)
            }
        },
        (None, None) => unreachable!("clap requires an id or --text"),
    };
    let found = collection.similar(&target, args.thresholds.min_words, args.limit);
    let found: Vec<_> = found.into_iter().filter(|f| f.score >= args.thresholds.min_score).collect();
    render::reuse::findings(out, &found, found.len(), &[], args.format.format, ctx.width(), ctx.painter)?;
    Ok(if found.is_empty() { EXIT_NO_MATCH } else { EXIT_OK })
}
