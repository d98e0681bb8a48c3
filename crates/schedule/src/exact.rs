//! Exact solver: the lexicographic optimum proved by a sequence of SAT calls.
//!
//! The encoding follows the SAT models of Bofill et al., "Constraint Solving Approaches
//! to the Business-to-Business Meeting Scheduling Problem" (JAIR 73, 2022):
//! - `x[m,s]`: meeting `m` takes place in slot `s` (only for its allowed slots); at most
//!   one slot per meeting, `placed[m] ↔ ∨ₛ x[m,s]`;
//! - `busy[p,s] ↔ ∨ x[m,s]` over the meetings of participant `p`, which are pairwise
//!   exclusive in `s`; meetings locked to one table are pairwise exclusive in each slot;
//! - `m` after `q`: `x[m,s] → ¬(q in a slot ≥ s)`;
//! - `later[p,s] ↔ busy[p,s] ∨ later[p,s+1]` within a day, and a gap starts at `s` iff
//!   `busy[p,s] ∧ ¬busy[p,s+1] ∧ later[p,s+2]`: each maximal free run between two
//!   meetings of a day is counted once;
//! - a totalizer per participant counts its gaps in unary (exactly, when a spread bound
//!   needs the smallest count as well as the largest);
//! - once everything must be placed, each participant is busy in as many slots as it
//!   has meetings (implied, but see `Encoding::busy_counts`);
//! - spread `≤ c`: `gaps[p] ≥ j + c + 1 → every[j + 1]` and `every[j] → gaps[q] ≥ j`;
//! - table capacity as `Σₚ busy[p,s] ≤ 2·tables(s)`: the participants busy in a slot
//!   are twice its meetings, and counting them ties the capacity to the literals the
//!   gaps are defined on (with it, paper2's optimum is proved in seconds instead of
//!   not at all in a minute);
//! - on one-day problems, once everything must be placed, a participant without gaps is
//!   one block of as many slots as it has meetings: "no gap" → exactly one of the
//!   block's possible starts, each start → busy over its block (see `Encoding::blocks`);
//!
//! The objective is minimised one component at a time. Lost priority (a weighted
//! totalizer over `¬placed[m]`, skipped when the incumbent already places everything
//! placeable) and then the spread excess go down from the incumbent: with the incumbent
//! at cost `k`, ask for at most `k − 1` (an assumption on the totalizer output or a
//! guard literal); each answer is a better schedule, until the solver proves that none
//! exists, and the component is then fixed as a hard clause. The gaps go up instead,
//! by OLL cores (Morgado et al., CP 2014) meeting the incumbent from below. Each call
//! of the gap search keeps the incumbent's busy slots of the participants it has not
//! freed yet (see `Neighbourhood`): a core that blames kept days frees some of them
//! and is not counted, so the calls stay small and the bound only rises on cores of
//! the problem itself. Only an unsatisfiable answer, a satisfiable one at the proved
//! lower bound, or the incumbent reaching the participants' bounds
//! ([`crate::bound::optimum_bounds`]) ends a component, so "proved" is a proof.

use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use batsat::Lit;

use crate::cnf::Cnf;
use crate::model::{Model, NONE};
use crate::state::{Cost, State};

/// Budget of the exact search: SAT conflicts over all calls, an optional deadline, and
/// an optional flag on which another thread stops it.
pub(crate) struct Limits {
    pub conflicts: u64,
    pub deadline: Option<Instant>,
    pub stop: Option<Arc<AtomicBool>>,
}

/// Best schedule found (a slot per meeting) and whether it is proved optimal.
pub(crate) struct Outcome {
    pub slots: Vec<u32>,
    pub proved: bool,
    /// Largest gap total proved necessary at the best schedule's priority and spread.
    pub gap_bound: u64,
    pub conflicts: u64,
    pub sat_calls: u32,
}

enum Answer {
    Found(Vec<u32>),
    Infeasible,
    Unknown,
}

struct Encoding<'a> {
    m: &'a Model,
    cnf: Cnf,
    /// (slot, literal) of each allowed placement of each meeting.
    x: Vec<Vec<(u32, Lit)>>,
    placed: Vec<Lit>,
    /// Busy slots of each participant.
    busy: Vec<Vec<Lit>>,
    /// Unary gap count of each participant: `gaps[p][k]` = at least k + 1 gaps.
    gaps: Vec<Vec<Lit>>,
    /// `every[j]`: every participant has at least j + 1 gaps (built on demand).
    every: Vec<Lit>,
    calls: u32,
}

impl<'a> Encoding<'a> {
    fn new(m: &'a Model, limits: &Limits, incumbent: &[u32]) -> Self {
        let mut cnf = Cnf::new(limits.conflicts, limits.deadline, limits.stop.clone());
        let x: Vec<Vec<(u32, Lit)>> = m
            .allowed
            .iter()
            .zip(incumbent)
            .map(|(slots, &now)| {
                slots
                    .iter()
                    .map(|&s| (s, cnf.var_preferring(s == now)))
                    .collect()
            })
            .collect();
        let mut placed = Vec::with_capacity(m.n_meet);
        for (mt, xs) in x.iter().enumerate() {
            let lits: Vec<Lit> = xs.iter().map(|&(_, l)| l).collect();
            cnf.at_most_one(&lits);
            placed.push(cnf.or(&lits));
            if m.mandatory[mt] != NONE {
                cnf.add(&[placed[mt]]);
            }
        }
        let lit_at = |mt: usize, s: usize| {
            x[mt]
                .iter()
                .find(|&&(t, _)| t as usize == s)
                .map(|&(_, l)| l)
        };
        // Locked tables: one meeting per table and slot.
        let mut by_table = vec![Vec::new(); m.n_tables];
        for mt in (0..m.n_meet).filter(|&mt| m.locked[mt] != NONE) {
            by_table[m.locked[mt] as usize].push(mt);
        }
        for mine in by_table.iter().filter(|v| v.len() > 1) {
            for s in 0..m.n_slots {
                let lits: Vec<Lit> = mine.iter().filter_map(|&mt| lit_at(mt, s)).collect();
                cnf.at_most_one(&lits);
            }
        }
        // Precedences, through "q takes place in a slot ≥ s".
        let mut from: Vec<Option<Vec<Lit>>> = vec![None; m.n_meet];
        for (mt, xs) in x.iter().enumerate() {
            for &q in &m.preds[mt] {
                let q = q as usize;
                if from[q].is_none() {
                    let mut ge = vec![cnf.fals(); m.n_slots + 1];
                    for s in (0..m.n_slots).rev() {
                        let here = lit_at(q, s).unwrap_or(cnf.fals());
                        ge[s] = cnf.or(&[here, ge[s + 1]]);
                    }
                    from[q] = Some(ge);
                }
                if let Some(ge) = &from[q] {
                    for &(s, l) in xs {
                        cnf.add(&[!l, !ge[s as usize]]);
                    }
                }
            }
        }
        // Participants: one meeting a slot, busy slots, gaps.
        let exact = m.max_gap_spread.is_some();
        let mut gaps = vec![Vec::new(); m.n_parts];
        let mut all_busy = Vec::with_capacity(m.n_parts);
        for (p, count) in gaps.iter_mut().enumerate() {
            let mut busy = vec![cnf.fals(); m.n_slots];
            for (s, b) in busy.iter_mut().enumerate() {
                let lits: Vec<Lit> = m.part_meet[p]
                    .iter()
                    .filter_map(|&mt| lit_at(mt as usize, s))
                    .collect();
                cnf.at_most_one(&lits);
                *b = cnf.or(&lits);
            }
            let mut starts: Vec<Vec<Lit>> = Vec::new();
            for d in 0..m.n_days {
                let first = m.day_first[d] as usize;
                let end = m.day_first.get(d + 1).map_or(m.n_slots, |&e| e as usize);
                let mut later = cnf.fals();
                for s in (first..end).rev() {
                    if s + 2 < end {
                        let g = cnf.and(&[busy[s], !busy[s + 1], later]);
                        if g != cnf.fals() {
                            starts.push(vec![g]);
                        }
                    }
                    // `later` is busy in s + 2 .. end of day; widen it to s + 1 ...
                    if s + 1 < end {
                        later = cnf.or(&[busy[s + 1], later]);
                    }
                }
            }
            *count = cnf.totalizer(&starts, starts.len(), exact);
            all_busy.push(busy);
        }
        // Tables, counted through the busy participants: a meeting makes its two parties
        // busy, and a participant has at most one meeting a slot, so the participants
        // busy in a slot are twice its meetings.
        for s in 0..m.n_slots {
            let cap = 2 * m.cap[s] as usize;
            let leaves: Vec<Vec<Lit>> = all_busy
                .iter()
                .map(|busy| busy[s])
                .filter(|&l| l != cnf.fals())
                .map(|l| vec![l])
                .collect();
            if leaves.len() > cap {
                let total = cnf.totalizer(&leaves, cap + 1, false);
                cnf.add(&[!total[cap]]);
            }
        }
        Encoding {
            m,
            cnf,
            x,
            placed,
            busy: all_busy,
            gaps,
            every: Vec::new(),
            calls: 0,
        }
    }

    /// Every placeable meeting of positive priority (and every fixed one) is placed.
    fn all_placed(&mut self) {
        for mt in 0..self.m.n_meet {
            if !self.m.allowed[mt].is_empty() && self.m.prio[mt] > 0 {
                self.cnf.add(&[self.placed[mt]]);
            }
        }
        self.busy_counts();
        self.blocks();
    }

    /// Meetings of `p` that must be placed (placeable, and fixed or of positive priority),
    /// and whether `p` also has optional ones (placeable, priority 0).
    fn needed(&self, p: usize) -> (usize, bool) {
        let m = self.m;
        let mut need = 0;
        let mut optional = false;
        for mt in m.part_meet[p].iter().map(|&mt| mt as usize) {
            if m.allowed[mt].is_empty() {
                continue;
            }
            if m.prio[mt] > 0 || m.mandatory[mt] != NONE {
                need += 1;
            } else {
                optional = true;
            }
        }
        (need, optional)
    }

    /// Once every placeable meeting must be placed: each participant is busy in as many
    /// slots as it has meetings. Implied, but deriving it takes the solver a pigeonhole
    /// argument (exponential for resolution), and it is what shows quickly that a
    /// participant cannot fit its meetings into one free run.
    fn busy_counts(&mut self) {
        for p in 0..self.m.n_parts {
            let (need, _) = self.needed(p);
            if need >= 2 {
                let leaves: Vec<Vec<Lit>> = self.busy[p].iter().map(|&l| vec![l]).collect();
                let count = self.cnf.totalizer(&leaves, need, true);
                self.cnf.add(&[count[need - 1]]);
            }
        }
    }

    /// One-day problems, once everything must be placed: a participant without gaps is
    /// busy in one block of as many slots as it has meetings, so its day is one choice
    /// among the block's possible starts. Stated under the condition that it has no gap
    /// (its first gap literal false), for participants without optional meetings (whose
    /// count of busy slots is not known). Implied by the busy counts and the gap
    /// definition, but the solver sees at once which starts an unavailable slot rules
    /// out and, with the tables counted in busy participants, which blocks cannot all
    /// fit a slot.
    fn blocks(&mut self) {
        let m = self.m;
        if m.n_days != 1 {
            return;
        }
        let fals = self.cnf.fals();
        for p in 0..m.n_parts {
            let (need, optional) = self.needed(p);
            if need < 2 || optional {
                continue;
            }
            let gap = self.gaps[p].first().copied().unwrap_or(fals);
            let busy = self.busy[p].clone();
            let mut starts: Vec<(usize, Lit)> = Vec::new();
            for t in 0..=m.n_slots.saturating_sub(need) {
                if busy[t..t + need].iter().all(|&b| b != fals) {
                    let v = self.cnf.var();
                    for &b in &busy[t..t + need] {
                        self.cnf.add(&[!v, b]);
                    }
                    starts.push((t, v));
                }
            }
            let mut lits: Vec<Lit> = starts.iter().map(|&(_, l)| l).collect();
            self.cnf.at_most_one(&lits);
            lits.push(gap);
            self.cnf.add(&lits);
            for (s, &b) in busy.iter().enumerate() {
                let mut cover: Vec<Lit> = starts
                    .iter()
                    .filter(|&&(t, _)| t <= s && s < t + need)
                    .map(|&(_, l)| l)
                    .collect();
                cover.extend([!b, gap]);
                self.cnf.add(&cover);
            }
        }
    }

    fn decode(&self) -> Vec<u32> {
        self.x
            .iter()
            .map(|xs| {
                xs.iter()
                    .find(|&&(_, l)| self.cnf.value(l))
                    .map_or(NONE, |&(s, _)| s)
            })
            .collect()
    }

    fn solve(&mut self, assumptions: &[Lit]) -> Answer {
        self.calls += 1;
        match self.cnf.solve(assumptions) {
            None => Answer::Unknown,
            Some(false) => Answer::Infeasible,
            Some(true) => Answer::Found(self.decode()),
        }
    }

    /// Gap spread at most `c` whenever `guard` holds.
    fn spread_at_most(&mut self, c: usize, guard: Lit) {
        let most = self.gaps.iter().map(Vec::len).max().unwrap_or(0);
        for j in 0..most.saturating_sub(c) {
            while self.every.len() <= j {
                let k = self.every.len();
                let all = if self.gaps.iter().any(|g| g.len() <= k) {
                    self.cnf.fals()
                } else {
                    let v = self.cnf.var();
                    for g in &self.gaps {
                        self.cnf.add(&[!v, g[k]]);
                    }
                    v
                };
                self.every.push(all);
            }
            for p in 0..self.gaps.len() {
                if let Some(&over) = self.gaps[p].get(j + c) {
                    self.cnf.add(&[!guard, !over, self.every[j]]);
                }
            }
        }
    }
}

/// The participants whose day the gap search may change: at first those above their
/// bound in the incumbent; every other participant keeps the incumbent's busy slots
/// (its meetings may still trade those slots among themselves). A core that involves
/// kept days frees some of them, those meeting a free participant first, so each call
/// stays small until one finds a schedule or a core involves no kept day, which is
/// then a core of the problem itself.
struct Neighbourhood {
    free: Vec<bool>,
    /// The incumbent's meeting of each participant and slot ([`State::at`]).
    at: Vec<u32>,
    /// Each participant's kept-day literal, once made.
    keep: Vec<Option<Lit>>,
}

/// Participants freed by one core at most: few enough that the next call stays easy,
/// enough that a large core does not take many calls. Measured on the one-day bench
/// instances: 4 and 10 both find paper2's optimum in 0.1-1.7 s, 10 one-day 500's in
/// 0.5-5.4 s against 1.7-6 s with 4.
const FREED_PER_CORE: usize = 10;

impl Neighbourhood {
    fn new(m: &Model, incumbent: &[u32], bounds: &[u32]) -> Self {
        let mut st = State::new(m);
        st.load(incumbent);
        Neighbourhood {
            free: (0..m.n_parts).map(|p| st.pgap[p] > bounds[p]).collect(),
            at: st.at,
            keep: vec![None; m.n_parts],
        }
    }

    /// Appends the kept days to `assume`: one literal per kept participant, which
    /// implies its incumbent busy (and free) slots, made on first use.
    fn fix(&mut self, enc: &mut Encoding, assume: &mut Vec<Lit>) {
        let fals = enc.cnf.fals();
        let n = enc.m.n_slots;
        for p in (0..enc.m.n_parts).filter(|&p| !self.free[p]) {
            let keep = match self.keep[p] {
                Some(l) => l,
                None => {
                    let l = enc.cnf.var();
                    for (s, &b) in enc.busy[p].iter().enumerate().filter(|&(_, &b)| b != fals) {
                        enc.cnf
                            .add(&[!l, if self.at[p * n + s] != NONE { b } else { !b }]);
                    }
                    self.keep[p] = Some(l);
                    l
                }
            };
            assume.push(keep);
        }
    }

    /// After an unsatisfiable call: frees some participants whose kept days are in
    /// `core`; false if there are none.
    fn widen(&mut self, m: &Model, core: &HashSet<Lit>) -> bool {
        let mut blamed: Vec<usize> = (0..m.n_parts)
            .filter(|&p| !self.free[p] && self.keep[p].is_some_and(|l| core.contains(&!l)))
            .collect();
        let alone = |p: usize| {
            !m.part_meet[p].iter().any(|&mt| {
                let (a, b) = (m.ma[mt as usize] as usize, m.mb[mt as usize] as usize);
                self.free[if a == p { b } else { a }]
            })
        };
        blamed.sort_by_key(|&p| (alone(p), p));
        for &p in blamed.iter().take(FREED_PER_CORE) {
            self.free[p] = true;
        }
        !blamed.is_empty()
    }
}

fn cost_of(m: &Model, slots: &[u32]) -> Cost {
    let mut st = State::new(m);
    st.load(slots);
    st.cost()
}

/// Lexicographic optimum, starting from a feasible `incumbent` (a slot per meeting).
pub(crate) fn solve(m: &Model, incumbent: Vec<u32>, limits: &Limits) -> Outcome {
    let never: u64 = (0..m.n_meet)
        .filter(|&mt| m.allowed[mt].is_empty())
        .map(|mt| m.prio[mt])
        .sum();
    let bounds = crate::bound::optimum_bounds(m);
    let static_bound: u64 = bounds.iter().map(|&b| u64::from(b)).sum();
    let mut best = (cost_of(m, &incumbent), incumbent);
    let out = |best: (Cost, Vec<u32>), proved: bool, enc: Option<&Encoding>| {
        let all_placed = best.0.0 == never;
        let gap_bound = if proved {
            best.0.2
        } else if all_placed {
            static_bound
        } else {
            0
        };
        Outcome {
            slots: best.1,
            proved,
            gap_bound,
            conflicts: enc.map_or(0, |e| e.cnf.conflicts()),
            sat_calls: enc.map_or(0, |e| e.calls),
        }
    };
    if best.0 == (never, 0, static_bound) {
        return out(best, true, None);
    }
    let mut enc = Encoding::new(m, limits, &best.1);
    let tru = enc.cnf.tru();
    // Every step below either improves `best` or ends its component.
    macro_rules! improve {
        ($assume:expr) => {
            match enc.solve($assume) {
                Answer::Found(slots) => {
                    let c = cost_of(m, &slots);
                    debug_assert!(c < best.0);
                    best = (c, slots);
                    true
                }
                Answer::Infeasible => false,
                Answer::Unknown => return out(best, false, Some(&enc)),
            }
        };
    }

    // 1. Lost priority.
    if best.0.0 == never {
        enc.all_placed();
    } else {
        let leaves: Vec<Vec<Lit>> = (0..m.n_meet)
            .filter(|&mt| !m.allowed[mt].is_empty() && m.prio[mt] > 0)
            .map(|mt| vec![!enc.placed[mt]; m.prio[mt] as usize])
            .collect();
        let start = (best.0.0 - never) as usize;
        let lost = enc.cnf.totalizer(&leaves, start + 1, false);
        loop {
            let k = (best.0.0 - never) as usize;
            if k == 0 || !improve!(&[!lost[k - 1]]) {
                if let Some(&more) = lost.get(k) {
                    enc.cnf.add(&[!more]);
                }
                break;
            }
        }
    }

    // 2. Spread excess.
    if let Some(bound) = m.max_gap_spread {
        loop {
            let e = best.0.1;
            if e == 0 {
                enc.spread_at_most(bound as usize, tru);
                break;
            }
            let guard = enc.cnf.var();
            enc.spread_at_most((bound + e - 1) as usize, guard);
            if !improve!(&[guard]) {
                enc.spread_at_most((bound + e) as usize, tru);
                break;
            }
        }
    }

    // 3. Gaps, by OLL: assume every unit of gap cost absent; each core (a set of such
    // assumptions that cannot all hold) raises the lower bound by one and is replaced by
    // a totalizer over its members, whose "at least 2", "at least 3" ... are assumed
    // absent in turn. The first satisfiable answer is optimal. (Runs of the fast
    // scheduler between calls, to lower the incumbent, used to pay when the solver was
    // weaker; with the tables counted in busy participants they only took its time.)
    //
    // The units are counted in unary (`counters`: a participant's gaps, a core's
    // totalizer), so only the first unit not yet relaxed of each counter is assumed
    // absent; a core that contains it moves the counter to its next unit (as RC2 does).
    // With everything placed, each participant's static bound is known to hold: its
    // counter starts there rather than at 0.
    //
    // Every call also keeps the days of the participants not yet freed (`hood`): asked
    // for the whole problem at once, the solver needed 5-40 s for one-day 500 and 18
    // minutes for one-day 1,200; grown from the incumbent by the cores, 0.3-2 s and
    // 1.3-54 s (median 7 s). A satisfiable answer under kept days is still a schedule
    // at the bound. One assumption per counter and per kept participant (a few hundred
    // instead of a few thousand, one per unit and per kept slot) made the last call of
    // one-day 1,200 2-5 times faster: each assumption is a decision level that the
    // solver makes again after every backjump below it.
    let mut counters: Vec<(Vec<Lit>, usize)> = enc
        .gaps
        .iter()
        .zip(&bounds)
        .map(|(g, &b)| (g.clone(), if best.0.0 == never { b as usize } else { 0 }))
        .filter(|(g, i)| i < &g.len())
        .collect();
    let mut lower = if best.0.0 == never { static_bound } else { 0 };
    let mut hood = Neighbourhood::new(m, &best.1, &bounds);
    loop {
        if best.0.2 <= lower || (best.0.0 == never && best.0.2 <= static_bound) {
            break;
        }
        let mut assume: Vec<Lit> = counters.iter().map(|(c, i)| !c[*i]).collect();
        hood.fix(&mut enc, &mut assume);
        match enc.solve(&assume) {
            Answer::Found(slots) => {
                best = (cost_of(m, &slots), slots);
                break;
            }
            Answer::Infeasible => {
                let core = enc.cnf.core();
                let core_set: HashSet<Lit> = core.iter().copied().collect();
                if hood.widen(m, &core_set) {
                    continue;
                }
                if core.is_empty() {
                    // The hard clauses alone are unsatisfiable: impossible with a feasible
                    // incumbent, so never claim anything.
                    return out(best, false, Some(&enc));
                }
                lower += 1;
                for (c, i) in &mut counters {
                    if core_set.contains(&c[*i]) {
                        *i += 1;
                    }
                }
                counters.retain(|(c, i)| i < &c.len());
                if core.len() > 1 {
                    let leaves: Vec<Vec<Lit>> = core.iter().map(|&l| vec![l]).collect();
                    let cap = (best.0.2 - lower + 1).min(core.len() as u64) as usize;
                    let sum = enc.cnf.totalizer(&leaves, cap, false);
                    if sum.len() > 1 {
                        counters.push((sum, 1));
                    }
                }
            }
            Answer::Unknown => {
                let mut o = out(best, false, Some(&enc));
                o.gap_bound = o.gap_bound.max(lower);
                return o;
            }
        }
    }
    out(best, true, Some(&enc))
}

/// One thread of [`crate::solve_parallel`]: annealing for `1 / share` of the time, then
/// the exact search from its schedule until the time is up or `stop` is raised (which
/// it raises itself on a proof).
pub(crate) fn after_annealing(
    m: &Model,
    opts: &crate::heuristic::Options,
    stop: Arc<AtomicBool>,
    share: u32,
) -> Vec<u32> {
    let start = Instant::now();
    let mut first = opts.clone();
    first.time_limit = opts.time_limit.map(|t| t / share);
    let slots = crate::heuristic::run(m, &first, Some(&stop));
    let limits = Limits {
        conflicts: u64::MAX,
        deadline: opts.time_limit.map(|t| start + t),
        stop: Some(Arc::clone(&stop)),
    };
    let out = solve(m, slots, &limits);
    if out.proved {
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
    }
    out.slots
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{Shape, generate};
    use std::sync::atomic::Ordering;
    use std::time::Duration;

    /// The portfolio thread of `solve_parallel` on a one-day instance whose optimum (1 gap)
    /// is above the static bound (0), so the annealing alone never knows it is optimal:
    /// the exact search must prove it and raise the flag that stops the other threads.
    #[test]
    fn after_annealing_proves_and_stops_the_others() {
        let shape = Shape {
            participants: 40,
            meetings: 150,
            days: 1,
            slots_per_day: 16,
            tables: 13,
            max_per_participant: 16,
            ..Shape::paper(1)
        };
        let m = Model::compile(&generate(&shape, 300)).unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let opts = crate::heuristic::Options::with_time(5, Duration::from_secs(20));
        let slots = after_annealing(&m, &opts, Arc::clone(&stop), 5);
        let cost = cost_of(&m, &slots);
        assert_eq!(cost.0, 0, "everything placed");
        assert!(cost.2 > crate::bound::gap_lower_bound(&m), "{cost:?}");
        assert!(stop.load(Ordering::Relaxed));
    }
}
