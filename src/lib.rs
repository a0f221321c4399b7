//! echoes: a full-text index of what public bodies wrote in answer to an inspectorate's
//! recommendations, and a comparison layer that shows where they wrote the same words.
//!
//! The pipeline runs one way: [`listing`] says what files the corpus holds and whether they changed, [`corpus`] reads them with their metadata (and [`corpus_edit`]
//! adds to them, [`guess`] writes a manifest to start from, [`reports`] reads the reports they answer), [`readers`] turn each file's bytes into blocks, [`segment`] gives each paragraph
//! its recommendations and role (with [`references`] reading how a text names a recommendation,
//! [`quote`] recognising quotation of the report, [`speech`] quoted speech, and [`forces`] naming
//! the responding body),
//! [`ingest`] assembles documents from [`model`] records, [`index`] stores them in tantivy and keeps
//! them fresh, [`search`] queries them, [`reuse`] compares the bodies' own words, [`coverage`] says
//! who answered what ([`timeliness`] whether in time, [`status`] what each body says it has
//! done), and [`overview`]
//! gathers what the report shows. [`service`] answers both front ends' questions, [`render`]
//! formats every result, [`server`] answers the web interface, [`commands`] ties each subcommand
//! of [`cli`] together, and [`synth`] writes synthetic
//! corpora with planted copies. [`normalize`] is the one definition of "the same words" they all
//! share; [`error`] holds the errors a user must tell apart.

pub mod authorship;
pub mod cli;
pub mod commands;
pub mod corpus;
pub mod corpus_edit;
pub mod coverage;
pub mod datelines;
pub mod dates;
pub mod error;
pub mod forces;
pub mod guess;
pub mod index;
pub mod ingest;
pub mod listing;
pub mod made;
pub mod manifest;
pub mod model;
pub mod normalize;
pub mod output_file;
pub mod overview;
pub mod pending_add;
pub mod provenance;
pub mod quote;
pub mod readers;
pub mod references;
pub mod render;
pub mod reports;
pub mod reuse;
pub mod search;
pub mod segment;
pub mod server;
pub mod service;
pub mod speech;
pub mod status;
pub mod synth;
pub mod timeliness;
