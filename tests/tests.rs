//! The integration tests, one binary: each module drives the built `echoes` on fixtures in a
//! temporary directory (one binary links tantivy once, not once per file).

mod common;

mod add;
mod add_names;
mod architecture;
mod browser;
mod corpus;
mod coverage;
mod data_safety;
mod dates;
mod docs;
mod evidence;
mod fixtures;
mod formats;
mod freshness;
mod furniture;
mod init;
mod kwic;
mod man;
mod output;
mod pdf;
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
mod robustness;
mod runs;
mod scale;
mod search;
mod server;
mod shapes;
mod templates;
mod updates;
