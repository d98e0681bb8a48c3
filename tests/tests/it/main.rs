//! End-to-end tests of the store on every reachable backend.
mod accounts;
mod archive;
mod audience;
mod authz;
mod escaping;
mod floor;
mod import_errors;
mod lists;
mod openapi;
mod pages;
mod refdata;
mod server;
mod story;

use chainfair_store::{Kind, Store, import_csv};

/// The fixture files, in import order.
pub const FIXTURES: [(Kind, &str); 10] = [
    (Kind::Editions, include_str!("../../fixtures/editions.csv")),
    (
        Kind::Organizations,
        include_str!("../../fixtures/organizations.csv"),
    ),
    (
        Kind::Participations,
        include_str!("../../fixtures/participations.csv"),
    ),
    (
        Kind::Attendees,
        include_str!("../../fixtures/attendees.csv"),
    ),
    (Kind::CheckIns, include_str!("../../fixtures/checkins.csv")),
    (Kind::Meetings, include_str!("../../fixtures/meetings.csv")),
    (
        Kind::Agreements,
        include_str!("../../fixtures/agreements.csv"),
    ),
    (Kind::Rates, include_str!("../../fixtures/rates.csv")),
    (Kind::Signups, include_str!("../../fixtures/signups.csv")),
    (Kind::Profiles, include_str!("../../fixtures/profiles.csv")),
];

/// Imports every fixture file, as `chainfair import` would.
pub async fn import_fixtures(store: &dyn Store) {
    for (kind, text) in FIXTURES {
        let file = format!("{kind}.csv");
        import_csv(store, kind, &file, text.as_bytes(), &|_| {})
            .await
            .unwrap_or_else(|e| panic!("fixture {file} imports on {}: {e}", store.backend()));
    }
}
