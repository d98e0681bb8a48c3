//! Every CSV importer: the first byte picks the kind, the rest is the file.
//! Whatever the bytes, the reader answers rows or line-numbered errors.
#![no_main]
use chainfair_store::{Kind, parse_csv};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, file)) = data.split_first() else {
        return;
    };
    let kind = Kind::ALL[usize::from(pick) % Kind::ALL.len()];
    let _ = parse_csv(kind, "fuzz.csv", file);
});
