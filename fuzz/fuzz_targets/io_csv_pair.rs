//! The input-output CSV pair (Z.csv and sectors.csv), split at the first
//! zero byte.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(2, |b| *b == 0);
    let (z, sectors) = (
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
    );
    let _ = chainfair_chains::io::read_csv_pair(z, "Z.csv", sectors, "sectors.csv");
});
