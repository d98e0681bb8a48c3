//! Recommendations on a hand-built edition around the photovoltaic chain.
use chainfair_chains::template::Chains;
use chainfair_core::{
    CountryCode, EditionId, HsCode, Language, OrganizationId, Profile, Role, SegmentRef, parse_list,
};
use chainfair_matching::{Matcher, Participant, Reason};

fn org(id: &str) -> OrganizationId {
    OrganizationId::parse("organization", id).unwrap()
}

struct Spec<'a> {
    id: &'a str,
    country: &'a str,
    roles: &'a [Role],
    offers_hs: &'a str,
    seeks_hs: &'a str,
    offers: &'a str,
    seeks: &'a str,
    languages: &'a str,
    targets: &'a str,
    no_thanks: &'a str,
}

const BLANK: Spec<'static> = Spec {
    id: "",
    country: "CN",
    roles: &[Role::Supplier],
    offers_hs: "",
    seeks_hs: "",
    offers: "",
    seeks: "",
    languages: "en",
    targets: "",
    no_thanks: "",
};

fn participant(spec: Spec<'_>) -> Participant {
    let profile = Profile {
        edition: EditionId::parse("edition", "e").unwrap(),
        organization: org(spec.id),
        offers_hs: parse_list("offers_hs", spec.offers_hs, HsCode::parse).unwrap(),
        seeks_hs: parse_list("seeks_hs", spec.seeks_hs, HsCode::parse).unwrap(),
        offers_segments: parse_list("offers", spec.offers, SegmentRef::parse).unwrap(),
        seeks_segments: parse_list("seeks", spec.seeks, SegmentRef::parse).unwrap(),
        target_countries: parse_list("targets", spec.targets, CountryCode::parse).unwrap(),
        target_regions: Vec::new(),
        languages: parse_list("languages", spec.languages, Language::parse).unwrap(),
        description: String::new(),
        must_meet: Vec::new(),
        no_thanks: parse_list("no_thanks", spec.no_thanks, OrganizationId::parse).unwrap(),
    };
    Participant {
        organization: org(spec.id),
        name: spec.id.to_uppercase(),
        country: CountryCode::parse("country", spec.country).unwrap(),
        roles: spec.roles.to_vec(),
        profile,
    }
}

fn edition() -> Vec<Participant> {
    vec![
        // A wafer maker that needs polysilicon and sells to Germany.
        participant(Spec {
            id: "wafers",
            country: "CN",
            roles: &[Role::Exhibitor],
            offers_hs: "381800",
            seeks_hs: "280461",
            offers: "photovoltaics/ingots-wafers",
            targets: "DE",
            languages: "en zh",
            ..BLANK
        }),
        // Polysilicon from China (the dominant economy) and from Germany.
        participant(Spec {
            id: "poly-cn",
            country: "CN",
            offers_hs: "280461",
            offers: "photovoltaics/polysilicon",
            languages: "en zh",
            ..BLANK
        }),
        participant(Spec {
            id: "poly-de",
            country: "DE",
            offers_hs: "280461",
            offers: "photovoltaics/polysilicon",
            languages: "de en",
            ..BLANK
        }),
        // A cell maker: a customer of the wafer maker.
        participant(Spec {
            id: "cells-es",
            country: "ES",
            roles: &[Role::Buyer],
            seeks_hs: "3818",
            offers: "photovoltaics/cells",
            languages: "en es",
            ..BLANK
        }),
        // Unrelated: coffee.
        participant(Spec {
            id: "coffee",
            country: "CO",
            offers_hs: "090111",
            offers: "coffee/arabica-growing",
            languages: "en es",
            ..BLANK
        }),
        // Says no thanks to the cell maker.
        participant(Spec {
            id: "glass",
            country: "CN",
            offers_hs: "7007",
            offers: "photovoltaics/solar-glass",
            no_thanks: "wafers",
            ..BLANK
        }),
    ]
}

#[test]
fn chain_and_hs_rank_suppliers_and_customers_and_explain_why() {
    let chains = Chains::built_in().unwrap();
    let matcher = Matcher::new(edition(), &chains, &[]);
    let recs = matcher.recommend(&org("wafers"), 10, false).unwrap();
    let ids: Vec<&str> = recs.iter().map(|r| r.organization.as_str()).collect();
    // The German polysilicon maker first: input supplier, exact HS match, a
    // market the cell maker targets, and it lowers the dependence on China.
    assert_eq!(ids.len(), 3, "{recs:#?}");
    assert_eq!(ids[0], "poly-de", "{recs:#?}");
    let first = &recs[0];
    assert!(
        first
            .reasons
            .iter()
            .any(|r| matches!(r, Reason::Diversifies { economy, .. } if economy == "China"))
    );
    assert!(
        first.explanation.starts_with(
            "Supplies polysilicon (HS 280461) that your ingots & wafers segment uses; from Germany, a market you target; lowers your dependence on China, which holds"
        ),
        "{}",
        first.explanation
    );
    // The Chinese maker shares Chinese with it but does not diversify.
    let poly_cn = recs
        .iter()
        .find(|r| r.organization.as_str() == "poly-cn")
        .unwrap();
    assert!(poly_cn.reasons.contains(&Reason::Language {
        languages: vec!["zh".into()]
    }));
    assert!(
        !poly_cn
            .reasons
            .iter()
            .any(|r| matches!(r, Reason::Diversifies { .. }))
    );
    assert!(recs[0].score > poly_cn.score);
    // The cell maker uses wafers.
    let cells = recs
        .iter()
        .find(|r| r.organization.as_str() == "cells-es")
        .unwrap();
    assert!(
        cells
            .explanation
            .starts_with("Its solar cells segment uses your ingots & wafers"),
        "{}",
        cells.explanation
    );
    // Coffee is not a candidate; the glass maker said no thanks.
    assert!(!ids.contains(&"coffee") && !ids.contains(&"glass"));
}

#[test]
fn preferences_past_meetings_and_unknown_participants() {
    let chains = Chains::built_in().unwrap();
    let mut people = edition();
    people[0].profile.must_meet = vec![org("coffee")];
    let met = [(org("poly-de"), org("wafers"))];
    let matcher = Matcher::new(people, &chains, &met);
    let recs = matcher.recommend(&org("wafers"), 2, false).unwrap();
    let ids: Vec<&str> = recs.iter().map(|r| r.organization.as_str()).collect();
    // Must-meet first whatever the score; the pair that met last time is skipped.
    assert_eq!(ids[0], "coffee");
    assert!(!ids.contains(&"poly-de"), "{ids:?}");
    assert_eq!(recs[0].reasons[0], Reason::MustMeet);
    let again = matcher.recommend(&org("wafers"), 3, true).unwrap();
    assert!(again.iter().any(|r| r.organization.as_str() == "poly-de"));
    let error = matcher.recommend(&org("nobody"), 3, false).unwrap_err();
    assert_eq!(
        error.to_string(),
        "\"nobody\" is not a participant of this edition"
    );
    // Everyone at once gives the same lists as one by one.
    let all = matcher.recommend_all(2, false, 2);
    assert_eq!(all[0], recs);
}

/// The indexed, pruned ranking equals a plain scan of every pair scored
/// from the profiles, on a random population over the real chain templates.
#[test]
fn the_ranking_equals_a_scan_of_every_pair() {
    let chains = Chains::built_in().unwrap();
    let segments: Vec<(String, Vec<String>)> = chains
        .iter()
        .flat_map(|c| {
            c.segments.iter().map(move |s| {
                (
                    format!("{}/{}", c.industry.id, s.segment.id),
                    s.segment.hs_codes.iter().map(|h| h.to_string()).collect(),
                )
            })
        })
        .collect();
    // A small deterministic generator (no dependency).
    let mut state = 0x9e37_79b9_7f4a_7c15_u64;
    let mut next = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    let countries = ["CN", "DE", "US", "BR", "JP", "CL", "VN", "FR"];
    let languages = ["en", "en zh", "en de", "es", "en ja", "fr"];
    let roles = [
        Role::Exhibitor,
        Role::Supplier,
        Role::Buyer,
        Role::CoExhibitor,
    ];
    let mut people = Vec::new();
    for i in 0..400 {
        let (offer, offer_hs) = &segments[next(segments.len())];
        let (seek, seek_hs) = &segments[next(segments.len())];
        // Broader codes now and then, so that prefixes match both ways.
        let cut = |codes: &[String], n: usize| -> String {
            codes
                .iter()
                .map(|c| {
                    if n == 0 {
                        c[..c.len().min(4)].to_owned()
                    } else {
                        c.clone()
                    }
                })
                .collect::<Vec<_>>()
                .join(" ")
        };
        let id = format!("p{i:03}");
        let mut p = participant(Spec {
            id: "placeholder",
            country: countries[next(countries.len())],
            roles: &[],
            offers_hs: "",
            seeks_hs: "",
            offers: "",
            seeks: "",
            languages: languages[next(languages.len())],
            ..BLANK
        });
        p.organization = org(&id);
        p.profile.organization = org(&id);
        p.roles = vec![roles[next(roles.len())]];
        p.profile.offers_segments = parse_list("o", offer, SegmentRef::parse).unwrap();
        p.profile.seeks_segments = parse_list("s", seek, SegmentRef::parse).unwrap();
        p.profile.offers_hs = parse_list("o", &cut(offer_hs, next(3)), HsCode::parse).unwrap();
        p.profile.seeks_hs = parse_list("s", &cut(seek_hs, next(3)), HsCode::parse).unwrap();
        p.profile.target_regions = vec![chainfair_core::Region::ALL[next(5)]];
        if next(10) == 0 {
            p.profile.must_meet = vec![org(&format!("p{:03}", next(400)))];
            p.profile.must_meet.retain(|o| *o != p.organization);
        }
        people.push(p);
    }
    let ids: Vec<OrganizationId> = people.iter().map(|p| p.organization.clone()).collect();
    let matcher = Matcher::new(people, &chains, &[]);
    let k = 10;
    let ranked = matcher.rank_all(k, false, 2);
    let listed: usize = ranked.iter().map(Vec::len).sum();
    assert!(
        listed > 2_000,
        "{listed} partners listed: the case must be rich enough"
    );
    for (i, a) in ids.iter().enumerate() {
        let mut scan: Vec<(f64, &OrganizationId)> = ids
            .iter()
            .filter(|b| *b != a)
            .filter_map(|b| Some((matcher.pair_score(a, b)?, b)))
            .collect();
        scan.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(y.1)));
        scan.truncate(k);
        let got: Vec<(f64, &OrganizationId)> = ranked[i]
            .iter()
            .map(|r| (r.score, matcher.organization(r.partner as usize).unwrap()))
            .collect();
        assert_eq!(got.len(), scan.len(), "{a}");
        for (g, e) in got.iter().zip(&scan) {
            assert_eq!(g.1, e.1, "{a}: {got:?} vs {scan:?}");
            assert!((g.0 - e.0).abs() < 1e-9, "{a}: {got:?} vs {scan:?}");
        }
    }
}
