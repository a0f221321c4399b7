fn main() {
    let path = std::env::args().nth(1).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let drawn = echoes::readers::pdf::pages(&bytes, 1 << 30).unwrap();
    for (i, p) in drawn.pages.iter().enumerate() {
        println!("page {i} turned {} rescued {:?}", p.turned, drawn.rescued);
        for g in &p.glyphs { print!("[{:.1},{:.1},{:.1},{:.1},t{} {:?}]", g.x, g.y, g.size, g.end-g.x, g.turn, g.text); }
        println!();
    }
}
