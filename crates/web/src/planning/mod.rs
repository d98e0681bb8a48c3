//! The organiser's runs over an edition's data, for the command line and
//! the organiser's page alike: the meeting schedule and the booth layout.
mod layout;
mod schedule;

pub use layout::{layout_edition, store_layout};
pub use schedule::{MeetingArea, ScheduleRun, schedule_edition};
