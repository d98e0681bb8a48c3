//! The WIOD national input-output table reader (xlsx, a zip of XML).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = chainfair_chains::io::read_wiod_niot(std::io::Cursor::new(data), "fuzz.xlsx", 2014);
});
