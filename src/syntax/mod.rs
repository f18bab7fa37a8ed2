//! The Markdown dialect's shared facts, read by every step (profile stripping,
//! model parsers, rendering, slides, search, lint), so no step keeps its own copy:
//! - [`callouts`]: every `> [!kind]` callout kind, once — aliases, title,
//!   whether it is teacher-only or speaker notes, whether it folds;
//! - [`lines`]: one CommonMark-fence-aware iterator over a page's lines;
//! - [`containers`]: other tools' containers (`!!!`, `:::`, MyST, tabs) rewritten as callouts;
//! - [`include`]: mdBook's `{{#include}}` and Docsify's `':include'`, read (load puts the files in);
//! - [`foreign`]: other tools' one-line markers (`[TOC]`, kramdown `{: .note }`, Docsify `?>`, mdBook `\\(`);
//! - [`liquid`]: Liquid/Jinja leftovers of Jekyll and Hugo pages;
//! - [`anchor`]: how headings become ids, and the ids the theme reserves.

pub mod anchor;
pub mod callouts;
pub mod containers;
pub mod foreign;
pub mod include;
pub mod lines;
pub mod liquid;
