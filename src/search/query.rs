//! Queries as users type them: tidied for tantivy's grammar, checked for shape before parsing
//! (depth, size, terms), parsed, and their errors said plainly.

use tantivy::query::{Query, QueryParser};
use tantivy::schema::Field;

use crate::error::Error;
use crate::index::Opened;
use crate::normalize::normalize;

/// Rewrites a query so that tantivy's grammar reads it as the user meant: curly quotes become
/// straight, and an apostrophe inside or at the end of a word is escaped, never taken as a quote.
pub fn prepare_query(query: &str) -> String {
    let chars: Vec<char> = normalize(query).chars().collect();
    let alnum = |i: Option<usize>| i.and_then(|i| chars.get(i)).is_some_and(|c| c.is_alphanumeric());
    // A closing single quote ends a word and is not followed by one.
    let closes = |i: usize| chars[i] == '\'' && alnum(i.checked_sub(1)) && !alnum(Some(i + 1));
    let mut out = String::with_capacity(chars.len() + 4);
    let (mut in_phrase, mut in_single) = (false, false);
    for (i, &c) in chars.iter().enumerate() {
        let escaped = i > 0 && chars[i - 1] == '\\';
        if c == '"' && !escaped && !in_single {
            in_phrase = !in_phrase;
        } else if c == '\'' && !escaped && !in_phrase {
            let (before, after) = (alnum(i.checked_sub(1)), alnum(Some(i + 1)));
            let opens = !in_single && !before && after && (i + 1..chars.len()).any(closes);
            if opens || (in_single && closes(i)) {
                in_single = !in_single;
            } else {
                out.push('\\');
            }
        }
        out.push(c);
    }
    out
}

pub fn parser(opened: &Opened, field: Field, fuzzy: bool) -> QueryParser {
    let mut p = QueryParser::new(opened.index.schema(), vec![field], crate::index::tokenizer::for_queries());
    p.set_conjunction_by_default();
    if fuzzy {
        p.set_field_fuzzy(field, false, 1, true);
    }
    p
}

/// Longest query accepted, in bytes: far beyond any phrase a person types or pastes.
pub const MAX_QUERY_BYTES: usize = 16 * 1024;
/// Deepest nesting of brackets accepted. The query grammar is parsed recursively, so a query
/// nested thousands deep would overflow the stack: it is refused before parsing.
pub const MAX_QUERY_DEPTH: usize = 32;
/// Most terms and operators in one query.
pub const MAX_QUERY_CLAUSES: usize = 1024;

/// Most words in one phrase, and the largest slop (`"..."~N`): a phrase's cost grows with both
/// in every paragraph holding its words, and no person's phrase comes near either.
pub const MAX_PHRASE_WORDS: usize = 32;
pub const MAX_SLOP: u32 = 100;

/// A malformed-query error, quoting at most the query's first few dozen characters.
pub fn malformed(query: &str, reason: impl Into<String>) -> Error {
    const SHOWN: usize = 60;
    let shown = match query.char_indices().nth(SHOWN) {
        Some((cut, _)) => format!("{}...", &query[..cut]),
        None => query.to_string(),
    };
    Error::Query { query: shown.replace(['\n', '\r'], " "), reason: reason.into() }
}

/// Refuses queries too long or too deeply nested to parse safely, before the parser sees them.
pub fn check_query_shape(query: &str) -> Result<(), Error> {
    if query.len() > MAX_QUERY_BYTES {
        return Err(malformed(query, format!("longer than {} KiB", MAX_QUERY_BYTES / 1024)));
    }
    let (mut depth, mut deepest, mut in_phrase, mut escaped) = (0usize, 0usize, false, false);
    for c in query.chars() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' => escaped = true,
            '"' | '\u{201C}' | '\u{201D}' => in_phrase = !in_phrase,
            '(' | '[' | '{' if !in_phrase => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            ')' | ']' | '}' if !in_phrase => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    if deepest > MAX_QUERY_DEPTH {
        return Err(malformed(query, format!("nested too deep (more than {MAX_QUERY_DEPTH} levels of brackets)")));
    }
    if query.split_whitespace().count() > MAX_QUERY_CLAUSES {
        return Err(malformed(query, format!("more than {MAX_QUERY_CLAUSES} terms")));
    }
    Ok(())
}

/// Refuses a phrase of more than [`MAX_PHRASE_WORDS`] words, or a slop over [`MAX_SLOP`]; read
/// from the query as [`prepare_query`] gave it to the parser (in `"..."` or `'...'`, quotes
/// escaped with a backslash being no quotes).
fn check_phrases(query: &str, prepared: &str) -> Result<(), Error> {
    let chars: Vec<char> = prepared.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let quote = chars[i];
        if quote == '\\' {
            i += 2;
            continue;
        }
        if quote != '"' && quote != '\'' {
            i += 1;
            continue;
        }
        let Some(close) = (i + 1..chars.len()).find(|&j| chars[j] == quote && chars[j - 1] != '\\') else { break };
        let phrase: String = chars[i + 1..close].iter().collect();
        let words = phrase.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).count();
        if words > MAX_PHRASE_WORDS {
            return Err(malformed(query, format!("a phrase of {words} words (at most {MAX_PHRASE_WORDS})")));
        }
        if chars.get(close + 1) == Some(&'~') {
            let digits: String = chars[close + 2..].iter().take_while(|c| c.is_ascii_digit()).collect();
            if !digits.is_empty() && digits.parse::<u32>().map_or(true, |n| n > MAX_SLOP) {
                return Err(malformed(query, format!("a phrase slop of {digits} (at most ~{MAX_SLOP})")));
            }
        }
        i = close + 1;
    }
    Ok(())
}

pub fn parse(opened: &Opened, field: Field, fuzzy: bool, query: &str) -> Result<Box<dyn Query>, Error> {
    if query.trim().is_empty() {
        return Err(malformed(query, "the query is empty"));
    }
    check_query_shape(query)?;
    let prepared = prepare_query(query);
    check_phrases(query, &prepared)?;
    if super::prefix::asks_regex(&prepared) {
        return Err(malformed(query, "regular expressions are not supported (a prefix is written word*)"));
    }
    let rewritten = super::prefix::rewrite(&prepared);
    let mut parser = parser(opened, field, fuzzy);
    // Prefixes are rewritten as regular expressions on the unstemmed field; a user's are refused above.
    parser.allow_regexes();
    let parsed = parser.parse_query(&rewritten.query).map_err(|e| malformed(query, plain_reason(&e)))?;
    Ok(super::sloppy::replace(parsed))
}

/// A query that parsed but that the index cannot run (`id:*` asks a field for what it does not
/// keep) is a malformed query, said in echoes' words; any other failure is passed on.
pub fn execution_error(query: &str, e: tantivy::TantivyError) -> anyhow::Error {
    match e {
        tantivy::TantivyError::SchemaError(_)
        | tantivy::TantivyError::InvalidArgument(_)
        | tantivy::TantivyError::FieldNotFound(_) => malformed(
            query,
            "it asks a field for something echoes does not search (filter with --force, --rec, --role)",
        )
        .into(),
        other => other.into(),
    }
}

/// The parser's complaint in echoes' words: fields are not part of echoes' query language (filters
/// are options), so a query naming one is told so instead of being shown tantivy's schema errors.
pub fn plain_reason(e: &tantivy::query::QueryParserError) -> String {
    use tantivy::query::QueryParserError as E;
    match e {
        E::FieldDoesNotExist(field) => {
            format!("'{field}:' is not a field echoes searches (filter with --force, --rec, --role)")
        }
        E::FieldNotIndexed(field) | E::FieldDoesNotHavePositionsIndexed(field) => {
            format!("'{field}:' cannot be searched (filter with --force, --rec, --role)")
        }
        E::ExpectedInt(_) | E::ExpectedFloat(_) | E::ExpectedBool(_) | E::ExpectedBase64(_) => {
            "a field value of the wrong kind".to_string()
        }
        E::UnsupportedQuery(what) => format!("not supported: {what}"),
        E::AllButQueryForbidden => "a query of only excluded terms (NOT ...) matches nothing to exclude from".into(),
        E::NoDefaultFieldDeclared => "no field to search".into(),
        E::SyntaxError(_) => {
            "a syntax error (unbalanced quotes or brackets, or an operator with nothing after it?)".into()
        }
        other => {
            let text = other.to_string();
            text.split(['{', '(']).next().unwrap_or(&text).trim().trim_end_matches(':').to_string()
        }
    }
}
