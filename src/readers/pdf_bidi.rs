//! Hebrew and Arabic on a PDF page in the order they are read: characters placed on the page
//! are sorted left to right, which is the reverse of a right-to-left word's letters and of a
//! run of right-to-left words.

/// Whether a character is written right to left (Hebrew, Arabic and their presentation forms).
fn right_to_left(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// A segment of Hebrew or Arabic in the order it is read, from the order it stands on the page
/// (left to right, as its characters were sorted): each right-to-left word's letters reversed,
/// and the words of a right-to-left run (the whole segment, when most of its letters are) in
/// reverse order; numbers and Latin words keep their own order. `None` when it has none.
pub fn logical_order(text: &str) -> Option<String> {
    let rtl = text.chars().filter(|c| right_to_left(*c)).count();
    if rtl == 0 {
        return None;
    }
    let ltr = text.chars().filter(|c| c.is_alphabetic() && !right_to_left(*c)).count();
    let mirror = |c: char| match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        c => c,
    };
    let words: Vec<(bool, String)> = text
        .split(' ')
        .map(|w| match w.chars().any(right_to_left) {
            true => (true, w.chars().rev().map(mirror).collect()),
            false => (false, w.to_string()),
        })
        .collect();
    if rtl > ltr {
        // Brackets around a number in right-to-left text are drawn mirrored: `)2(` is `(2)`.
        let words = words.into_iter().rev().map(|(is_rtl, w)| if is_rtl { w } else { w.chars().map(mirror).collect() });
        return Some(words.collect::<Vec<_>>().join(" "));
    }
    // Mostly left to right: only runs of right-to-left words are turned.
    let mut out: Vec<String> = Vec::new();
    let mut run: Vec<String> = Vec::new();
    for (is_rtl, w) in words {
        if is_rtl {
            run.push(w);
        } else {
            out.extend(run.drain(..).rev());
            out.push(w);
        }
    }
    out.extend(run.into_iter().rev());
    Some(out.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn right_to_left_text_is_put_in_reading_order() {
        // As the page shows them, left to right: "סך הכל" (total) and "(2) 31".
        assert_eq!(logical_order("לכה ךס").as_deref(), Some("סך הכל"));
        assert_eq!(logical_order("Jeremy is ימרג in Arabic").as_deref(), Some("Jeremy is גרמי in Arabic"));
        assert_eq!(logical_order(")2( 31 םינשה").as_deref(), Some("השנים 31 (2)"));
        assert_eq!(logical_order("No letters written right to left"), None);
    }
}
