use crate::{chainfair, ok, sqlite_url};
use chainfair_store::demo::{Scale, generate};

#[test]
fn small_demo_figures_are_those_it_was_built_with() {
    let dir = tempfile::tempdir().unwrap();
    let db = sqlite_url(dir.path());
    ok(&db, &["demo", "--scale", "small"]);
    let demo = generate(Scale::Small, 2024).unwrap();
    for (edition, expected) in [
        ("cisce-2024", &demo.expected),
        ("cisce-2023", &demo.expected_previous),
    ] {
        let figures: serde_json::Value =
            serde_json::from_str(&ok(&db, &["figures", "--edition", edition])).unwrap();
        let exhibitors = &figures["exhibitors"];
        assert_eq!(
            exhibitors["organizations"], expected.exhibitors,
            "{edition}"
        );
        assert_eq!(
            exhibitors["with_co_exhibitors"],
            expected.exhibitors + expected.co_exhibitors,
            "{edition}"
        );
        assert_eq!(exhibitors["overseas"], expected.overseas, "{edition}");
        let regions = &exhibitors["overseas_by_region"];
        let europe_americas =
            regions["Europe"].as_u64().unwrap() + regions["Americas"].as_u64().unwrap();
        assert_eq!(
            europe_americas, expected.overseas_europe_americas,
            "{edition}"
        );
        assert_eq!(exhibitors["countries"], expected.countries, "{edition}");
        assert_eq!(
            figures["suppliers_connected"], expected.suppliers_connected,
            "{edition}"
        );
        assert_eq!(
            figures["key_clients_engaged"], expected.key_clients_engaged,
            "{edition}"
        );
        assert_eq!(
            figures["agreements"]["count"], expected.agreements,
            "{edition}"
        );
        assert_eq!(
            figures["agreements"]["cooperation"], expected.cooperation,
            "{edition}"
        );
        assert_eq!(
            figures["agreements"]["intention"], expected.intention,
            "{edition}"
        );
        assert_eq!(
            figures["audience"]["offline"], expected.audience_offline,
            "{edition}"
        );
        assert_eq!(
            figures["audience"]["online"], expected.audience_online,
            "{edition}"
        );
        assert_eq!(
            figures["next_edition_signups"], expected.signups,
            "{edition}"
        );
    }
    let again = chainfair(&db, &["demo", "--scale", "small"]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already holds editions"));
}

#[test]
fn user_add_makes_accounts_once_and_names_what_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let db = sqlite_url(dir.path());
    let out = ok(
        &db,
        &[
            "user",
            "add",
            "--role",
            "organiser",
            "--email",
            "Chair@Expo.cn",
            "--name",
            "Chair",
        ],
    );
    assert!(
        out.starts_with("created organiser account chair@expo.cn\npassword: "),
        "{out}"
    );
    let password = out.lines().nth(1).unwrap()["password: ".len()..]
        .split(' ')
        .next()
        .unwrap();
    assert_eq!(password.len(), 20);
    for (args, error) in [
        (
            vec![
                "--role",
                "organiser",
                "--email",
                "chair@expo.cn",
                "--name",
                "Again",
            ],
            "an account with the e-mail address chair@expo.cn already exists",
        ),
        (
            vec!["--role", "exhibitor", "--email", "a@b.cn", "--name", "A"],
            "organization",
        ),
        (
            vec![
                "--role",
                "exhibitor",
                "--email",
                "a@b.cn",
                "--name",
                "A",
                "--organization",
                "o-9",
            ],
            "--organization: unknown organisation o-9",
        ),
        (
            vec!["--role", "boss", "--email", "a@b.cn", "--name", "A"],
            "--role",
        ),
    ] {
        let output = chainfair(&db, &[&["user", "add"][..], &args].concat());
        assert!(!output.status.success(), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(error), "{args:?}: {stderr}");
    }
}

#[test]
fn documents_are_published_listed_and_withdrawn() {
    let dir = tempfile::tempdir().unwrap();
    let db = sqlite_url(dir.path());
    ok(&db, &["demo", "--scale", "small"]);
    let file = dir.path().join("initiative.md");
    std::fs::write(&file, "# Initiative on supply chain cooperation\n").unwrap();
    let add = |id: &str, file: &str| {
        chainfair(
            &db,
            &[
                "document",
                "add",
                "--edition",
                "cisce-2024",
                "--id",
                id,
                "--title",
                "Beijing Initiative",
                "--lang",
                "en",
                "--kind",
                "initiative",
                "--date",
                "2024-11-30",
                file,
            ],
        )
    };
    let added = add("initiative", file.to_str().unwrap());
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    let list = ok(&db, &["document", "list", "--edition", "cisce-2024"]);
    assert!(
        list.contains("initiative,Beijing Initiative,en,initiative,initiative.md,2024-11-30,41\n"),
        "{list}"
    );
    assert!(
        list.contains("promotion-report-zh,全球供应链促进报告,zh,report"),
        "{list}"
    );
    let bad = add("Initiative", file.to_str().unwrap());
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("id"),
        "a bad slug is named"
    );
    let missing = add("other", "/no/such/file.pdf");
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cannot read /no/such/file.pdf"));
    ok(
        &db,
        &[
            "document",
            "remove",
            "--edition",
            "cisce-2024",
            "--id",
            "initiative",
        ],
    );
    let again = chainfair(
        &db,
        &[
            "document",
            "remove",
            "--edition",
            "cisce-2024",
            "--id",
            "initiative",
        ],
    );
    assert!(!again.status.success());
}

fn sorted_lines(text: &str) -> Vec<&str> {
    let mut lines: Vec<&str> = text.lines().collect();
    lines.sort_unstable();
    lines
}

#[test]
fn demo_files_import_and_export_back_identically() {
    let dir = tempfile::tempdir().unwrap();
    let (generated, exported) = (dir.path().join("demo"), dir.path().join("exported"));
    std::fs::create_dir_all(&exported).unwrap();
    let (first, second) = (
        sqlite_url(&dir.path().join("a")),
        sqlite_url(&dir.path().join("b")),
    );
    std::fs::create_dir_all(dir.path().join("a")).unwrap();
    std::fs::create_dir_all(dir.path().join("b")).unwrap();
    ok(
        &first,
        &[
            "demo",
            "--scale",
            "small",
            "--out-dir",
            generated.to_str().unwrap(),
        ],
    );
    let kinds = [
        "editions",
        "organizations",
        "participations",
        "attendees",
        "checkins",
        "meetings",
        "agreements",
        "rates",
        "signups",
    ];
    for kind in kinds {
        ok(
            &first,
            &[
                "import",
                kind,
                generated.join(format!("{kind}.csv")).to_str().unwrap(),
            ],
        );
    }
    for kind in kinds {
        let file = exported.join(format!("{kind}.csv"));
        ok(&first, &["export", kind, "--out", file.to_str().unwrap()]);
        let (written, out) = (
            std::fs::read_to_string(generated.join(format!("{kind}.csv"))).unwrap(),
            std::fs::read_to_string(&file).unwrap(),
        );
        assert_eq!(
            sorted_lines(&out),
            sorted_lines(&written),
            "{kind}: the same records, in the export's order"
        );
        ok(&second, &["import", kind, file.to_str().unwrap()]);
    }
    for kind in kinds {
        let first_export = std::fs::read_to_string(exported.join(format!("{kind}.csv"))).unwrap();
        assert_eq!(
            ok(&second, &["export", kind]),
            first_export,
            "{kind}: identical after a round trip"
        );
    }
    // Per edition: the 2024 participants only.
    let orgs = ok(
        &first,
        &["export", "organizations", "--edition", "cisce-2024"],
    );
    let all = std::fs::read_to_string(generated.join("organizations.csv")).unwrap();
    assert!(orgs.lines().count() < all.lines().count());
}

#[test]
fn a_bad_file_is_refused_with_its_positions_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let db = sqlite_url(dir.path());
    let file = dir.path().join("organizations.csv");
    std::fs::write(
        &file,
        "id,name,name_zh,country,kind\no-1,A Co,,CN,company\no-2,B Co,,CN,company\no-3,C Co,,CN,company\n\
         o-4,D Co,,CN,company\no-5,E Co,,CN,company\no-6,F Co,,XX,company\n",
    )
    .unwrap();
    let output = chainfair(&db, &["import", "organizations", file.to_str().unwrap()]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("organizations.csv: 1 error found, nothing was imported"),
        "{stderr}"
    );
    assert!(
        stderr.contains("organizations.csv: line 7, column 4 (country): unknown country \"XX\""),
        "{stderr}"
    );
    assert_eq!(
        ok(&db, &["export", "organizations"]),
        "id,name,name_zh,country,kind\n"
    );

    let unknown = chainfair(&db, &["import", "exhibitors", file.to_str().unwrap()]);
    assert!(
        String::from_utf8_lossy(&unknown.stderr)
            .contains("unknown kind \"exhibitors\": use one of editions, organizations")
    );
    let rates = chainfair(&db, &["export", "rates", "--edition", "cisce-2024"]);
    assert!(String::from_utf8_lossy(&rates.stderr).contains("--edition does not apply to rates"));
    let bad_url = chainfair("mysql://x", &["figures", "--edition", "e"]);
    assert!(
        String::from_utf8_lossy(&bad_url.stderr).contains("unsupported database URL \"mysql://x\"")
    );
}

#[test]
fn the_closing_report_comes_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let db = sqlite_url(dir.path());
    ok(&db, &["demo", "--scale", "small"]);
    let report = |args: &[&str]| {
        let mut all = vec!["report", "closing", "--edition", "cisce-2024"];
        all.extend_from_slice(args);
        ok(&db, &all)
    };
    // The JSON is the headline figures themselves.
    assert_eq!(
        report(&["--format", "json"]),
        ok(&db, &["figures", "--edition", "cisce-2024"])
    );
    let md = report(&[]);
    assert!(
        md.starts_with("# 2nd China International Supply Chain Expo: closing report\n"),
        "{md}"
    );
    let zh = report(&["--lang", "zh", "--format", "html"]);
    assert!(
        zh.contains("<html lang=\"zh-Hans\">") && zh.contains("主要数据") && zh.contains("<svg")
    );
    crate::prints_pdf(&db, &["report", "closing", "--edition", "cisce-2024"]);
    let bad = chainfair(
        &db,
        &[
            "report",
            "closing",
            "--edition",
            "cisce-2024",
            "--format",
            "docx",
        ],
    );
    assert!(
        String::from_utf8_lossy(&bad.stderr)
            .contains("--format \"docx\": use json, md, html or pdf")
    );
}

#[test]
fn the_floor_is_imported_laid_out_and_drawn() {
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures");
    let dir = tempfile::tempdir().unwrap();
    let db = sqlite_url(dir.path());
    for kind in ["editions", "organizations", "participations", "profiles"] {
        ok(&db, &["import", kind, &format!("{fixtures}/{kind}.csv")]);
    }
    let floor = |file: &str| format!("{fixtures}/floor/{file}");
    let out = ok(
        &db,
        &[
            "floor",
            "import",
            "--edition",
            "expo-2024",
            "--halls",
            &floor("halls.csv"),
            "--zones",
            &floor("zones.csv"),
            "--booths",
            &floor("booths.csv"),
        ],
    );
    assert_eq!(out, "expo-2024: 1 halls, 2 zones, 9 booths\n");
    // One more request, in an area the floor has no zone for.
    let requests = dir.path().join("requests.csv");
    let text = std::fs::read_to_string(floor("space-requests.csv")).unwrap();
    std::fs::write(&requests, format!("{text}o-05,18,smart-vehicles,\n")).unwrap();
    ok(
        &db,
        &[
            "floor",
            "requests",
            "--edition",
            "expo-2024",
            requests.to_str().unwrap(),
        ],
    );
    let svg = dir.path().join("floor.svg");
    let out = ok(
        &db,
        &[
            "layout",
            "--edition",
            "expo-2024",
            "--svg",
            svg.to_str().unwrap(),
            "--apply",
        ],
    );
    assert!(out.starts_with("6 exhibitors placed in "), "{out}");
    assert!(out.contains("1 remaining violations\n- "), "{out}");
    assert!(
        out.contains("o-05") && out.contains("smart-vehicles"),
        "{out}"
    );
    assert!(out.contains("stored 6 bookings"), "{out}");
    let drawing = std::fs::read_to_string(&svg).unwrap();
    assert!(
        drawing.contains("Huaxin Photovoltaic"),
        "booths carry the names"
    );
    let exported = ok(&db, &["floor", "export", "--edition", "expo-2024"]);
    let plan: serde_json::Value = serde_json::from_str(&exported).unwrap();
    assert_eq!(plan["booths"].as_array().unwrap().len(), 9);
    // The CSV export imports back as the same plan.
    let csv_dir = dir.path().join("plan");
    ok(
        &db,
        &[
            "floor",
            "export",
            "--edition",
            "expo-2024",
            "--csv-dir",
            csv_dir.to_str().unwrap(),
        ],
    );
    let again = |file: &str| csv_dir.join(file).to_str().unwrap().to_owned();
    let json = dir.path().join("plan.json");
    std::fs::write(&json, &exported).unwrap();
    ok(
        &db,
        &[
            "floor",
            "import",
            "--edition",
            "expo-2024",
            "--json",
            json.to_str().unwrap(),
        ],
    );
    ok(
        &db,
        &[
            "floor",
            "import",
            "--edition",
            "expo-2024",
            "--halls",
            &again("halls.csv"),
            "--zones",
            &again("zones.csv"),
            "--booths",
            &again("booths.csv"),
        ],
    );
    assert_eq!(
        ok(&db, &["floor", "export", "--edition", "expo-2024"]),
        exported
    );

    // A file with a problem changes nothing and names its line.
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "organization,area_m2,area,neighbours\no-01,lots,clean-energy,\n",
    )
    .unwrap();
    let output = chainfair(
        &db,
        &[
            "floor",
            "requests",
            "--edition",
            "expo-2024",
            bad.to_str().unwrap(),
        ],
    );
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("line 2, column 2 (area_m2)"), "{stderr}");
}

#[test]
fn backups_restore_whole_and_archives_move_an_edition() {
    let dir = tempfile::tempdir().unwrap();
    let db = sqlite_url(dir.path());
    ok(&db, &["demo", "--scale", "small"]);
    let figures = ok(&db, &["figures", "--edition", "cisce-2024"]);
    let backup = dir.path().join("backup.db");
    let out = ok(&db, &["backup", backup.to_str().unwrap()]);
    assert!(out.contains("integrity checked"), "{out}");
    let again = chainfair(&db, &["backup", backup.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&again.stderr).contains("exists already"));

    // Into an empty database, and over a full one only with --force.
    let other = tempfile::tempdir().unwrap();
    let restored = sqlite_url(other.path());
    ok(&restored, &["restore", backup.to_str().unwrap()]);
    assert_eq!(
        ok(&restored, &["figures", "--edition", "cisce-2024"]),
        figures
    );
    let refused = chainfair(&restored, &["restore", backup.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--force"));
    ok(&restored, &["restore", "--force", backup.to_str().unwrap()]);
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, b"not a database at all, just text").unwrap();
    let bad = chainfair(&restored, &["restore", "--force", junk.to_str().unwrap()]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("is not a usable backup"));
    assert_eq!(
        ok(&restored, &["figures", "--edition", "cisce-2024"]),
        figures
    );
    let pg = chainfair("postgres://nobody@127.0.0.1:1/x", &["backup", "x.db"]);
    assert!(String::from_utf8_lossy(&pg.stderr).contains("pg_dump"));

    // An edition's archive into a third, empty database.
    let archive = dir.path().join("cisce-2024.zip");
    ok(
        &db,
        &[
            "archive",
            "export",
            "--edition",
            "cisce-2024",
            "--out",
            archive.to_str().unwrap(),
        ],
    );
    let third = tempfile::tempdir().unwrap();
    let moved = sqlite_url(third.path());
    let out = ok(&moved, &["archive", "import", archive.to_str().unwrap()]);
    assert!(out.contains("editions cisce-2023, cisce-2024"), "{out}");
    assert_eq!(ok(&moved, &["figures", "--edition", "cisce-2024"]), figures);
    let md = [
        "report",
        "closing",
        "--edition",
        "cisce-2024",
        "--format",
        "md",
    ];
    assert_eq!(ok(&moved, &md), ok(&db, &md));
}
