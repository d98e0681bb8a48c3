//! The floor plan's CSV files and the space requests: the input is split at
//! its first three zero bytes into halls, zones, booths and requests.
#![no_main]
use chainfair_store::{read_floor_csv, read_space_requests};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(4, |b| *b == 0);
    let (halls, zones, booths, requests) = (
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
    );
    let _ = read_floor_csv(
        ("halls.csv", halls),
        ("zones.csv", zones),
        ("booths.csv", booths),
    );
    let _ = read_space_requests("requests.csv", requests);
});
