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

use chainfair_chains::concentration::ChokepointRule;
use chainfair_chains::map::{ChainMap, Overrides};
use chainfair_chains::template::Chains;
use chainfair_core::{CountryCode, HsCode, OrganizationId, Profile, Role, SegmentRef};
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
#[derive(Debug, Clone, PartialEq, Serialize)]
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
    economy: String,
    economy_name: String,
    top: f64,
    shares: HashMap<String, f64>,
}

/// A segment's neighbours in its chain.
#[derive(Debug, Clone, Default)]
struct Links {
    inputs: Vec<SegmentRef>,
    outputs: Vec<SegmentRef>,
    name: String,
}

/// The participants of an edition, indexed for recommendation.
#[derive(Debug)]
pub struct Matcher {
    people: Vec<Participant>,
    position: HashMap<OrganizationId, u32>,
    /// HS code -> participants offering a code within it (itself included).
    offers_within: HashMap<HsCode, Vec<u32>>,
    /// HS code -> participants offering exactly it.
    offers_exact: HashMap<HsCode, Vec<u32>>,
    seeks_within: HashMap<HsCode, Vec<u32>>,
    seeks_exact: HashMap<HsCode, Vec<u32>>,
    offers_segment: HashMap<SegmentRef, Vec<u32>>,
    seeks_segment: HashMap<SegmentRef, Vec<u32>>,
    links: HashMap<SegmentRef, Links>,
    dominance: HashMap<SegmentRef, Dominance>,
    /// Participants filed under each code (offering or seeking), for rarity.
    filed: HashMap<HsCode, u32>,
    met: HashSet<(u32, u32)>,
    rule: ChokepointRule,
}

fn ancestors(code: &HsCode) -> impl Iterator<Item = HsCode> {
    std::iter::successors(code.parent(), HsCode::parent)
}

fn file_codes(
    index: &mut HashMap<HsCode, Vec<u32>>,
    exact: &mut HashMap<HsCode, Vec<u32>>,
    codes: &[HsCode],
    who: u32,
) {
    let mut filed: HashSet<HsCode> = HashSet::new();
    for code in codes {
        exact.entry(*code).or_default().push(who);
        for key in std::iter::once(*code).chain(ancestors(code)) {
            if filed.insert(key) {
                index.entry(key).or_default().push(who);
            }
        }
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
        let mut m = Matcher {
            position: HashMap::with_capacity(people.len()),
            offers_within: HashMap::new(),
            offers_exact: HashMap::new(),
            seeks_within: HashMap::new(),
            seeks_exact: HashMap::new(),
            offers_segment: HashMap::new(),
            seeks_segment: HashMap::new(),
            links: HashMap::new(),
            dominance: HashMap::new(),
            filed: HashMap::new(),
            met: HashSet::new(),
            rule: ChokepointRule::default(),
            people: Vec::new(),
        };
        for (i, p) in people.iter().enumerate() {
            let who = i as u32;
            m.position.insert(p.organization.clone(), who);
            file_codes(
                &mut m.offers_within,
                &mut m.offers_exact,
                &p.profile.offers_hs,
                who,
            );
            file_codes(
                &mut m.seeks_within,
                &mut m.seeks_exact,
                &p.profile.seeks_hs,
                who,
            );
            for s in &p.profile.offers_segments {
                m.offers_segment.entry(s.clone()).or_default().push(who);
            }
            for s in &p.profile.seeks_segments {
                m.seeks_segment.entry(s.clone()).or_default().push(who);
            }
        }
        for (code, list) in m.offers_within.iter().chain(&m.seeks_within) {
            *m.filed.entry(*code).or_default() += list.len() as u32;
        }
        for chain in chains.iter() {
            let reference = |id: &chainfair_core::SegmentId| SegmentRef {
                industry: chain.industry.id.clone(),
                segment: id.clone(),
            };
            for s in &chain.segments {
                let this = reference(&s.segment.id);
                let entry = m.links.entry(this.clone()).or_default();
                entry.name = s.segment.name.clone();
                entry.outputs = s.segment.feeds.iter().map(reference).collect();
                for target in &s.segment.feeds {
                    m.links
                        .entry(reference(target))
                        .or_default()
                        .inputs
                        .push(this.clone());
                }
            }
            if let Ok(map) = ChainMap::build(chain, &Overrides::new(), m.rule) {
                for s in &map.segments {
                    let with_share: Vec<_> = s
                        .shares
                        .iter()
                        .filter_map(|e| {
                            Some((e.economy.code.clone()?, e.share?, e.economy.name.clone()))
                        })
                        .collect();
                    if let Some((code, top, name)) = with_share
                        .iter()
                        .max_by(|a, b| a.1.total_cmp(&b.1))
                        .cloned()
                    {
                        m.dominance.insert(
                            reference(&s.id),
                            Dominance {
                                economy: code,
                                economy_name: name,
                                top,
                                shares: with_share.into_iter().map(|(c, s, _)| (c, s)).collect(),
                            },
                        );
                    }
                }
            }
        }
        for (a, b) in met_before {
            if let (Some(&x), Some(&y)) = (m.position.get(a), m.position.get(b)) {
                m.met.insert((x.min(y), x.max(y)));
            }
        }
        m.people = people;
        m
    }

    pub fn len(&self) -> usize {
        self.people.len()
    }

    pub fn is_empty(&self) -> bool {
        self.people.is_empty()
    }

    fn rarity(&self, code: &HsCode) -> f64 {
        let n = f64::from(self.filed.get(code).copied().unwrap_or(0));
        let all = self.people.len() as f64;
        (1.0 + all / (1.0 + n)).ln() / (1.0 + all).ln()
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
        let mut scratch = Scratch::new(self.people.len());
        Ok(self.recommend_index(who, k, include_met, &mut scratch))
    }

    /// Recommendations for every participant, on `threads` threads; in the
    /// order of the participants given to [`Matcher::new`].
    pub fn recommend_all(
        &self,
        k: usize,
        include_met: bool,
        threads: usize,
    ) -> Vec<Vec<Recommendation>> {
        let n = self.people.len();
        let threads = threads.clamp(1, 64);
        let chunk = n.div_ceil(threads).max(1);
        let mut out: Vec<Vec<Recommendation>> = Vec::with_capacity(n);
        std::thread::scope(|scope| {
            let handles: Vec<_> = (0..n)
                .step_by(chunk)
                .map(|start| {
                    scope.spawn(move || {
                        let mut scratch = Scratch::new(n);
                        (start..(start + chunk).min(n))
                            .map(|i| self.recommend_index(i as u32, k, include_met, &mut scratch))
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

    fn recommend_index(
        &self,
        who: u32,
        k: usize,
        include_met: bool,
        s: &mut Scratch,
    ) -> Vec<Recommendation> {
        s.clear();
        let p = &self.people[who as usize];
        // HS codes: what p seeks against what others offer, and the reverse.
        for (mine, within, exact) in [
            (&p.profile.seeks_hs, &self.offers_within, &self.offers_exact),
            (&p.profile.offers_hs, &self.seeks_within, &self.seeks_exact),
        ] {
            for code in mine {
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
        for seg in &p.profile.seeks_segments {
            for &q in self.offers_segment.get(seg).into_iter().flatten() {
                s.add_chain(q, 0.7, Some(seg));
            }
        }
        for seg in &p.profile.offers_segments {
            for &q in self.seeks_segment.get(seg).into_iter().flatten() {
                s.add_chain(q, 0.7, None);
            }
            if let Some(links) = self.links.get(seg) {
                for input in &links.inputs {
                    for &q in self.offers_segment.get(input).into_iter().flatten() {
                        s.add_chain(q, 1.0, Some(input));
                    }
                }
                for output in &links.outputs {
                    for &q in self.offers_segment.get(output).into_iter().flatten() {
                        s.add_chain(q, 1.0, None);
                    }
                }
            }
        }
        for org in &p.profile.must_meet {
            if let Some(&q) = self.position.get(org) {
                s.touch(q);
            }
        }
        let mut scored: Vec<(f64, u32)> = Vec::with_capacity(s.touched.len());
        for &q in &s.touched {
            if q == who || !self.allowed(who, q, include_met) {
                continue;
            }
            scored.push((self.score(who, q, s).0, q));
        }
        let k = k.min(scored.len());
        if k == 0 {
            return Vec::new();
        }
        let order = |a: &(f64, u32), b: &(f64, u32)| {
            b.0.total_cmp(&a.0).then_with(|| {
                self.people[a.1 as usize]
                    .organization
                    .cmp(&self.people[b.1 as usize].organization)
            })
        };
        scored.select_nth_unstable_by(k - 1, order);
        scored.truncate(k);
        scored.sort_by(order);
        scored
            .into_iter()
            .map(|(_, q)| {
                let (score, reasons) = self.score(who, q, s);
                let partner = &self.people[q as usize];
                Recommendation {
                    organization: partner.organization.clone(),
                    name: partner.name.clone(),
                    country: partner.country.alpha2().to_owned(),
                    score: (score * 100.0).round() / 100.0,
                    explanation: explain::sentence(&reasons),
                    reasons,
                }
            })
            .collect()
    }

    fn allowed(&self, p: u32, q: u32, include_met: bool) -> bool {
        let (a, b) = (&self.people[p as usize], &self.people[q as usize]);
        !a.profile.no_thanks.contains(&b.organization)
            && !b.profile.no_thanks.contains(&a.organization)
            && (include_met || !self.met.contains(&(p.min(q), p.max(q))))
    }

    /// The full score of partner `q` for `p`, with its reasons.
    fn score(&self, p: u32, q: u32, s: &Scratch) -> (f64, Vec<Reason>) {
        let (a, b) = (&self.people[p as usize], &self.people[q as usize]);
        let mut reasons = Vec::new();
        let mut score = 0.0;
        let chain = s.chain[q as usize];
        if chain > 0.0 {
            score += W_CHAIN * chain;
        }
        let hs = 1.0 - (-s.hs[q as usize] / 2.0).exp();
        score += W_HS * hs;
        if chain > 0.0 || hs > 0.0 {
            reasons.extend(explain::trade(a, b, &self.links));
        }
        let role = role_fit(&a.roles, &b.roles);
        score += W_ROLE * role;
        let market = (market_fit(a, b) + market_fit(b, a)) / 2.0;
        score += W_MARKET * market;
        if market_fit(a, b) > 0.0 {
            let by_country = a.profile.target_countries.contains(&b.country);
            reasons.push(Reason::Market {
                country: b.country.info().name.to_owned(),
                region: (!by_country)
                    .then(|| b.country.region().map(|r| r.to_string()))
                    .flatten(),
            });
        }
        let shared: Vec<String> = a
            .profile
            .languages
            .iter()
            .filter(|l| b.profile.languages.contains(l))
            .map(ToString::to_string)
            .collect();
        let language = if shared.iter().any(|l| l != "en") {
            1.0
        } else if shared.is_empty() {
            0.0
        } else {
            0.5
        };
        score += W_LANGUAGE * language;
        if language == 1.0 {
            reasons.push(Reason::Language {
                languages: shared.into_iter().filter(|l| l != "en").collect(),
            });
        }
        if let Some(input) = s.input[q as usize].as_ref()
            && let Some(d) = self.dominance.get(input)
            && d.economy != b.country.alpha2()
        {
            let own = d.shares.get(b.country.alpha2()).copied().unwrap_or(0.0);
            let gain = ((d.top - own) / 100.0).max(0.0);
            if gain > 0.0 {
                score += W_DIVERSIFICATION * gain;
                reasons.push(Reason::Diversifies {
                    economy: d.economy_name.clone(),
                    share: d.top,
                    segment: self
                        .links
                        .get(input)
                        .map_or_else(String::new, |l| l.name.clone()),
                });
            }
        }
        if a.profile.must_meet.contains(&b.organization) {
            score += MUST_MEET;
            reasons.insert(0, Reason::MustMeet);
        }
        (score, reasons)
    }
}

fn specificity(code: &HsCode) -> f64 {
    match code.as_str().len() {
        6 => 1.0,
        4 => 0.6,
        _ => 0.25,
    }
}

fn role_fit(a: &[Role], b: &[Role]) -> f64 {
    let shows = |roles: &[Role]| {
        roles
            .iter()
            .any(|r| matches!(r, Role::Exhibitor | Role::CoExhibitor))
    };
    let has = |roles: &[Role], role: Role| roles.contains(&role);
    if (has(a, Role::Supplier) && has(b, Role::Buyer))
        || (has(a, Role::Buyer) && has(b, Role::Supplier))
    {
        1.0
    } else if shows(a) || shows(b) {
        0.6
    } else {
        0.0
    }
}

/// How well `other` fits the markets `who` targets.
fn market_fit(who: &Participant, other: &Participant) -> f64 {
    if who.profile.target_countries.contains(&other.country) {
        1.0
    } else if other
        .country
        .region()
        .is_some_and(|r| who.profile.target_regions.contains(&r))
    {
        0.6
    } else {
        0.0
    }
}

/// Per-participant accumulators, reused across queries.
struct Scratch {
    hs: Vec<f64>,
    chain: Vec<f64>,
    /// The input segment a candidate supplies, for diversification.
    input: Vec<Option<SegmentRef>>,
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

    fn add_chain(&mut self, q: u32, weight: f64, input: Option<&SegmentRef>) {
        self.touch(q);
        let i = q as usize;
        if weight > self.chain[i] {
            self.chain[i] = weight;
        }
        if let Some(input) = input
            && self.input[i].is_none()
        {
            self.input[i] = Some(input.clone());
        }
    }
}
