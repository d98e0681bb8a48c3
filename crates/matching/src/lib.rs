//! Partner recommendations that know the supply chain.
//!
//! For each participant of an edition, the `k` partners it should meet, each
//! with a score and the reasons in words a person would accept ("supplies
//! polysilicon (HS 280461) that your PV cells segment uses; from Germany;
//! lowers your dependence on China, which holds 93.5 % of polysilicon").
//!
//! # Candidates
//!
//! Never all pairs: candidates come from inverted indexes over what the
//! others offer and seek, by HS code (each code filed under itself and every
//! broader code, so `2841` finds `284190` and the reverse) and by chain
//! segment. A participant's candidates are those whose offers meet its needs
//! (or the reverse), those in the segments that feed its segments or that
//! its segments feed, and its must-meet list. The work per participant is the
//! length of the postings it touches, not the number of participants.
//!
//! # Score
//!
//! `score = 3·chain + 3·hs + 1·role + 1·market + 0.5·language + 1.5·diversification`
//! (at most 10), plus 100 for a must-meet:
//!
//! - **chain** (0 to 1): 1 when one side's segment feeds the other's (a
//!   supplier of an input, or a customer for an output), 0.7 when one offers
//!   a segment the other seeks, else 0;
//! - **hs** (0 to 1): `1 - exp(-Σ/2)` over every pair of an HS code one side
//!   seeks and a code the other offers that overlap (one within the other),
//!   each adding `specificity(broader code) × rarity(broader code)`, where
//!   specificity is 1 for 6 digits, 0.6 for 4 and 0.25 for 2 (a shared
//!   subheading says more than a shared chapter), and rarity is
//!   `ln(1 + N / (1 + n))` over `ln(1 + N)`, `n` the number of participants
//!   filed under the code and `N` all of them (a code everyone trades says
//!   little);
//! - **role** (0 to 1): 1 for a supplier and a buyer, 0.6 when either is an
//!   exhibitor or co-exhibitor (they buy and sell), 0 for two suppliers or
//!   two buyers;
//! - **market** (0 to 1): the mean over both sides of 1 when the other's
//!   country is one it targets, 0.6 when its region is, else 0;
//! - **language** (0 to 1): 1 when they share a language other than English,
//!   0.5 when English is the only one, 0 when none;
//! - **diversification** (0 to 1): when the partner supplies an input whose
//!   chain map names a dominant economy with share `t` (percent) and the
//!   partner's economy holds `s` of it, `(t - s) / 100` if the partner is not
//!   from the dominant economy, else 0: a partner from elsewhere lowers the
//!   buyer's concentration on that input, the more so the more concentrated
//!   the input is.
//!
//! A no-thanks on either side removes the pair; so does a meeting the pair
//! already held at the previous edition, unless asked for. Ties are broken
//! by organisation id, so results are deterministic.
#![forbid(unsafe_code)]

mod explain;
pub mod layout;

use chainfair_chains::concentration::ChokepointRule;
use chainfair_chains::map::{ChainMap, Overrides};
use chainfair_chains::template::Chains;
use chainfair_core::{
    CountryCode, HsCode, Language, OrganizationId, Profile, Region, Role, SegmentRef,
};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

pub use explain::Reason;

const W_CHAIN: f64 = 3.0;
const W_HS: f64 = 3.0;
const W_ROLE: f64 = 1.0;
const W_MARKET: f64 = 1.0;
const W_LANGUAGE: f64 = 0.5;
const W_DIVERSIFICATION: f64 = 1.5;
const MUST_MEET: f64 = 100.0;

/// A participant as matchmaking sees it.
#[derive(Debug, Clone)]
pub struct Participant {
    pub organization: OrganizationId,
    pub name: String,
    pub country: CountryCode,
    /// Its roles at the edition (one organisation may hold several).
    pub roles: Vec<Role>,
    pub profile: Profile,
}

/// One recommended partner.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Recommendation {
    pub organization: OrganizationId,
    pub name: String,
    pub country: String,
    /// Rounded to two decimals.
    pub score: f64,
    pub reasons: Vec<Reason>,
    /// The reasons in one sentence.
    pub explanation: String,
}

/// A partner ranked for a participant, before its reasons are written: the
/// partner's position among the participants and its score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ranked {
    pub partner: u32,
    pub score: f64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MatchError {
    UnknownParticipant(String),
}

impl std::fmt::Display for MatchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MatchError::UnknownParticipant(org) => {
                write!(f, "{org:?} is not a participant of this edition")
            }
        }
    }
}

impl std::error::Error for MatchError {}

/// Who dominates a segment, from its chain map.
#[derive(Debug, Clone)]
struct Dominance {
    economy: CountryCode,
    top: f64,
    shares: Vec<(CountryCode, f64)>,
}

/// A segment's neighbours in its chain, for the explanations.
#[derive(Debug, Clone, Default)]
struct Links {
    inputs: Vec<SegmentRef>,
    name: String,
}

/// What the chain and HS parts of the score depend on.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Signature {
    offers_hs: Vec<HsCode>,
    seeks_hs: Vec<HsCode>,
    offers: Vec<u32>,
    seeks: Vec<u32>,
}

/// The participants of an edition, indexed for recommendation.
#[derive(Debug)]
pub struct Matcher {
    people: Vec<Participant>,
    position: HashMap<OrganizationId, u32>,
    /// Each participant's signature, and each signature's participants.
    signature_of: Vec<u32>,
    signatures: Vec<Signature>,
    members: Vec<Vec<u32>>,
    /// HS code -> signatures offering a code within it (itself included).
    offers_within: HashMap<HsCode, Vec<u32>>,
    /// HS code -> signatures offering exactly it.
    offers_exact: HashMap<HsCode, Vec<u32>>,
    seeks_within: HashMap<HsCode, Vec<u32>>,
    seeks_exact: HashMap<HsCode, Vec<u32>>,
    /// By segment number: the signatures offering and seeking it.
    offers_segment: Vec<Vec<u32>>,
    seeks_segment: Vec<Vec<u32>>,
    /// By segment number: the segments feeding it and those it feeds.
    inputs: Vec<Vec<u32>>,
    outputs: Vec<Vec<u32>>,
    dominance: Vec<Option<Dominance>>,
    segment_names: Vec<String>,
    /// Each segment's English name → its Chinese name, for the reasons in
    /// Chinese.
    names_zh: HashMap<String, String>,
    links: HashMap<SegmentRef, Links>,
    /// Rarity of each code: `ln(1 + N / (1 + n)) / ln(1 + N)`.
    rarity: HashMap<HsCode, f64>,
    /// By participant: those it met at the previous edition, sorted.
    met: Vec<Vec<u32>>,
    /// By participant: what role, market and language fit read.
    traits: Vec<Traits>,
}

/// A participant's roles, markets and languages, compact.
#[derive(Debug, Clone)]
struct Traits {
    /// Bits: 1 supplier, 2 buyer, 4 exhibitor or co-exhibitor.
    roles: u8,
    country: CountryCode,
    /// The bit of its UN M49 region (0 when none).
    region: u8,
    target_regions: u8,
    target_countries: Vec<CountryCode>,
    languages: Vec<Language>,
    /// Whether it said no thanks to anyone (checked only then).
    refuses: bool,
}

const SUPPLIER: u8 = 1;
const BUYER: u8 = 2;
const SHOWS: u8 = 4;

fn region_bit(region: Option<Region>) -> u8 {
    region.map_or(0, |r| 1 << (r as u8))
}

impl Traits {
    fn of(p: &Participant) -> Self {
        let roles = p.roles.iter().fold(0, |bits, r| {
            bits | match r {
                Role::Supplier => SUPPLIER,
                Role::Buyer => BUYER,
                Role::Exhibitor | Role::CoExhibitor => SHOWS,
            }
        });
        Traits {
            roles,
            country: p.country,
            region: region_bit(p.country.region()),
            target_regions: p
                .profile
                .target_regions
                .iter()
                .fold(0, |bits, r| bits | region_bit(Some(*r))),
            target_countries: p.profile.target_countries.clone(),
            languages: p.profile.languages.clone(),
            refuses: !p.profile.no_thanks.is_empty(),
        }
    }
}

fn ancestors(code: &HsCode) -> impl Iterator<Item = HsCode> {
    std::iter::successors(code.parent(), HsCode::parent)
}

/// Files `who` under every code of `codes` (exactly) and every broader code.
fn file_codes(
    within: &mut HashMap<HsCode, Vec<u32>>,
    exact: &mut HashMap<HsCode, Vec<u32>>,
    codes: &[HsCode],
    who: u32,
) {
    let mut filed: HashSet<HsCode> = HashSet::new();
    for code in codes {
        exact.entry(*code).or_default().push(who);
        for key in std::iter::once(*code).chain(ancestors(code)) {
            if filed.insert(key) {
                within.entry(key).or_default().push(who);
            }
        }
    }
}

/// Segment numbers, given out on first sight.
#[derive(Default)]
struct Segments {
    number: HashMap<SegmentRef, u32>,
    refs: Vec<SegmentRef>,
}

impl Segments {
    fn of(&mut self, segment: &SegmentRef) -> u32 {
        if let Some(&n) = self.number.get(segment) {
            return n;
        }
        let n = self.refs.len() as u32;
        self.number.insert(segment.clone(), n);
        self.refs.push(segment.clone());
        n
    }
}

impl Matcher {
    /// Indexes `people`; `met_before` are pairs that met at the previous
    /// edition (ignored when an organisation is not among `people`).
    pub fn new(
        people: Vec<Participant>,
        chains: &Chains,
        met_before: &[(OrganizationId, OrganizationId)],
    ) -> Self {
        let mut segments = Segments::default();
        let mut feeds: Vec<(u32, u32)> = Vec::new();
        let mut links: HashMap<SegmentRef, Links> = HashMap::new();
        let mut dominance: HashMap<u32, Dominance> = HashMap::new();
        let mut names_zh = HashMap::new();
        for chain in chains.iter() {
            let reference = |id: &chainfair_core::SegmentId| SegmentRef {
                industry: chain.industry.id.clone(),
                segment: id.clone(),
            };
            for s in &chain.segments {
                let this = reference(&s.segment.id);
                let from = segments.of(&this);
                links.entry(this.clone()).or_default().name = s.segment.name.clone();
                if !s.segment.name_zh.is_empty() {
                    names_zh.insert(s.segment.name.clone(), s.segment.name_zh.clone());
                }
                for target in &s.segment.feeds {
                    let to = reference(target);
                    feeds.push((from, segments.of(&to)));
                    links.entry(to).or_default().inputs.push(this.clone());
                }
            }
            if let Ok(map) = ChainMap::build(chain, &Overrides::new(), ChokepointRule::default()) {
                for s in &map.segments {
                    let shares: Vec<(CountryCode, f64)> = s
                        .shares
                        .iter()
                        .filter_map(|e| {
                            let code = CountryCode::parse("economy", e.economy.code.as_deref()?);
                            Some((code.ok()?, e.share?))
                        })
                        .collect();
                    if let Some(&(economy, top)) = shares.iter().max_by(|a, b| a.1.total_cmp(&b.1))
                    {
                        dominance.insert(
                            segments.of(&reference(&s.id)),
                            Dominance {
                                economy,
                                top,
                                shares,
                            },
                        );
                    }
                }
            }
        }

        let mut signature_number: HashMap<Signature, u32> = HashMap::new();
        let mut signatures: Vec<Signature> = Vec::new();
        let mut members: Vec<Vec<u32>> = Vec::new();
        let mut signature_of = Vec::with_capacity(people.len());
        let mut position = HashMap::with_capacity(people.len());
        for (i, p) in people.iter().enumerate() {
            position.insert(p.organization.clone(), i as u32);
            let signature = Signature {
                offers_hs: p.profile.offers_hs.clone(),
                seeks_hs: p.profile.seeks_hs.clone(),
                offers: p
                    .profile
                    .offers_segments
                    .iter()
                    .map(|s| segments.of(s))
                    .collect(),
                seeks: p
                    .profile
                    .seeks_segments
                    .iter()
                    .map(|s| segments.of(s))
                    .collect(),
            };
            let n = *signature_number
                .entry(signature.clone())
                .or_insert_with(|| {
                    signatures.push(signature);
                    members.push(Vec::new());
                    (signatures.len() - 1) as u32
                });
            members[n as usize].push(i as u32);
            signature_of.push(n);
        }

        let count = segments.refs.len();
        let mut m = Matcher {
            people: Vec::new(),
            position,
            signature_of,
            offers_within: HashMap::new(),
            offers_exact: HashMap::new(),
            seeks_within: HashMap::new(),
            seeks_exact: HashMap::new(),
            offers_segment: vec![Vec::new(); count],
            seeks_segment: vec![Vec::new(); count],
            inputs: vec![Vec::new(); count],
            outputs: vec![Vec::new(); count],
            dominance: (0..count as u32).map(|n| dominance.remove(&n)).collect(),
            segment_names: segments
                .refs
                .iter()
                .map(|s| {
                    links
                        .get(s)
                        .map_or_else(|| s.segment.to_string(), |l| l.name.clone())
                })
                .collect(),
            names_zh,
            links,
            rarity: HashMap::new(),
            met: Vec::new(),
            traits: people.iter().map(Traits::of).collect(),
            signatures: Vec::new(),
            members,
        };
        for (from, to) in feeds {
            m.outputs[from as usize].push(to);
            m.inputs[to as usize].push(from);
        }
        for (n, signature) in signatures.iter().enumerate() {
            let n = n as u32;
            file_codes(
                &mut m.offers_within,
                &mut m.offers_exact,
                &signature.offers_hs,
                n,
            );
            file_codes(
                &mut m.seeks_within,
                &mut m.seeks_exact,
                &signature.seeks_hs,
                n,
            );
            for &s in &signature.offers {
                m.offers_segment[s as usize].push(n);
            }
            for &s in &signature.seeks {
                m.seeks_segment[s as usize].push(n);
            }
        }
        // Rarity counts participants, not signatures.
        let all = people.len() as f64;
        let mut filed: HashMap<HsCode, usize> = HashMap::new();
        for (code, list) in m.offers_within.iter().chain(&m.seeks_within) {
            *filed.entry(*code).or_default() += list
                .iter()
                .map(|&n| m.members[n as usize].len())
                .sum::<usize>();
        }
        m.rarity = filed
            .into_iter()
            .map(|(code, n)| (code, (1.0 + all / (1.0 + n as f64)).ln() / (1.0 + all).ln()))
            .collect();
        m.met = vec![Vec::new(); people.len()];
        for (a, b) in met_before {
            if let (Some(&x), Some(&y)) = (m.position.get(a), m.position.get(b)) {
                m.met[x as usize].push(y);
                m.met[y as usize].push(x);
            }
        }
        for list in &mut m.met {
            list.sort_unstable();
            list.dedup();
        }
        m.signatures = signatures;
        m.people = people;
        m
    }

    pub fn len(&self) -> usize {
        self.people.len()
    }

    pub fn is_empty(&self) -> bool {
        self.people.is_empty()
    }

    /// The organisation at a position (as in [`Ranked::partner`]).
    pub fn organization(&self, index: usize) -> Option<&OrganizationId> {
        self.people.get(index).map(|p| &p.organization)
    }

    fn rarity(&self, code: &HsCode) -> f64 {
        self.rarity.get(code).copied().unwrap_or(0.0)
    }

    /// The top `k` partners of `organization`; pairs that met at the previous
    /// edition are left out unless `include_met`.
    pub fn recommend(
        &self,
        organization: &OrganizationId,
        k: usize,
        include_met: bool,
    ) -> Result<Vec<Recommendation>, MatchError> {
        let &who = self
            .position
            .get(organization)
            .ok_or_else(|| MatchError::UnknownParticipant(organization.to_string()))?;
        let mut scratch = Scratch::new(self.signatures.len());
        let ranked = self.rank(who, k, include_met, &mut scratch);
        Ok(self.explain(who as usize, &ranked))
    }

    /// The ranking of every participant (in the order given to
    /// [`Matcher::new`]), on `threads` threads, without the reasons: 20
    /// partners of 60,000 participants fit in 20 MB this way; call
    /// [`Matcher::explain`] for the ones to show.
    pub fn rank_all(&self, k: usize, include_met: bool, threads: usize) -> Vec<Vec<Ranked>> {
        let n = self.people.len();
        let threads = threads.clamp(1, 64);
        let chunk = n.div_ceil(threads).max(1);
        let mut out: Vec<Vec<Ranked>> = Vec::with_capacity(n);
        std::thread::scope(|scope| {
            let handles: Vec<_> = (0..n)
                .step_by(chunk)
                .map(|start| {
                    scope.spawn(move || {
                        let mut scratch = Scratch::new(self.signatures.len());
                        (start..(start + chunk).min(n))
                            .map(|i| self.rank(i as u32, k, include_met, &mut scratch))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            for handle in handles {
                // A panic in a worker is a bug; pass it on.
                out.extend(
                    handle
                        .join()
                        .unwrap_or_else(|e| std::panic::resume_unwind(e)),
                );
            }
        });
        out
    }

    /// Recommendations with their reasons for every participant.
    pub fn recommend_all(
        &self,
        k: usize,
        include_met: bool,
        threads: usize,
    ) -> Vec<Vec<Recommendation>> {
        self.rank_all(k, include_met, threads)
            .iter()
            .enumerate()
            .map(|(who, ranked)| self.explain(who, ranked))
            .collect()
    }

    /// A recommendation's reasons as one sentence in Chinese (the
    /// `explanation` is English).
    pub fn explanation_zh(&self, reasons: &[Reason]) -> String {
        explain::sentence_zh(reasons, &self.names_zh)
    }

    /// The reasons, in data and in words, of a ranking of participant `who`.
    pub fn explain(&self, who: usize, ranked: &[Ranked]) -> Vec<Recommendation> {
        if who >= self.people.len() {
            return Vec::new();
        }
        ranked
            .iter()
            .filter_map(|r| {
                let b = self.people.get(r.partner as usize)?;
                let reasons = self.reasons(who as u32, r.partner);
                Some(Recommendation {
                    organization: b.organization.clone(),
                    name: b.name.clone(),
                    country: b.country.alpha2().to_owned(),
                    score: (r.score * 100.0).round() / 100.0,
                    explanation: explain::sentence(&reasons),
                    reasons,
                })
            })
            .collect()
    }

    fn rank(&self, who: u32, k: usize, include_met: bool, s: &mut Scratch) -> Vec<Ranked> {
        s.clear();
        let mine = &self.signatures[self.signature_of[who as usize] as usize];
        // HS codes: what p seeks against what others offer, and the reverse.
        for (codes, within, exact) in [
            (&mine.seeks_hs, &self.offers_within, &self.offers_exact),
            (&mine.offers_hs, &self.seeks_within, &self.seeks_exact),
        ] {
            for code in codes {
                let weight = specificity(code) * self.rarity(code);
                for &q in within.get(code).into_iter().flatten() {
                    s.add_hs(q, weight);
                }
                for broader in ancestors(code) {
                    let weight = specificity(&broader) * self.rarity(&broader);
                    for &q in exact.get(&broader).into_iter().flatten() {
                        s.add_hs(q, weight);
                    }
                }
            }
        }
        // Chain segments.
        for &seg in &mine.seeks {
            for &q in &self.offers_segment[seg as usize] {
                s.add_chain(q, 0.7, Some(seg));
            }
        }
        for &seg in &mine.offers {
            for &q in &self.seeks_segment[seg as usize] {
                s.add_chain(q, 0.7, None);
            }
            for &input in &self.inputs[seg as usize] {
                for &q in &self.offers_segment[input as usize] {
                    s.add_chain(q, 1.0, Some(input));
                }
            }
            for &output in &self.outputs[seg as usize] {
                for &q in &self.offers_segment[output as usize] {
                    s.add_chain(q, 1.0, None);
                }
            }
        }
        let mut best: Vec<Ranked> = Vec::with_capacity(k + 1);
        let p = &self.people[who as usize];
        let insert = |candidate: Ranked, best: &mut Vec<Ranked>| {
            let at = best.partition_point(|r| self.order(r, &candidate).is_lt());
            if at < k {
                best.insert(at, candidate);
                best.truncate(k);
            }
        };
        // Must-meet first: they lead whatever the rest.
        let mut must: Vec<u32> = Vec::new();
        for org in &p.profile.must_meet {
            if let Some(&q) = self.position.get(org)
                && q != who
                && self.allowed(who, q, include_met)
            {
                let signature = self.signature_of[q as usize] as usize;
                let score =
                    MUST_MEET + s.partial(signature) + self.extra(who, q, s.input[signature]);
                must.push(q);
                insert(Ranked { partner: q, score }, &mut best);
            }
        }
        // Signatures by the most their members can score, best first; their
        // members while they can still make the list.
        let bound = self.extra_bound(p);
        let mut touched: Vec<(f64, f64, u32)> = s
            .touched
            .iter()
            .map(|&n| {
                let partial = s.partial(n as usize);
                let input = s.input[n as usize];
                (
                    partial + bound + W_DIVERSIFICATION * self.dominant_share(input),
                    partial,
                    n,
                )
            })
            .collect();
        touched.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.2.cmp(&y.2)));
        for (most, partial, n) in touched {
            if best.len() == k && best.last().is_some_and(|last| most < last.score) {
                break;
            }
            let input = s.input[n as usize];
            for &q in &self.members[n as usize] {
                if q == who || must.contains(&q) || !self.allowed(who, q, include_met) {
                    continue;
                }
                let score = partial + self.extra(who, q, input);
                if best.len() < k || best.last().is_some_and(|last| score >= last.score) {
                    insert(Ranked { partner: q, score }, &mut best);
                }
            }
        }
        best
    }

    /// The most role, market and language can add for any partner of `p`.
    fn extra_bound(&self, p: &Participant) -> f64 {
        let role = if p
            .roles
            .iter()
            .any(|r| matches!(r, Role::Supplier | Role::Buyer))
        {
            1.0
        } else {
            0.6
        };
        let own_market = if !p.profile.target_countries.is_empty() {
            1.0
        } else if !p.profile.target_regions.is_empty() {
            0.6
        } else {
            0.0
        };
        let language = if p.profile.languages.iter().any(|l| *l != Language::ENGLISH) {
            1.0
        } else if p.profile.languages.is_empty() {
            0.0
        } else {
            0.5
        };
        W_ROLE * role + W_MARKET * (own_market + 1.0) / 2.0 + W_LANGUAGE * language
    }

    /// The top share (0 to 1) of the input a signature supplies: the most
    /// diversification can be worth.
    fn dominant_share(&self, input: Option<u32>) -> f64 {
        input
            .and_then(|i| self.dominance[i as usize].as_ref())
            .map_or(0.0, |d| d.top / 100.0)
    }

    /// The score of `partner` for `organization` computed directly from
    /// their profiles, without the indexes (None when they have nothing to
    /// trade and no must-meet joins them, or either is unknown): what the
    /// ranking must agree with.
    pub fn pair_score(
        &self,
        organization: &OrganizationId,
        partner: &OrganizationId,
    ) -> Option<f64> {
        let (&p, &q) = (
            self.position.get(organization)?,
            self.position.get(partner)?,
        );
        let mine = &self.signatures[self.signature_of[p as usize] as usize];
        let theirs = &self.signatures[self.signature_of[q as usize] as usize];
        let weight = |code: &HsCode| specificity(code) * self.rarity(code);
        let mut hs = 0.0;
        for (wanted, offered) in [
            (&mine.seeks_hs, &theirs.offers_hs),
            (&mine.offers_hs, &theirs.seeks_hs),
        ] {
            for a in wanted {
                if offered.iter().any(|b| b.is_within(a)) {
                    hs += weight(a);
                }
                for b in offered {
                    if b != a && a.is_within(b) {
                        hs += weight(b);
                    }
                }
            }
        }
        let mut chain: f64 = 0.0;
        let mut input = None;
        for &seg in &mine.seeks {
            if theirs.offers.contains(&seg) {
                chain = chain.max(0.7);
                input = input.or(Some(seg));
            }
        }
        for &seg in &mine.offers {
            if theirs.seeks.contains(&seg) {
                chain = chain.max(0.7);
            }
            for &i in &self.inputs[seg as usize] {
                if theirs.offers.contains(&i) {
                    chain = 1.0;
                    input = input.or(Some(i));
                }
            }
            if self.outputs[seg as usize]
                .iter()
                .any(|o| theirs.offers.contains(o))
            {
                chain = 1.0;
            }
        }
        let must = self.people[p as usize].profile.must_meet.contains(partner);
        if hs == 0.0 && chain == 0.0 && !must {
            return None;
        }
        let partial = W_CHAIN * chain + W_HS * (1.0 - (-hs / 2.0).exp());
        Some(partial + self.extra(p, q, input) + if must { MUST_MEET } else { 0.0 })
    }

    /// Score order: higher first, then organisation id.
    fn order(&self, x: &Ranked, y: &Ranked) -> std::cmp::Ordering {
        y.score.total_cmp(&x.score).then_with(|| {
            self.people[x.partner as usize]
                .organization
                .cmp(&self.people[y.partner as usize].organization)
        })
    }

    fn allowed(&self, p: u32, q: u32, include_met: bool) -> bool {
        let refuses = |x: u32, y: u32| {
            self.traits[x as usize].refuses
                && self.people[x as usize]
                    .profile
                    .no_thanks
                    .contains(&self.people[y as usize].organization)
        };
        !refuses(p, q)
            && !refuses(q, p)
            && (include_met || self.met[p as usize].binary_search(&q).is_err())
    }

    /// Role, market, language and diversification: what depends on the
    /// participants themselves rather than their signatures.
    fn extra(&self, p: u32, q: u32, input: Option<u32>) -> f64 {
        let (a, b) = (&self.traits[p as usize], &self.traits[q as usize]);
        W_ROLE * role_fit(a, b)
            + W_MARKET * (market_fit(a, b) + market_fit(b, a)) / 2.0
            + W_LANGUAGE * language_fit(a, b)
            + W_DIVERSIFICATION * self.diversification(input, b.country)
    }

    fn diversification(&self, input: Option<u32>, country: CountryCode) -> f64 {
        let Some(d) = input.and_then(|i| self.dominance[i as usize].as_ref()) else {
            return 0.0;
        };
        if d.economy == country {
            return 0.0;
        }
        let own = d
            .shares
            .iter()
            .find(|(c, _)| *c == country)
            .map_or(0.0, |(_, s)| *s);
        ((d.top - own) / 100.0).max(0.0)
    }

    /// The reasons for partner `q` of `p`, in the order a person reads them.
    fn reasons(&self, p: u32, q: u32) -> Vec<Reason> {
        let (a, b) = (&self.people[p as usize], &self.people[q as usize]);
        let mut reasons = Vec::new();
        if a.profile.must_meet.contains(&b.organization) {
            reasons.push(Reason::MustMeet);
        }
        reasons.extend(explain::trade(a, b, &self.links));
        let (ta, tb) = (&self.traits[p as usize], &self.traits[q as usize]);
        if market_fit(ta, tb) > 0.0 {
            let by_country = a.profile.target_countries.contains(&b.country);
            reasons.push(Reason::Market {
                country: b.country.info().name.to_owned(),
                region: (!by_country)
                    .then(|| b.country.region().map(|r| r.to_string()))
                    .flatten(),
            });
        }
        if language_fit(ta, tb) == 1.0 {
            reasons.push(Reason::Language {
                languages: a
                    .profile
                    .languages
                    .iter()
                    .filter(|l| **l != Language::ENGLISH && b.profile.languages.contains(l))
                    .map(ToString::to_string)
                    .collect(),
            });
        }
        // The input q supplies, as the ranking saw it.
        let mine = &self.signatures[self.signature_of[p as usize] as usize];
        let theirs = &self.signatures[self.signature_of[q as usize] as usize];
        let input = theirs.offers.iter().copied().find(|t| {
            mine.seeks.contains(t)
                || mine
                    .offers
                    .iter()
                    .any(|o| self.inputs[*o as usize].contains(t))
        });
        if let Some(input) = input
            && let Some(d) = &self.dominance[input as usize]
        {
            let gain = self.diversification(Some(input), b.country);
            if gain > 0.0 {
                reasons.push(Reason::Diversifies {
                    economy: d.economy.info().name.to_owned(),
                    share: d.top,
                    segment: self.segment_names[input as usize].clone(),
                });
            }
        }
        reasons
    }
}

fn specificity(code: &HsCode) -> f64 {
    match code.as_str().len() {
        6 => 1.0,
        4 => 0.6,
        _ => 0.25,
    }
}

fn role_fit(a: &Traits, b: &Traits) -> f64 {
    let trade = (a.roles & SUPPLIER != 0 && b.roles & BUYER != 0)
        || (a.roles & BUYER != 0 && b.roles & SUPPLIER != 0);
    if trade {
        1.0
    } else if (a.roles | b.roles) & SHOWS != 0 {
        0.6
    } else {
        0.0
    }
}

/// How well `other` fits the markets `who` targets.
fn market_fit(who: &Traits, other: &Traits) -> f64 {
    if who.target_countries.contains(&other.country) {
        1.0
    } else if who.target_regions & other.region != 0 {
        0.6
    } else {
        0.0
    }
}

/// 1 for a shared language other than English, 0.5 for English only, else 0.
fn language_fit(a: &Traits, b: &Traits) -> f64 {
    let mut shared_english = false;
    for l in &a.languages {
        if b.languages.contains(l) {
            if *l != Language::ENGLISH {
                return 1.0;
            }
            shared_english = true;
        }
    }
    if shared_english { 0.5 } else { 0.0 }
}

/// Per-query accumulators by signature, reused across queries.
struct Scratch {
    hs: Vec<f64>,
    chain: Vec<f64>,
    /// The input segment a signature supplies, for diversification.
    input: Vec<Option<u32>>,
    seen: Vec<bool>,
    touched: Vec<u32>,
}

impl Scratch {
    fn new(n: usize) -> Self {
        Self {
            hs: vec![0.0; n],
            chain: vec![0.0; n],
            input: vec![None; n],
            seen: vec![false; n],
            touched: Vec::new(),
        }
    }

    fn clear(&mut self) {
        for &q in &self.touched {
            let q = q as usize;
            self.hs[q] = 0.0;
            self.chain[q] = 0.0;
            self.input[q] = None;
            self.seen[q] = false;
        }
        self.touched.clear();
    }

    fn touch(&mut self, q: u32) {
        if !self.seen[q as usize] {
            self.seen[q as usize] = true;
            self.touched.push(q);
        }
    }

    fn add_hs(&mut self, q: u32, weight: f64) {
        self.touch(q);
        self.hs[q as usize] += weight;
    }

    fn add_chain(&mut self, q: u32, weight: f64, input: Option<u32>) {
        self.touch(q);
        let i = q as usize;
        if weight > self.chain[i] {
            self.chain[i] = weight;
        }
        if input.is_some() && self.input[i].is_none() {
            self.input[i] = input;
        }
    }

    /// Chain and HS parts of a signature's score.
    fn partial(&self, n: usize) -> f64 {
        W_CHAIN * self.chain[n] + W_HS * (1.0 - (-self.hs[n] / 2.0).exp())
    }
}
