//! Errors.

use thiserror::Error;

/// Why a problem was rejected.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ProblemError {
    /// The JSON text is malformed or does not have the expected shape.
    #[error("JSON error at line {line}, column {column}: {message}")]
    Json {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// serde_json's message.
        message: String,
    },
    /// An item of the problem is invalid; `path` names it, e.g.
    /// `meetings[3] ("m4").after[0]`.
    #[error("{path}: {message}")]
    Invalid {
        /// Where the problem is.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// Fixed, locked or published meetings cannot all be honoured.
    #[error("infeasible: {message}")]
    Infeasible {
        /// Ids of the meetings involved.
        meetings: Vec<String>,
        /// Explanation.
        message: String,
    },
}

impl ProblemError {
    pub(crate) fn invalid(path: String, message: String) -> Self {
        ProblemError::Invalid { path, message }
    }
}

/// A rule broken by a schedule (see [`crate::validate`]).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{0}")]
pub struct Violation(pub String);

/// serde_json's message without the position it appends (given apart).
pub(crate) fn json_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    text.strip_suffix(&suffix).unwrap_or(&text).to_owned()
}
