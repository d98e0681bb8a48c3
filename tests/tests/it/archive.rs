//! An edition's archive imports back into an empty database, on each
//! backend, with the same figures, closing report, floor and documents.
use crate::import_fixtures;
use chainfair_core::floor::BoothId;
use chainfair_core::{AttendeeId, Document, DocumentKind, EditionId, OrganizationId};
use chainfair_e2e::{TestStore, postgres, sqlite};
use chainfair_store::{
    Booking, Store, edition_figures, export_archive, import_archive, read_space_requests,
};

async fn closing(store: &dyn Store, id: &EditionId) -> (serde_json::Value, String) {
    let edition = store.edition(id).await.unwrap().unwrap();
    let figures = edition_figures(store, &edition).await.unwrap();
    let chains = chainfair_chains::template::Chains::built_in().unwrap();
    let text = chainfair_report::closing_markdown(&figures, &chains, chainfair_report::Lang::Zh);
    (serde_json::to_value(&figures).unwrap(), text)
}

async fn round_trip(from: TestStore, to: TestStore) {
    let (source, target) = (from.store.as_ref(), to.store.as_ref());
    let backend = source.backend();
    import_fixtures(source).await;
    let expo = EditionId::parse("edition", "expo-2024").unwrap();
    source
        .put_floor(&expo, &crate::floor::fixture_floor())
        .await
        .unwrap();
    let requests = include_str!("../../fixtures/floor/space-requests.csv");
    let requests = read_space_requests("space-requests.csv", requests.as_bytes()).unwrap();
    source.put_space_requests(&expo, &requests).await.unwrap();
    let booking = Booking {
        booth: BoothId::parse("booth", "e-5").unwrap(),
        organization: OrganizationId::parse("org", "o-06").unwrap(),
        fixed: true,
    };
    source.book_booth(&expo, &booking).await.unwrap();
    let a1 = AttendeeId::parse("attendee", "a-4").unwrap();
    let day = chainfair_core::parse_date("day", "2024-11-27").unwrap();
    source
        .attend_online(&expo, &a1, "forum, \"opening\"", day)
        .await
        .unwrap();
    let document = Document::new(
        expo.clone(),
        "initiative",
        "Initiative on supply chain cooperation",
        "zh",
        DocumentKind::Initiative,
        "倡议.md",
        day,
    )
    .unwrap();
    source
        .put_document(&document, "# 倡议\n".as_bytes())
        .await
        .unwrap();

    let mut archive = std::io::Cursor::new(Vec::new());
    let written = export_archive(source, &expo, &mut archive).await.unwrap();
    assert_eq!(written.editions, ["expo-2023", "expo-2024"], "{backend}");
    archive.set_position(0);
    let read = import_archive(target, "expo.zip", &mut archive)
        .await
        .unwrap();
    assert_eq!(read.editions, written.editions);

    assert_eq!(
        closing(source, &expo).await,
        closing(target, &expo).await,
        "{backend}: the same figures and report"
    );
    let previous = EditionId::parse("edition", "expo-2023").unwrap();
    assert_eq!(
        closing(source, &previous).await,
        closing(target, &previous).await
    );
    assert_eq!(
        serde_json::to_value(target.floor(&expo).await.unwrap()).unwrap(),
        serde_json::to_value(source.floor(&expo).await.unwrap()).unwrap()
    );
    assert_eq!(target.bookings(&expo).await.unwrap(), [booking]);
    assert_eq!(target.space_requests(&expo).await.unwrap(), requests);
    assert_eq!(
        target.online_attendance(&expo).await.unwrap(),
        source.online_attendance(&expo).await.unwrap()
    );
    let (copy, content) = target.document(&expo, "initiative").await.unwrap().unwrap();
    assert_eq!((copy, content), (document, "# 倡议\n".as_bytes().to_vec()));

    // An archive with one bad part imports nothing: a row that does not
    // parse is named by file and line; a reference the files do not hold
    // is refused by the database in the one transaction.
    for (part, from, to, says) in [
        (
            "expo-2024/meetings.csv",
            ",o-01,",
            ",o-01x,",
            "nothing was imported",
        ),
        (
            "expo-2024/bookings.csv",
            "e-5",
            "e 5",
            "expo-2024/bookings.csv",
        ),
    ] {
        let empty = sqlite().await;
        let broken = rewrite(archive.get_ref(), part, from, to);
        let error = import_archive(
            empty.store.as_ref(),
            "bad.zip",
            std::io::Cursor::new(broken),
        )
        .await
        .unwrap_err()
        .to_string();
        assert!(error.contains(says), "{part}: {error}");
        let left = empty
            .store
            .read(chainfair_store::Kind::Organizations, None)
            .await
            .unwrap();
        assert_eq!(left.len(), 0, "{part}: nothing written");
        assert!(empty.store.floor(&expo).await.unwrap().is_none());
    }

    // Into a database that already holds the editions: refused, named.
    archive.set_position(0);
    let again = import_archive(target, "expo.zip", &mut archive)
        .await
        .unwrap_err()
        .to_string();
    assert!(again.contains("already holds edition expo-2023"), "{again}");
}

/// The archive with the first `from` in `part` replaced by `to`.
fn rewrite(archive: &[u8], part: &str, from: &str, to: &str) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(archive)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().unwrap().into_owned();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        if name == part {
            let text = String::from_utf8(bytes).unwrap();
            assert!(text.contains(from), "{part} has no {from:?}");
            bytes = text.replacen(from, to, 1).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&bytes).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[tokio::test]
async fn an_archive_imports_back_with_the_same_reports() {
    round_trip(sqlite().await, sqlite().await).await;
    if let (Some(from), Some(to)) = (postgres().await, postgres().await) {
        round_trip(from, to).await;
    }
}
