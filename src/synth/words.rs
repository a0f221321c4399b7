//! The words of synthetic responses: a vocabulary, furniture, stock phrases, edits of a copied
//! paragraph and quotation of a recommendation.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use crate::model::Recommendation;

/// Common English words first (most frequent), then words of the domain.
pub const COMMON: &[&str] = &[
    "the", "of", "and", "to", "a", "in", "is", "that", "for", "it", "as", "with", "be", "on", "not", "this", "by",
    "are", "or", "from", "at", "which", "an", "have", "has", "all", "their", "will", "been", "we", "our", "where",
    "they", "there", "any", "can", "would", "other", "more", "these", "also", "who", "when", "into", "through",
    "within", "such", "each", "those", "any", "further", "new", "work", "ensure", "support", "continue",
];
pub const DOMAIN: &[&str] = &[
    "police",
    "force",
    "officers",
    "staff",
    "victims",
    "witnesses",
    "victim",
    "crime",
    "abuse",
    "domestic",
    "immigration",
    "status",
    "enforcement",
    "information",
    "sharing",
    "guidance",
    "policy",
    "procedure",
    "review",
    "partners",
    "partnership",
    "safeguarding",
    "referral",
    "referrals",
    "pathway",
    "pathways",
    "reporting",
    "report",
    "community",
    "communities",
    "training",
    "advocates",
    "charities",
    "specialist",
    "organisations",
    "support",
    "services",
    "confidence",
    "migrant",
    "women",
    "families",
    "children",
    "risk",
    "harm",
    "protection",
    "public",
    "unit",
    "team",
    "teams",
    "neighbourhood",
    "response",
    "control",
    "room",
    "calls",
    "call",
    "handlers",
    "cases",
    "case",
    "investigation",
    "investigations",
    "data",
    "records",
    "system",
    "systems",
    "audit",
    "compliance",
    "commissioner",
    "office",
    "board",
    "group",
    "meeting",
    "quarterly",
    "monthly",
    "annual",
    "plan",
    "strategy",
    "delivery",
    "performance",
    "outcomes",
    "assurance",
    "governance",
    "briefing",
    "briefings",
    "intranet",
    "leaflet",
    "helpline",
    "refuge",
    "housing",
    "council",
    "health",
    "hospital",
    "schools",
    "faith",
    "leaders",
    "language",
    "interpreters",
    "translation",
    "campaign",
    "media",
    "radio",
    "online",
    "website",
    "survey",
];

/// Builds a vocabulary of `n` words: real words first, then pronounceable made-up ones.
pub fn vocabulary(n: usize, rng: &mut ChaCha8Rng) -> Vec<String> {
    const ONSETS: &[&str] =
        &["b", "c", "d", "f", "g", "h", "l", "m", "n", "p", "r", "s", "t", "v", "w", "br", "cr", "st", "pl", "tr"];
    const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ea", "ou", "ai"];
    const CODAS: &[&str] = &["", "n", "r", "s", "t", "l", "nd", "st", "ng", "ck"];
    let mut words: Vec<String> = COMMON.iter().chain(DOMAIN).map(|w| w.to_string()).collect();
    words.dedup();
    let mut seen: std::collections::HashSet<String> = words.iter().cloned().collect();
    while words.len() < n {
        let syllables = rng.random_range(1..=3);
        let w: String = (0..syllables)
            .map(|_| {
                format!(
                    "{}{}{}",
                    ONSETS[rng.random_range(0..ONSETS.len())],
                    VOWELS[rng.random_range(0..VOWELS.len())],
                    CODAS[rng.random_range(0..CODAS.len())]
                )
            })
            .collect();
        if seen.insert(w.clone()) {
            words.push(w);
        }
    }
    words
}

/// Draws words with Zipf-like frequencies.
pub struct Words {
    words: Vec<String>,
    /// Cumulative weights.
    cumulative: Vec<f64>,
}

impl Words {
    pub fn new(words: Vec<String>) -> Words {
        let mut total = 0.0;
        let cumulative = (0..words.len())
            .map(|i| {
                total += 1.0 / (i as f64 + 2.7);
                total
            })
            .collect();
        Words { words, cumulative }
    }

    pub fn pick(&self, rng: &mut ChaCha8Rng) -> &str {
        let total = *self.cumulative.last().unwrap();
        let x = rng.random::<f64>() * total;
        let i = self.cumulative.partition_point(|&c| c < x).min(self.words.len() - 1);
        &self.words[i]
    }

    pub fn sentence(&self, rng: &mut ChaCha8Rng, subject: Option<&str>) -> String {
        let n = rng.random_range(8..=24);
        let mut s = String::new();
        if let Some(subject) = subject {
            s.push_str(subject);
            s.push_str(" will");
        }
        for i in 0..n {
            let w = self.pick(rng);
            if s.is_empty() && i == 0 {
                let mut c = w.chars();
                s.extend(c.next().map(|f| f.to_ascii_uppercase()));
                s.push_str(c.as_str());
            } else {
                s.push(' ');
                s.push_str(w);
            }
        }
        s.push('.');
        s
    }

    pub fn paragraph(&self, rng: &mut ChaCha8Rng, force: Option<&str>, sentences: usize) -> String {
        (0..sentences).map(|i| self.sentence(rng, if i == 0 { force } else { None })).collect::<Vec<_>>().join(" ")
    }
}

pub const CHROME: &[&str] = &[
    "Quickly exit this site by pressing the Escape key Leave this site",
    "We use some essential cookies to make our website work. We'd like to set additional cookies so we can remember your preferences and understand how you use our site.",
    "Your cookie preferences have been saved. You can update your cookie settings at any time on the cookies page.",
    "This site is a beta, which means it's a work in progress and we'll be adding more to it over the next few weeks.",
];
pub const STOCK: &[&str] = &[
    "We accept this recommendation.",
    "The force notes this recommendation.",
    "This recommendation is accepted in full.",
    "Work on this recommendation is ongoing.",
];

pub fn edit(text: &str, words: &Words, rng: &mut ChaCha8Rng) -> String {
    let mut ws: Vec<String> = text.split(' ').map(String::from).collect();
    let edits = rng.random_range(1..=5);
    for _ in 0..edits {
        // Edits stay away from the ends so that the copy keeps long shared runs on both sides.
        let at = rng.random_range(ws.len() / 4..(3 * ws.len() / 4).max(ws.len() / 4 + 1));
        match rng.random_range(0..3) {
            0 => ws[at] = words.pick(rng).to_string(),
            1 => ws.insert(at, words.pick(rng).to_string()),
            _ if ws.len() > 12 => {
                ws.remove(at);
            }
            _ => ws[at] = words.pick(rng).to_string(),
        }
    }
    ws.join(" ")
}

pub fn quote_of(rec: &Recommendation, rng: &mut ChaCha8Rng) -> String {
    let words: Vec<&str> = rec.text.split_whitespace().filter(|w| !w.starts_with('-')).collect();
    let n = rng.random_range(12..=25).min(words.len());
    let start = rng.random_range(0..=words.len() - n);
    words[start..start + n].join(" ")
}

/// Letters OCR commonly takes for one another; any other letter may become any letter.
const CONFUSED: &[(char, char)] = &[
    ('e', 'c'),
    ('c', 'e'),
    ('o', 'a'),
    ('a', 'o'),
    ('l', 'i'),
    ('i', 'l'),
    ('n', 'u'),
    ('u', 'n'),
    ('h', 'b'),
    ('b', 'h'),
    ('m', 'n'),
    ('t', 'f'),
    ('f', 't'),
    ('s', 'a'),
    ('r', 'n'),
    ('g', 'q'),
];

/// A text with `share` of its characters (rounded) substituted, as OCR misreads a scanned page:
/// letters, chosen at random, taken for a commonly confused letter or, one time in three, any
/// other.
pub fn ocr_noise(text: &str, share: f64, rng: &mut ChaCha8Rng) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    let letters: Vec<usize> = (0..chars.len()).filter(|&i| chars[i].is_ascii_lowercase()).collect();
    let n = ((share * chars.len() as f64).round() as usize).min(letters.len());
    for k in rand::seq::index::sample(rng, letters.len(), n) {
        let i = letters[k];
        let c = chars[i];
        let confused = CONFUSED.iter().find(|(from, _)| *from == c).map(|(_, to)| *to);
        chars[i] = match confused {
            Some(to) if rng.random_range(0..3) > 0 => to,
            _ => loop {
                let other = (b'a' + rng.random_range(0..26u8)) as char;
                if other != c {
                    break other;
                }
            },
        };
    }
    chars.into_iter().collect()
}
