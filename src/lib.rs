//! echoes: a full-text index of what public bodies wrote in answer to an inspectorate's
//! recommendations, and a comparison layer that shows where they wrote the same words.
//!
//! The pipeline: [`corpus`] reads the files, [`readers`] turn each into blocks, [`segment`] gives
//! each paragraph its recommendation and role (with [`quote`] recognising quotation of the report
//! and [`forces`] naming the responding body), [`ingest`] assembles documents, [`index`] stores
//! them in tantivy, [`search`] queries them, [`render`] formats results and [`commands`] ties each
//! subcommand together. [`normalize`] is the one definition of "the same words" they all share.

pub mod cli;
pub mod commands;
pub mod corpus;
pub mod corpus_edit;
pub mod error;
pub mod forces;
pub mod index;
pub mod ingest;
pub mod model;
pub mod normalize;
pub mod overview;
pub mod quote;
pub mod readers;
pub mod render;
pub mod reuse;
pub mod search;
pub mod segment;
pub mod server;
pub mod synth;
