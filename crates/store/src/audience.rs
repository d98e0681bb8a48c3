//! The audience at the door and online: registration, check-in, online
//! attendance, sign-ups for the next edition, and the server's signing keys.
use crate::StoreResult;
use async_trait::async_trait;
use chainfair_core::{Attendee, AttendeeId, EditionId, OrganizationId};
use chrono::NaiveDate;

#[async_trait]
pub trait AudienceStore {
    /// Registers a person, tied to the account that registered them if any;
    /// an id already taken is a `Conflict`.
    async fn register_attendee(
        &self,
        attendee: &Attendee,
        account: Option<&str>,
    ) -> StoreResult<()>;

    async fn attendee(&self, edition: &EditionId, id: &AttendeeId)
    -> StoreResult<Option<Attendee>>;

    /// The registrations made by an account, in every edition.
    async fn attendees_of_account(&self, account: &str) -> StoreResult<Vec<Attendee>>;

    /// Lets an attendee in on `day`: true the first time that day, false
    /// for a second scan (which changes nothing).
    async fn check_in(
        &self,
        edition: &EditionId,
        attendee: &AttendeeId,
        day: NaiveDate,
    ) -> StoreResult<bool>;

    /// Records that an attendee followed a streamed session: true the first
    /// time for that session.
    async fn attend_online(
        &self,
        edition: &EditionId,
        attendee: &AttendeeId,
        session: &str,
        day: NaiveDate,
    ) -> StoreResult<bool>;

    /// The edition's online attendance: (attendee, session, day), in order.
    async fn online_attendance(
        &self,
        edition: &EditionId,
    ) -> StoreResult<Vec<(AttendeeId, String, NaiveDate)>>;

    /// Signs an organisation up, during `edition`, for the next one: true
    /// when new.
    async fn sign_up(
        &self,
        edition: &EditionId,
        organization: &OrganizationId,
    ) -> StoreResult<bool>;

    /// The key stored under `name`, or `new` stored now when there is none
    /// (the first caller wins; every caller gets the same key).
    async fn server_key(&self, name: &str, new: &str) -> StoreResult<String>;
}
