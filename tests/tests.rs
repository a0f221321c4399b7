//! The integration tests, one binary: each module drives the built `echoes` on fixtures in a
//! temporary directory (one binary links tantivy once, not once per file).

mod common;

mod add;
mod add_names;
mod add_safety;
mod architecture;
mod batch;
mod browser;
mod checks;

mod collection;
mod corpus;
mod coverage;
mod data_safety;
mod dates;
mod docs;
mod durability;

mod drift;
mod evidence;
mod export;

mod exact;
mod fixtures;
mod formats;
mod freshness;
mod furniture;
mod graded;

mod html_breaks;
mod init;
mod kwic;
mod made;
mod man;
mod name_order;
mod naming;
mod output;
mod output_files;
mod page_title;
mod pdf;
mod pdf_real;

mod pdf_damaged;

mod mutants_score;
mod pdf_hostile;
mod prefix;
mod properties;
mod provenance;
mod quotation;
mod realcoll;
mod references;
mod reliability;
mod report_pages;
mod reports;
mod reuse;
mod reuse_agree;
mod robustness;
mod runs;
mod scale;
mod scoring;
mod search;
mod server;
mod server_wire;
mod shapes;
mod status;

mod synth_templates;

mod sloppy;
mod speech;

mod template_view;
mod templates;
mod updates;
mod waiting;
mod words;
