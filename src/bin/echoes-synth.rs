//! `echoes-synth`: generate a synthetic response corpus with planted copies and its ground truth,
//! or score `echoes reuse --format json` output against that ground truth.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use echoes::synth::{self, At, Reported};

#[derive(Parser)]
#[command(name = "echoes-synth", version, args_conflicts_with_subcommands = true)]
/// Generate a synthetic corpus into OUT/corpus with its ground truth in OUT/truth.jsonl.
struct Cli {
    /// About how many paragraphs to write.
    #[arg(long, default_value_t = 10_000)]
    paragraphs: usize,
    /// Seed: the same seed gives the same corpus.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Output directory.
    #[arg(long, default_value = "synth")]
    out: PathBuf,
    /// Shapes of the documents, taken in turn: headed, letter, statement, table, glued, inline
    /// (comma-separated; default headed).
    #[arg(long, value_delimiter = ',', default_value = "headed")]
    shapes: Vec<synth::Shape>,
    /// How many reports the documents answer: the bundled one and synthetic ones in
    /// `corpus/reports/` (each force answers them in turn; copies are planted within and across
    /// reports).
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..=100))]
    reports: u16,
    /// Percentage of the characters of each planted copy substituted, as OCR misreads a scanned
    /// copy (0 to 100; default none).
    #[arg(long, default_value_t = 0.0)]
    ocr_noise: f64,
    /// Plant the traps of real collections (none of them copying): each report's foreword as a
    /// reference document, quoted by responses; the statutory definition of a super-complaint in
    /// most bodies' responses; address lines to the inspectorate and the College.
    #[arg(long)]
    traps: bool,
    /// Plant templates: answers pasted word for word by 2 to 12 bodies (the truth gives each
    /// template pair its number of bodies).
    #[arg(long)]
    templates: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Score findings (`echoes reuse --format json`) against a ground truth, per kind of copy.
    Score {
        #[arg(long)]
        truth: PathBuf,
        #[arg(long)]
        findings: PathBuf,
        /// The findings are from `reuse --within`.
        #[arg(long)]
        within: bool,
    },
}

fn reported(path: &PathBuf) -> anyhow::Result<Vec<Reported>> {
    let raw = std::fs::read_to_string(path)?;
    let v: serde_json::Value = serde_json::from_str(&raw)?;
    let at = |p: &serde_json::Value| At {
        doc: p["doc"].as_str().unwrap_or_default().to_string(),
        line: p["line"].as_u64().unwrap_or_default() as u32,
    };
    Ok(v.as_array()
        .map(|a| a.as_slice())
        .unwrap_or_default()
        .iter()
        .map(|f| Reported { a: at(&f["a"]), b: at(&f["b"]), kind: f["kind"].as_str().unwrap_or_default().to_string() })
        .collect())
}

fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Some(Command::Score { truth, findings, within }) => {
            let scores = synth::evaluate(&synth::read_truth(&truth)?, &reported(&findings)?, within);
            println!("{}", serde_json::to_string_pretty(&scores)?);
        }
        None => {
            let summary = synth::generate(
                &synth::Options {
                    paragraphs: cli.paragraphs,
                    seed: cli.seed,
                    shapes: cli.shapes.clone(),
                    reports: usize::from(cli.reports),
                    ocr_noise: (cli.ocr_noise / 100.0).clamp(0.0, 1.0),
                    traps: cli.traps,
                    templates: cli.templates,
                },
                &cli.out,
            )?;
            println!("{}", serde_json::to_string(&summary)?);
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("echoes-synth: {e:#}");
            ExitCode::from(2)
        }
    }
}
