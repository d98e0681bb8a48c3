//! The scheduler's problem file (JSON), parsed and checked.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok(problem) = chainfair_schedule::Problem::from_json(text)
    {
        let _ = problem.check();
    }
});
