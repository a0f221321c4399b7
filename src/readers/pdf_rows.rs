//! Rows of a ruled table whose rules between rows are missing (only the columns and the outline
//! drawn): one grid row holds many rows, which are told from its text lines. Figures and names
//! stand on one line per row in every column; a wrapped paragraph (a cell of prose) does not,
//! and keeps its row whole.

use super::pdf_draw::Glyph;
use super::pdf_layout::{lines, paragraphs, CellLine};

/// A line of the first column of at most this many words can be a name, not wrapped prose.
const SHORT: usize = 5;

/// One grid row's columns (each its lines) as the rows its text lines make: a row starts on
/// each line where its first column and at least one other have text, when the grid row has at
/// least two such lines and its first column is not wrapped prose; other lines (a name wrapped
/// in its cell) belong to the row above. Otherwise the grid row is one row.
pub fn split(columns: Vec<Vec<CellLine>>) -> Vec<Vec<Vec<CellLine>>> {
    // The first column with text names each row (a state, a date, a document number); a
    // wrapped row has its number or name on its first line only.
    let Some(key) = columns.iter().position(|c| !c.is_empty()) else { return vec![columns] };
    let mut baselines: Vec<(f64, f64)> = columns.iter().flatten().map(|(y, size, _)| (*y, *size)).collect();
    baselines.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut lines: Vec<(f64, f64)> = Vec::new();
    for (y, size) in baselines {
        match lines.last() {
            Some(&(last, s)) if y - last <= 0.5 * s.max(size) => {}
            _ => lines.push((y, size)),
        }
    }
    let on = |line: (f64, f64), (y, _, _): &CellLine| (y - line.0).abs() <= 0.5 * line.1;
    // Each line of the first column, and whether another column has text on it too.
    let keyed: Vec<(&(f64, f64), &str, bool)> = lines
        .iter()
        .filter_map(|l| {
            let text = columns[key].iter().find(|p| on(*l, p))?.2.as_str();
            Some((l, text, columns.iter().filter(|c| c.iter().any(|p| on(*l, p))).count() >= 2))
        })
        .collect();
    let lower = |t: &str| t.starts_with(|c: char| c.is_lowercase());
    // Wrapped prose in that column: a long line (leader dots, `Total . . . .`, and other marks
    // standing alone are no words; a line led by dots to its figures is a label, however long), or a line going on in lower case where both it and the line
    // it goes on from stand beside other columns' text (prose wrapping beside prose). A name
    // wrapped beside a row of figures has the figures on one of its lines only.
    // Prose runs in lower case: a long line of names, codes and figures (`Kruger K2-1901 RR2Y
    // 1.9 R Ac,PV`, columns no rule parts) is no prose.
    let long = |t: &str| {
        let words: Vec<&str> = t.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).collect();
        !leads(t) && words.len() > SHORT && words.iter().filter(|w| lower(w)).count() * 3 >= words.len()
    };
    let prose = keyed.iter().any(|(_, t, _)| long(t)) || keyed.windows(2).any(|w| w[0].2 && w[1].2 && lower(w[1].1));
    // A row starts on a line where the first column and another have text; a name wrapped so
    // that its figures stand beside its last line starts where the name does.
    let mut starts: Vec<f64> = Vec::new();
    for (i, (l, t, full)) in keyed.iter().enumerate() {
        if !full {
            continue;
        }
        let mut first = i;
        let mut text = *t;
        while first > 0 && lower(text) && !keyed[first - 1].2 {
            first -= 1;
            text = keyed[first].1;
        }
        let top = if first == i { l.0 - 0.5 * l.1 } else { keyed[first].0 .0 - 0.5 * keyed[first].0 .1 };
        if starts.last().is_none_or(|s| top > *s) {
            starts.push(top);
        }
    }
    if prose || starts.len() < 2 {
        return vec![columns];
    }
    let mut rows: Vec<Vec<Vec<CellLine>>> = vec![vec![Vec::new(); columns.len()]; starts.len()];
    for (c, column) in columns.into_iter().enumerate() {
        for piece in column {
            let r = starts.iter().rposition(|s| piece.0 >= *s).unwrap_or(0);
            rows[r][c].push(piece);
        }
    }
    rows
}

/// A table's rows from the characters of each row's cells: each cell's text lines, a grid row
/// holding many rows split by them, each cell's lines as its paragraphs; empty rows left out.
pub fn assemble(cells: Vec<Vec<Vec<Glyph>>>) -> Vec<Vec<Vec<String>>> {
    cells
        .into_iter()
        .flat_map(|row| {
            let columns: Vec<Vec<CellLine>> = row
                .into_iter()
                .map(|glyphs| {
                    let lines = lines(&glyphs).into_iter();
                    lines
                        .map(|l| {
                            (l.y, l.size, l.segments.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join(" "))
                        })
                        .collect()
                })
                .collect();
            split(columns)
        })
        .map(|row| row.iter().map(|lines| paragraphs(lines)).collect::<Vec<_>>())
        .filter(|row: &Vec<Vec<String>>| row.iter().any(|c| !c.is_empty()))
        .collect()
}

/// Whether a line ends in leader dots (`Fraud . . . . .`, `Arson ......`): a label that leads
/// the eye to its figures.
fn leads(text: &str) -> bool {
    let tail: Vec<char> = text.chars().rev().filter(|c| !c.is_whitespace()).take(3).collect();
    tail.len() == 3 && tail.iter().all(|c| matches!(c, '.' | '\u{2026}'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn piece(y: f64, text: &str) -> CellLine {
        (y, 10.0, text.to_string())
    }

    /// Each row's cells, each its lines' text.
    fn texts(rows: &[Vec<Vec<CellLine>>]) -> Vec<Vec<Vec<&str>>> {
        rows.iter().map(|r| r.iter().map(|c| c.iter().map(|p| p.2.as_str()).collect()).collect()).collect()
    }

    #[test]
    fn figures_on_lines_are_rows_and_a_wrapped_name_stays_in_its_row() {
        let columns = vec![
            vec![piece(10.0, "Alabama"), piece(22.0, "District of"), piece(34.0, "Columbia"), piece(46.0, "Alaska")],
            vec![piece(10.0, "1,204"), piece(22.0, "77"), piece(46.0, "3,015")],
        ];
        assert_eq!(
            texts(&split(columns)),
            [
                vec![vec!["Alabama"], vec!["1,204"]],
                vec![vec!["District of", "Columbia"], vec!["77"]],
                vec![vec!["Alaska"], vec!["3,015"]]
            ]
        );
    }

    #[test]
    fn a_row_of_wrapped_prose_stays_one_row() {
        let columns = vec![
            vec![piece(10.0, "Recommendation 4"), piece(22.0, "Chief constables"), piece(34.0, "should act")],
            vec![piece(10.0, "We have trained"), piece(22.0, "our call handlers"), piece(34.0, "and officers.")],
        ];
        assert_eq!(split(columns).len(), 1);
        let columns = vec![
            vec![piece(10.0, "4")],
            vec![piece(10.0, "Support victims of crime"), piece(22.0, "whatever their status.")],
            vec![piece(10.0, "We have trained our call handlers and"), piece(22.0, "officers in every district.")],
        ];
        assert_eq!(split(columns).len(), 1);
        // Short wrapped cells too, when the first column names the row on its first line only.
        let columns = vec![
            vec![piece(10.0, "1")],
            vec![piece(10.0, "Procurement of 33No."), piece(22.0, "(4X4) Pickups")],
            vec![piece(10.0, "MRH/IDA/TSP/ICB/G-"), piece(22.0, "1/Lot 1")],
        ];
        assert_eq!(split(columns).len(), 1);
    }

    #[test]
    fn long_lines_of_names_and_codes_beside_figures_are_rows() {
        // Brand, product and traits in one column no rule parts: long lines, but no prose.
        let columns = vec![
            vec![piece(10.0, "Kruger K2-1901 RR2Y 1.9 R Ac,PV"), piece(22.0, "Stine 19RA02 RR2Y 1.9 R CMB")],
            vec![piece(10.0, "56.4"), piece(22.0, "55.3")],
        ];
        let rows = split(columns);
        assert_eq!(
            texts(&rows),
            [
                vec![vec!["Kruger K2-1901 RR2Y 1.9 R Ac,PV"], vec!["56.4"]],
                vec![vec!["Stine 19RA02 RR2Y 1.9 R CMB"], vec!["55.3"]]
            ]
        );
    }

    #[test]
    fn long_labels_led_by_dots_to_their_figures_are_rows() {
        // A statistical table: labels of six words and more, leader dots, a label wrapped so that
        // its figures stand beside its last line.
        let columns = vec![
            vec![
                piece(10.0, "Total . . . . . . . . . ."),
                piece(22.0, "Offenses against the family and children ......"),
                piece(34.0, "Murder and nonnegligent"),
                piece(46.0, "manslaughter ........"),
                piece(58.0, "Arson ........"),
            ],
            vec![piece(10.0, "11,062.6"), piece(22.0, "87.3"), piece(46.0, "10.0"), piece(58.0, "9.8")],
        ];
        assert_eq!(
            texts(&split(columns)),
            [
                vec![vec!["Total . . . . . . . . . ."], vec!["11,062.6"]],
                vec![vec!["Offenses against the family and children ......"], vec!["87.3"]],
                vec![vec!["Murder and nonnegligent", "manslaughter ........"], vec!["10.0"]],
                vec![vec!["Arson ........"], vec!["9.8"]],
            ]
        );
    }
}
