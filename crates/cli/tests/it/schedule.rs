use crate::{chainfair, ok, sqlite_url};

const PROBLEM: &str = r#"{
  "slots": [
    {"id": "d1-01", "day": "2024-07-16", "start": "09:00", "end": "09:20"},
    {"id": "d1-02", "day": "2024-07-16", "start": "09:20", "end": "09:40"},
    {"id": "d1-03", "day": "2024-07-16", "start": "09:40", "end": "10:00"}
  ],
  "tables": 2,
  "participants": [{"id": "p1"}, {"id": "p2"}, {"id": "p3", "unavailable": ["d1-01"]}],
  "meetings": [
    {"id": "m1", "a": "p1", "b": "p2", "priority": 2},
    {"id": "m2", "a": "p1", "b": "p3"},
    {"id": "m3", "a": "p2", "b": "p3", "after": ["m1"]}
  ]
}"#;

#[test]
fn a_problem_file_gets_a_valid_schedule_and_bad_ones_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("problem.json");
    std::fs::write(&input, PROBLEM).unwrap();
    let out = ok(
        "sqlite::memory:",
        &[
            "schedule",
            "--input",
            input.to_str().unwrap(),
            "--seconds",
            "0.2",
        ],
    );
    let schedule: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(schedule["unscheduled"], serde_json::json!([]), "{schedule}");
    assert_eq!(schedule["assignments"].as_array().unwrap().len(), 3);
    // Each of the three has two meetings in three slots and m3 comes after
    // m1: one of them must wait a slot, so one gap is the optimum.
    assert_eq!(schedule["gaps"], 1);
    let slot = |m: &str| {
        schedule["assignments"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["meeting"] == m)
            .unwrap()["slot"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert!(slot("m3") > slot("m1"), "after is kept: {schedule}");
    assert_ne!(slot("m2"), "d1-01", "p3 is away in d1-01");

    // Without --seconds the time follows the problem's size (about 2 s here); the search
    // stops at the proved optimum either way.
    let auto = ok(
        "sqlite::memory:",
        &["schedule", "--input", input.to_str().unwrap()],
    );
    let auto: serde_json::Value = serde_json::from_str(&auto).unwrap();
    assert_eq!(auto["gaps"], 1, "{auto}");
    assert_eq!(auto["unscheduled"], serde_json::json!([]), "{auto}");
    let output = chainfair(
        "sqlite::memory:",
        &[
            "schedule",
            "--input",
            input.to_str().unwrap(),
            "--seconds",
            "inf",
        ],
    );
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(
            "invalid value 'inf' for '--seconds <SECONDS>': inf is not a positive number of seconds"
        ),
        "{stderr}"
    );

    for (bad, expected) in [
        (
            PROBLEM.replace(r#""after": ["m1"]"#, r#""after": ["m9"]"#),
            r#"meetings[2] ("m3").after[0]: unknown meeting "m9""#,
        ),
        (
            PROBLEM.replace(r#""b": "p2", "priority""#, r#""b": "p1", "priority""#),
            "meetings[0]",
        ),
        (
            PROBLEM.replace(r#""tables": 2,"#, r#""tables": 2"#),
            "JSON error at line 8, column 3: expected `,` or `}`\n",
        ),
    ] {
        std::fs::write(&input, bad).unwrap();
        let output = chainfair(
            "sqlite::memory:",
            &["schedule", "--input", input.to_str().unwrap()],
        );
        assert!(!output.status.success());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(expected), "{expected:?} not in {stderr}");
    }
}

#[test]
fn an_editions_accepted_meetings_are_scheduled_and_stay_put_on_a_rerun() {
    let dir = tempfile::tempdir().unwrap();
    let db = sqlite_url(dir.path());
    ok(&db, &["demo", "--scale", "small"]);
    let args = [
        "schedule",
        "--edition",
        "cisce-2024",
        "--tables",
        "8",
        "--break",
        "12:00-13:00",
        "--seconds",
        "0.5",
    ];
    let first = chainfair(&db, &args);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let report = String::from_utf8_lossy(&first.stderr);
    assert!(report.contains("0 unscheduled"), "{report}");
    let export = || ok(&db, &["export", "meetings", "--edition", "cisce-2024"]);
    let before = export();
    assert!(
        before.contains(",scheduled,") && before.contains(",T1,"),
        "{before}"
    );
    let starts: Vec<String> = before
        .lines()
        .skip(1)
        .filter_map(|line| line.split(',').nth(9).map(str::to_owned))
        .filter(|start| !start.is_empty())
        .collect();
    assert!(!starts.is_empty());
    assert!(
        starts.iter().all(|s| !s.contains("T12:")),
        "nothing during the break: {starts:?}"
    );
    // Published meetings do not move on a rerun.
    let again = chainfair(&db, &args);
    assert!(String::from_utf8_lossy(&again.stderr).contains("0 meetings changed"));
    assert_eq!(export(), before);
}

#[test]
fn no_meeting_is_placed_when_its_party_is_away() {
    let dir = tempfile::tempdir().unwrap();
    let db = sqlite_url(dir.path());
    ok(&db, &["demo", "--scale", "small"]);
    let meetings = ok(&db, &["export", "meetings", "--edition", "cisce-2024"]);
    let mut csv = ::csv::Reader::from_reader(meetings.as_bytes());
    let accepted: Vec<(String, String)> = csv
        .records()
        .map(|r| r.unwrap())
        .filter(|r| &r[4] == "accepted")
        .map(|r| (r[2].to_owned(), r[3].to_owned()))
        .collect();
    // The participant with the most accepted meetings is away on the first
    // two days, and in the mornings of the others.
    let mut counts = std::collections::BTreeMap::new();
    for (a, b) in &accepted {
        *counts.entry(a.clone()).or_insert(0) += 1;
        *counts.entry(b.clone()).or_insert(0) += 1;
    }
    let busy = counts.iter().max_by_key(|(_, n)| **n).unwrap().0.clone();
    let file = dir.path().join("away.csv");
    std::fs::write(
        &file,
        format!(
            "organization,from,to\n{busy},2024-11-26T00:00,2024-11-28T00:00\n\
             {busy},2024-11-28T09:00,2024-11-28T12:00\n{busy},2024-11-29T09:00,2024-11-29T12:00\n\
             {busy},2024-11-30T09:00,2024-11-30T12:00\n"
        ),
    )
    .unwrap();
    let out = ok(
        &db,
        &[
            "unavailability",
            "--edition",
            "cisce-2024",
            file.to_str().unwrap(),
        ],
    );
    assert_eq!(out, "cisce-2024: 4 unavailability periods\n");
    ok(
        &db,
        &[
            "schedule",
            "--edition",
            "cisce-2024",
            "--tables",
            "8",
            "--seconds",
            "0.5",
        ],
    );
    let meetings = ok(&db, &["export", "meetings", "--edition", "cisce-2024"]);
    let mut csv = ::csv::Reader::from_reader(meetings.as_bytes());
    let placed: Vec<String> = csv
        .records()
        .map(|r| r.unwrap())
        .filter(|r| (&r[2] == busy.as_str() || &r[3] == busy.as_str()) && !r[9].is_empty())
        .map(|r| r[9].to_owned())
        .collect();
    assert!(!placed.is_empty(), "{busy}'s meetings are placed");
    for start in &placed {
        let (day, time) = start.split_once('T').unwrap();
        assert!(
            day >= "2024-11-28" && time >= "12:00",
            "{busy} is away at {start}"
        );
    }

    // A bad period names its line and column; nothing changes.
    std::fs::write(
        &file,
        format!("organization,from,to\n{busy},2024-11-28T12:00,2024-11-28T09:00\n"),
    )
    .unwrap();
    let bad = chainfair(
        &db,
        &[
            "unavailability",
            "--edition",
            "cisce-2024",
            file.to_str().unwrap(),
        ],
    );
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(stderr.contains("line 2, column 3 (to)"), "{stderr}");
}
