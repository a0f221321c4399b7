//! The tables of an HTML page: which cell of which table each block stands in, and which tables
//! answer recommendations (their blocks get cells, read row by row as a table export is).

use super::columns::{columns_from_header, default_columns};
use crate::model::{Block, Cell, Column};
use crate::references::heading_number;

/// A cell of a table of the page: which table, row (counted across the page) and column, and
/// whether it is a header cell (`th`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    table: u32,
    row: u32,
    column: u32,
    th: bool,
}

/// The tables the walker is inside, innermost last.
#[derive(Default)]
pub struct Tables {
    open: Vec<(u32, Option<Place>)>,
    count: u32,
    rows: u32,
}

impl Tables {
    pub fn open_element(&mut self, name: &str) {
        match name {
            "table" => {
                self.count += 1;
                self.open.push((self.count, None));
            }
            "tr" => {
                self.rows += 1;
                // Before the row's first cell: the next cell is column 0.
                if let Some((table, place)) = self.open.last_mut() {
                    *place = Some(Place { table: *table, row: self.rows, column: u32::MAX, th: false });
                }
            }
            "td" | "th" => {
                if let Some((table, place)) = self.open.last_mut() {
                    let row = place.map_or(self.rows, |p| p.row);
                    let column = place.map_or(0, |p| p.column.wrapping_add(1));
                    *place = Some(Place { table: *table, row, column, th: name == "th" });
                }
            }
            _ => {}
        }
    }

    pub fn close_element(&mut self, name: &str) {
        if name == "table" {
            self.open.pop();
        }
    }

    /// The cell the walker is in (text between a row's cells is in none).
    pub fn here(&self) -> Option<Place> {
        self.open.last().and_then(|(_, p)| *p).filter(|p| p.column != u32::MAX)
    }
}

/// Gives the blocks of recommendation/response tables their cells, so that segmentation reads
/// them row by row as it reads a table export. A table counts when its header row names a
/// recommendation or response column, or when it has two columns and a first-column cell opens
/// a recommendation ("Recommendation 4. ..."); other tables (layout, figures) are left as text.
pub fn mark_answer_tables(blocks: &mut [Block], places: &[Option<Place>]) {
    let mut tables: Vec<u32> = places.iter().flatten().map(|p| p.table).collect();
    tables.sort_unstable();
    tables.dedup();
    for table in tables {
        let of: Vec<usize> = (0..blocks.len()).filter(|&i| places[i].is_some_and(|p| p.table == table)).collect();
        let place = |i: usize| places[i].expect("in a table");
        let first_row = place(of[0]).row;
        let header_cells: Vec<&Block> =
            of.iter().filter(|&&i| place(i).row == first_row).map(|&i| &blocks[i]).collect();
        let names_columns = header_cells.iter().all(|b| b.text.split_whitespace().count() <= 8)
            && header_cells.iter().any(|b| {
                let lower = b.text.to_lowercase();
                lower.contains("recommendation") || lower.contains("response")
            });
        let all_th = of.iter().filter(|&&i| place(i).row == first_row).all(|&i| place(i).th);
        let columns = of.iter().map(|&i| place(i).column).max().unwrap_or(0) + 1;
        let opens_recommendations =
            columns == 2 && of.iter().any(|&i| place(i).column == 0 && heading_number(&blocks[i].text).is_some());
        let kinds: Vec<Column> = if names_columns {
            let mut names = vec![String::new(); columns as usize];
            for &i in of.iter().filter(|&&i| place(i).row == first_row) {
                names[place(i).column as usize].push_str(&blocks[i].text);
            }
            columns_from_header(&names.iter().map(String::as_str).collect::<Vec<_>>())
        } else if opens_recommendations {
            default_columns(columns as usize)
        } else {
            continue;
        };
        let header_row = (names_columns || all_th).then_some(first_row);
        for i in of {
            let p = place(i);
            let kind = kinds.get(p.column as usize).copied().unwrap_or(Column::Other);
            blocks[i].cell = Some(Cell { row: p.row, column: p.column, kind, header: Some(p.row) == header_row });
        }
    }
}
