//! Plain text reader: a paragraph per line, or per blank-line block when the text is hard-wrapped.

use crate::model::Block;
use crate::normalize::collapse_whitespace;

/// Lines longer than this are not hard-wrapped prose.
const WRAP_WIDTH: usize = 100;

/// Whether the text is prose hard-wrapped at a fixed width, with blank lines between paragraphs.
fn is_hard_wrapped(text: &str) -> bool {
    let lines: Vec<&str> = text.lines().map(str::trim_end).filter(|l| !l.trim().is_empty()).collect();
    if lines.len() < 4 {
        return false;
    }
    let longest = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let (mut in_block, mut blocks, mut multi_line_blocks) = (0usize, 0usize, 0usize);
    for line in text.lines() {
        if line.trim().is_empty() {
            if in_block > 1 {
                multi_line_blocks += 1;
            }
            in_block = 0;
        } else {
            blocks += usize::from(in_block == 0);
            in_block += 1;
        }
    }
    if in_block > 1 {
        multi_line_blocks += 1;
    }
    longest <= WRAP_WIDTH && multi_line_blocks > 0 && blocks >= 2
}

/// Reads plain text into blocks, each with the line it starts on.
pub fn read(text: &str) -> Vec<Block> {
    let wrapped = is_hard_wrapped(text);
    let mut out: Vec<Block> = Vec::new();
    let mut open = false;
    for (i, line) in text.lines().enumerate() {
        let line_no = i as u32 + 1;
        if line.trim().is_empty() {
            open = false;
            continue;
        }
        let tidy = collapse_whitespace(line);
        match out.last_mut() {
            Some(last) if wrapped && open => {
                // A word hyphenated across the line end is joined back together.
                if !super::hyphens::join(&mut last.text, &tidy) {
                    last.text.push(' ');
                    last.text.push_str(&tidy);
                }
            }
            _ => out.push(Block::plain(tidy, line_no)),
        }
        open = true;
    }
    if out.iter().any(|b| b.text.contains(super::hyphens::BREAK)) {
        let words = super::hyphens::Vocabulary::of(out.iter().map(|b| b.text.as_str()));
        for block in &mut out {
            block.text = words.resolve(&block.text);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_paragraph_per_line_with_line_numbers() {
        let blocks = read("\n\nFirst line here.\n\nSecond line here.\nThird line.\n");
        let got: Vec<(&str, u32)> = blocks.iter().map(|b| (b.text.as_str(), b.line)).collect();
        assert_eq!(got, [("First line here.", 3), ("Second line here.", 5), ("Third line.", 6)]);
    }

    #[test]
    fn hard_wrapped_text_is_joined_per_block() {
        let text = "The force has reviewed its proce-\ndures and will report back\nin the new year.\n\nA second para-\ngraph follows here.\n\nThird.\n\nFourth.\n";
        let blocks = read(text);
        let got: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            got,
            [
                "The force has reviewed its procedures and will report back in the new year.",
                "A second paragraph follows here.",
                "Third.",
                "Fourth."
            ]
        );
        assert_eq!(blocks[1].line, 5);
    }
}
