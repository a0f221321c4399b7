//! Recognising quotation of the report: which words of a text are quoted from its recommendations,
//! judged word by word by shared word n-grams, so shortened and lightly edited quotes still count.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::model::Recommendation;
use crate::normalize::{keyed_words, word_key, word_texts};

/// Length of the word n-grams that make a stretch of text count as quoted.
pub const QUOTE_NGRAM: usize = 4;
/// The owner of a quoted n-gram that comes from the report's title, not a recommendation.
pub const TITLE: u32 = 0;
/// Share of a paragraph's words that must be quoted for the paragraph to be a quotation.
pub const QUOTATION_SHARE: f64 = 0.5;

/// The report's recommendations, prepared for recognising quotation.
#[derive(Debug, Clone)]
pub struct Quoter {
    n: usize,
    /// Hash of an n-gram ([`gram_key`]) → the recommendations it occurs in.
    grams: FxHashMap<u64, Vec<u32>>,
    /// The recommendations' own word sequences, for paragraphs shorter than `n`.
    texts: Vec<(u32, Vec<String>)>,
    /// Every word used anywhere in the recommendations.
    vocabulary: FxHashSet<String>,
    /// The numbers of the recommendations the responding bodies were asked to answer.
    asked: Vec<u32>,
    /// The texts quotation is recognised from, by name (a report's recommendations, its title, a
    /// reference document), with the report each belongs to (see [`Quoter::origins`]).
    names: Vec<(String, Option<String>)>,
    /// Hash of an n-gram → the first named text that holds it (an index into `names`)...
    origin: FxHashMap<u64, u32>,
    /// ...and the others, in order, for the n-grams several named texts hold (a few words of the
    /// field: kept apart, so that a long reference costs one number an n-gram).
    more_origins: FxHashMap<u64, Vec<u32>>,
    /// The reports' short titles (a title's words before its first `?` or `:`, "Safe to share"),
    /// as word keys: a name, as bodies' names are, wherever a body writes it.
    short_titles: Vec<Vec<u64>>,
    /// Quoted speech (see [`crate::speech`]) is compared as the body's own words, on request;
    /// by default it is quotation.
    compare_speech: bool,
}

/// How much of a text is quoted, and from which recommendation.
#[derive(Debug, Clone, PartialEq)]
pub struct Coverage {
    /// Share of the text's words that stand in a quoted n-gram.
    pub share: f64,
    /// The recommendation most of the quoted words come from.
    pub recommendation: Option<u32>,
}

/// The key of an n-gram: its words' hashes mixed in order. 64 bits: a collision among the few
/// thousand n-grams of a report is not a practical concern.
fn gram_key(hashes: &[u64]) -> u64 {
    hashes.iter().fold(0x9E37_79B9_7F4A_7C15, |acc: u64, h| (acc.rotate_left(23) ^ h).wrapping_mul(0x0100_0000_01B3))
}

/// The named texts of one n-gram: the first, then the others.
fn owners((first, more): (u32, &[u32])) -> impl Iterator<Item = u32> + '_ {
    std::iter::once(first).chain(more.iter().copied())
}

fn word_hashes<S: AsRef<str>>(words: &[S]) -> Vec<u64> {
    words.iter().map(|w| word_key(w.as_ref())).collect()
}

impl Quoter {
    pub fn new(recs: &[Recommendation], n: usize) -> Quoter {
        let mut grams: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
        let mut texts = Vec::new();
        let mut vocabulary = FxHashSet::default();
        let asked = recs.iter().filter(|r| r.asked).map(|r| r.number).collect();
        for rec in recs {
            let words = word_texts(&rec.text);
            for gram in word_hashes(&words).windows(n) {
                let owners = grams.entry(gram_key(gram)).or_default();
                if !owners.contains(&rec.number) {
                    owners.push(rec.number);
                }
            }
            vocabulary.extend(words.iter().cloned());
            texts.push((rec.number, words));
        }
        Quoter {
            n,
            grams,
            texts,
            vocabulary,
            asked,
            names: Vec::new(),
            origin: FxHashMap::default(),
            more_origins: FxHashMap::default(),
            short_titles: Vec::new(),
            compare_speech: false,
        }
    }

    /// Names the n-grams of `words` as coming from `name`, a text of `report`.
    fn name_grams(&mut self, name: &str, report: Option<&str>, words: &[String]) {
        let index = match self.names.iter().rposition(|(n, _)| n == name) {
            Some(i) => i,
            None => {
                self.names.push((name.to_string(), report.map(str::to_string)));
                self.names.len() - 1
            }
        } as u32;
        for gram in word_hashes(words).windows(self.n) {
            let key = gram_key(gram);
            match self.origin.entry(key) {
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(index);
                }
                std::collections::hash_map::Entry::Occupied(e) if *e.get() != index => {
                    let more = self.more_origins.entry(key).or_default();
                    if !more.contains(&index) {
                        more.push(index);
                    }
                }
                std::collections::hash_map::Entry::Occupied(_) => {}
            }
        }
    }

    /// Also recognises quotation of the report's title (a preamble that names the report quotes it,
    /// and two bodies naming it have not copied each other). Title words belong to no recommendation.
    /// A quoter of every report at once, titles included: what is quotation of any of them.
    /// Each report's recommendations and title are named for [`Quoter::origins`] by the report's id.
    pub fn of_reports(reports: &[crate::model::Recommendations]) -> Quoter {
        let items: Vec<Recommendation> = reports.iter().flat_map(|r| r.items.iter().cloned()).collect();
        let mut quoter = Quoter::new(&items, QUOTE_NGRAM);
        for r in reports {
            for rec in &r.items {
                quoter.name_grams(&format!("{} recommendations", r.id()), Some(r.id()), &word_texts(&rec.text));
            }
        }
        for title in reports.iter().filter_map(|r| r.title.as_deref()) {
            let cut = title.find(['?', ':']).map_or(title, |at| &title[..at]);
            let keys = word_hashes(&word_texts(cut));
            if (2..word_texts(title).len()).contains(&keys.len()) && !quoter.short_titles.contains(&keys) {
                quoter.short_titles.push(keys);
            }
        }
        reports.iter().fold(quoter, |q, r| match r.title.as_deref() {
            Some(title) => q.with_text(&format!("{} title", r.id()), Some(r.id()), title),
            None => q,
        })
    }

    /// The same quoter, comparing quoted speech as the body's own words (`yes`) or taking it for
    /// quotation (the default).
    pub fn comparing_speech(mut self, yes: bool) -> Quoter {
        self.compare_speech = yes;
        self
    }

    /// Whether quoted speech is quotation (the default) rather than the body's own words.
    pub fn speech_is_quotation(&self) -> bool {
        !self.compare_speech
    }

    /// The reports' short titles, as word keys (see `short_titles`).
    pub fn short_titles(&self) -> &[Vec<u64>] {
        &self.short_titles
    }

    /// Also recognises quotation of `text`, named `name`, a text of `report`; its words belong to
    /// no recommendation.
    fn with_text(mut self, name: &str, report: Option<&str>, text: &str) -> Quoter {
        let words = word_texts(text);
        for gram in word_hashes(&words).windows(self.n) {
            // Once an n-gram: a reference repeating a phrase a thousand times holds it once.
            let owners = self.grams.entry(gram_key(gram)).or_default();
            if !owners.contains(&TITLE) {
                owners.push(TITLE);
            }
        }
        self.name_grams(name, report, &words);
        self
    }

    /// Also recognises quotation of a reference document's text (the report itself, its press
    /// page), named by the document's id: its words belong to no recommendation, as the title's do.
    pub fn with_reference(self, doc: &str, report: Option<&str>, text: &str) -> Quoter {
        self.with_text(&format!("reference {doc}"), report, text)
    }

    /// For each word of `text` (as [`keyed_words`] finds them), the name of the text it is quoted
    /// from: "<report> recommendations", "<report> title" or "reference <doc>". Where several named
    /// texts hold a word's n-grams (four words such as "the College of Policing will" stand in many),
    /// one of `report` (the paragraph's own) is taken, then the one that holds most of the
    /// paragraph's n-grams, then the first named. None for a word in no named n-gram (a short
    /// text quoted whole, or a quoter made by [`Quoter::new`]).
    pub fn origins(&self, text: &str, report: Option<&str>) -> Vec<Option<&str>> {
        let keys: Vec<u64> = keyed_words(text).iter().map(|w| w.key).collect();
        self.origins_of_keys(&keys, report)
    }

    /// [`Quoter::origins`] of words given by their [`word_key`].
    pub fn origins_of_keys(&self, keys: &[u64], report: Option<&str>) -> Vec<Option<&str>> {
        // Each n-gram's named texts: the first, and the others where there are others.
        let hits: Vec<Option<(u32, &[u32])>> = keys
            .windows(self.n)
            .map(|gram| {
                let key = gram_key(gram);
                self.origin.get(&key).map(|&first| (first, self.more_origins.get(&key).map_or(&[][..], Vec::as_slice)))
            })
            .collect();
        // How much of the paragraph each named text holds, in n-grams.
        let mut held: FxHashMap<u32, usize> = FxHashMap::default();
        for o in hits.iter().flatten().flat_map(|&h| owners(h)) {
            *held.entry(o).or_default() += 1;
        }
        let rank = |o: u32| {
            let own = report.is_some() && self.names[o as usize].1.as_deref() == report;
            (own, held.get(&o).copied().unwrap_or(0), std::cmp::Reverse(o))
        };
        let mut out = vec![None; keys.len()];
        for (i, &owners_at) in hits.iter().enumerate() {
            let Some(best) = owners_at.and_then(|h| owners(h).max_by_key(|&o| rank(o))) else { continue };
            for slot in &mut out[i..i + self.n] {
                slot.get_or_insert(self.names[best as usize].0.as_str());
            }
        }
        out
    }

    /// The numbers of the recommendations the responding bodies were asked to answer: the ones
    /// their headings and references name (every recommendation's text is quotation all the same).
    pub fn numbers(&self) -> Vec<u32> {
        self.asked.clone()
    }

    /// For each word, given by its [`word_key`], whether it is quoted from the report, and the
    /// recommendation it comes from; `texts` gives the words themselves, asked for only when there
    /// are fewer than an n-gram's worth.
    pub fn mask_keys(&self, keys: &[u64], texts: impl FnOnce() -> Vec<String>) -> Vec<Option<u32>> {
        let mut out = vec![None; keys.len()];
        if keys.len() < self.n {
            if let Some(number) = self.contains_whole(&texts()) {
                out.iter_mut().for_each(|m| *m = Some(number));
            }
            return out;
        }
        for (i, gram) in keys.windows(self.n).enumerate() {
            if let Some(owners) = self.grams.get(&gram_key(gram)) {
                for slot in &mut out[i..i + self.n] {
                    slot.get_or_insert(owners[0]);
                }
            }
        }
        out
    }

    /// A short text counts as quoted when it stands whole, as consecutive words, in a recommendation.
    fn contains_whole<S: AsRef<str>>(&self, words: &[S]) -> Option<u32> {
        if words.is_empty() || !words.iter().all(|w| self.vocabulary.contains(w.as_ref())) {
            return None;
        }
        self.texts
            .iter()
            .find(|(_, t)| t.windows(words.len()).any(|w| w.iter().zip(words).all(|(a, b)| a == b.as_ref())))
            .map(|(n, _)| *n)
    }

    /// How much of `text` is quoted from the report.
    pub fn coverage(&self, text: &str) -> Coverage {
        let keys: Vec<u64> = keyed_words(text).iter().map(|w| w.key).collect();
        Coverage::of_mask(&self.mask_keys(&keys, || word_texts(text)))
    }
}

impl Coverage {
    /// The coverage of words whose [`Quoter::mask_keys`] this is.
    pub fn of_mask(mask: &[Option<u32>]) -> Coverage {
        let quoted = mask.iter().flatten().count();
        let mut tally: Vec<(u32, usize)> = Vec::new();
        for number in mask.iter().flatten().filter(|n| **n != TITLE) {
            match tally.iter_mut().find(|(n, _)| n == number) {
                Some(t) => t.1 += 1,
                None => tally.push((*number, 1)),
            }
        }
        Coverage {
            share: if mask.is_empty() { 0.0 } else { quoted as f64 / mask.len() as f64 },
            recommendation: tally.into_iter().max_by_key(|&(n, c)| (c, std::cmp::Reverse(n))).map(|(n, _)| n),
        }
    }

    /// Whether the text is, for the most part, quoted.
    pub fn is_quotation(&self) -> bool {
        self.share >= QUOTATION_SHARE
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::bundled_recommendations;

    fn quoter() -> Quoter {
        Quoter::new(&bundled_recommendations().items, QUOTE_NGRAM)
    }

    #[test]
    fn a_full_quote_is_a_quotation_of_its_recommendation() {
        let c = quoter().coverage("Provide an update to Her Majesty’s Chief Inspector of Constabulary on progress in implementing these recommendations within six months of the date of publication of this report.");
        assert!(c.share > 0.99);
        assert_eq!(c.recommendation, Some(8));
    }

    #[test]
    fn a_shortened_and_edited_quote_still_counts() {
        let text = "The College of Policing will immediately develop guidance for the police service to clarify this aspect of practice (This recommendation to stop information sharing only applies to victims of domestic abuse)";
        assert!(quoter().coverage(text).is_quotation());
        let edited = "chief constables should take steps to make sure that all migrant victims and witnesses of crime are effectively supported";
        assert!(quoter().coverage(edited).is_quotation());
    }

    #[test]
    fn own_words_are_not_a_quotation() {
        let q = quoter();
        assert!(!q.coverage("SYP also recommend to victims to download the Bright Sky App.").is_quotation());
        assert!(!q.coverage("Hampshire Constabulary understands that a victim’s immigration status may make them more vulnerable to perpetrators.").is_quotation());
    }

    #[test]
    fn the_mask_marks_only_the_quoted_words() {
        let q = quoter();
        let words = word_texts(
            "We note that officers only have concerns or doubts about a victim's immigration status and we have acted.",
        );
        let keys: Vec<u64> = words.iter().map(|w| word_key(w)).collect();
        let mask = q.mask_keys(&keys, || words.clone());
        let quoted: Vec<&str> = words.iter().zip(&mask).filter(|(_, m)| m.is_some()).map(|(w, _)| w.as_str()).collect();
        assert_eq!(
            quoted,
            ["officers", "only", "have", "concerns", "or", "doubts", "about", "a", "victim's", "immigration", "status"]
        );
    }

    #[test]
    fn short_texts_count_when_they_stand_whole_in_a_recommendation() {
        let q = quoter();
        assert!(q.coverage("They should:").is_quotation());
        assert!(!q.coverage("They agree.").is_quotation());
    }

    #[test]
    fn quoted_words_are_traced_to_their_report_or_reference_the_paragraphs_own_first() {
        let report = |id: &str, text: &str| -> crate::model::Recommendations {
            toml::from_str(&format!(
                "report = \"{id}\"\n[[recommendation]]\nnumber = 1\naddressee = \"To all\"\ntext = \"{text}\"\n"
            ))
            .unwrap()
        };
        let shared = "the College of Policing should publish";
        let reports = [
            report("first", &format!("By June {shared} guidance on stop and search.")),
            report("second", &format!("Within a year {shared} a review of victim care.")),
        ];
        let q = Quoter::of_reports(&reports).with_reference(
            "press-page",
            Some("second"),
            "Victims were too frightened to come forward at all.",
        );
        let text =
            format!("We read that {shared} a review, and that victims were too frightened to come forward at all.");
        let named = |report: Option<&str>| -> Vec<String> {
            let words = word_texts(&text);
            q.origins(&text, report).iter().zip(&words).map(|(o, w)| format!("{w}={}", o.unwrap_or("-"))).collect()
        };
        let second = named(Some("second"));
        assert!(second.contains(&"college=second recommendations".to_string()), "{second:?}");
        assert!(second.contains(&"review=second recommendations".to_string()), "{second:?}");
        assert!(second.contains(&"frightened=reference press-page".to_string()), "{second:?}");
        assert!(second.contains(&"we=-".to_string()), "{second:?}");
        // A paragraph of the first report: the words only the second holds stay the second's, and
        // those both hold go to the first.
        let first = named(Some("first"));
        assert!(first.contains(&"college=first recommendations".to_string()), "{first:?}");
        assert!(first.contains(&"review=second recommendations".to_string()), "{first:?}");
    }
}
