//! Supply chain analytics on plain data: input-output tables and what they
//! say about where an industry sits in the chain.
//!
//! - [`io`]: tables (read from WIOD 2016 national tables or a CSV pair), the
//!   Leontief and Ghosh inverses, output multipliers, upstreamness (Antràs,
//!   Chor, Fally and Hillberry 2012), downstreamness, hypothetical extraction,
//!   and the upstream / midstream / downstream classification;
//! - [`concentration`]: shares of economies, HHI, top-k shares, chokepoints,
//!   from curated figures or from USDA PSD and BACI files;
//! - [`disruption`]: a supply loss at one node of a firm or segment graph,
//!   spread downstream through input shares.
//!
//! Readers take `std::io::Read` values and never open files themselves; the
//! command line does that.
#![forbid(unsafe_code)]

pub mod concentration;
pub mod disruption;
pub mod io;
pub mod map;
pub mod template;
