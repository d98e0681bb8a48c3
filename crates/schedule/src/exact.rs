//! Exact branch and bound for small instances.
//!
//! Depth-first search over meetings (most constrained first: fewest feasible slots, then
//! highest priority); each meeting goes to one of its feasible slots (fewest added gaps
//! first) or is left unscheduled. The bound is lexicographic like the objective:
//! - priority: placed priority + priorities of undecided meetings that still have a
//!   feasible slot;
//! - gaps: for each participant, the gaps of its placed meetings minus the most gaps that
//!   its `r` remaining placeable meetings could close (filling the smallest holes first);
//! - spread excess: the largest participant lower bound minus the smallest final gap
//!   count of a participant that has nothing left to place.

use crate::model::{Model, NONE};
use crate::state::{Cost, State};

pub(crate) struct Exact<'a> {
    st: State<'a>,
    decided: Vec<bool>,
    nodes: u64,
    limit: u64,
    pub best: Option<(Cost, Vec<u32>)>,
    pub aborted: bool,
    remaining: Vec<u32>,
    holes: Vec<u32>,
    /// Static per-participant gap bounds, valid for schedules placing everything.
    static_lb: Vec<u32>,
    /// Priority that can never be placed (meetings without any allowed slot).
    never: u64,
}

impl<'a> Exact<'a> {
    pub fn new(m: &'a Model, limit: u64) -> Self {
        let mut st = State::new(m);
        let decided: Vec<bool> = m.mandatory.iter().map(|&s| s != NONE).collect();
        for (mt, &s) in m.mandatory.iter().enumerate() {
            if s != NONE {
                st.place(mt, s);
            }
        }
        Exact {
            st,
            decided,
            nodes: 0,
            limit,
            best: None,
            aborted: false,
            remaining: vec![0; m.n_parts],
            holes: Vec::new(),
            static_lb: crate::bound::participant_bounds(m),
            never: (0..m.n_meet)
                .filter(|&x| m.allowed[x].is_empty())
                .map(|x| m.prio[x])
                .sum(),
        }
    }

    pub fn set_incumbent(&mut self, slots: Vec<u32>) {
        let mut st = State::new(self.st.m);
        st.load(&slots);
        self.best = Some((st.cost(), slots));
    }

    pub fn nodes(&self) -> u64 {
        self.nodes
    }

    /// Lower bound on the final gaps of participant `p` with `r` more meetings.
    fn part_lb(&mut self, p: usize, r: u32) -> u32 {
        let m = self.st.m;
        let mut total = 0u32;
        self.holes.clear();
        for d in 0..m.n_days {
            let mut x = self.st.busy[p * m.n_days + d];
            if x == 0 {
                continue;
            }
            x >>= x.trailing_zeros();
            // Walk runs: ones, then a zero run (hole) if more ones follow.
            loop {
                let ones = (!x).trailing_zeros();
                x = if ones >= 128 { 0 } else { x >> ones };
                if x == 0 {
                    break;
                }
                let zeros = x.trailing_zeros();
                self.holes.push(zeros);
                total += 1;
                x >>= zeros;
            }
        }
        if r == 0 || total == 0 {
            return total;
        }
        self.holes.sort_unstable();
        let mut left = r;
        let mut closed = 0;
        for &h in &self.holes {
            if h > left {
                break;
            }
            left -= h;
            closed += 1;
        }
        total - closed
    }

    pub fn search(&mut self) {
        self.nodes += 1;
        if self.nodes > self.limit {
            self.aborted = true;
            return;
        }
        let m = self.st.m;
        let mut extra = 0u64;
        self.remaining.iter_mut().for_each(|r| *r = 0);
        let mut pick: Option<(u32, u64, usize)> = None;
        for mt in 0..m.n_meet {
            if self.decided[mt] || self.st.slot_of[mt] != NONE {
                continue;
            }
            let c = m.allowed[mt]
                .iter()
                .filter(|&&s| self.st.can_place(mt, s))
                .count() as u32;
            if c == 0 {
                continue;
            }
            extra += m.prio[mt];
            self.remaining[m.ma[mt] as usize] += 1;
            self.remaining[m.mb[mt] as usize] += 1;
            let key = (c, u64::MAX - m.prio[mt], mt);
            if pick.is_none_or(|p| key < p) {
                pick = Some(key);
            }
        }
        let unplaced_lb = self.st.total_prio - self.st.placed_prio - extra;
        let mut gaps_lb = 0u64;
        let mut lb_max = 0u32;
        let mut final_min = u32::MAX;
        // When the incumbent places everything, only schedules placing everything can beat
        // it, so the static bounds apply too.
        let all_placed = self.best.as_ref().is_some_and(|(c, _)| c.0 == self.never);
        for p in 0..m.n_parts {
            let r = self.remaining[p];
            let mut lb = self.part_lb(p, r);
            if all_placed {
                lb = lb.max(self.static_lb[p]);
            }
            gaps_lb += u64::from(lb);
            lb_max = lb_max.max(lb);
            if r == 0 {
                final_min = final_min.min(lb);
            }
        }
        let excess_lb = match m.max_gap_spread {
            Some(b) if final_min != u32::MAX => lb_max.saturating_sub(final_min).saturating_sub(b),
            _ => 0,
        };
        let lb: Cost = (unplaced_lb, excess_lb, gaps_lb);
        if let Some((bc, _)) = &self.best
            && lb >= *bc
        {
            return;
        }
        let Some((_, _, mt)) = pick else {
            let c = self.st.cost();
            if self.best.as_ref().is_none_or(|(bc, _)| c < *bc) {
                self.best = Some((c, self.st.slot_of.clone()));
            }
            return;
        };
        let mut slots: Vec<(i64, u32)> = m.allowed[mt]
            .iter()
            .filter(|&&s| self.st.can_place(mt, s))
            .map(|&s| {
                (
                    self.st.gap_delta(m.ma[mt], s, true) + self.st.gap_delta(m.mb[mt], s, true),
                    s,
                )
            })
            .collect();
        slots.sort_unstable();
        self.decided[mt] = true;
        for (_, s) in slots {
            self.st.place(mt, s);
            self.search();
            self.st.remove(mt);
            if self.aborted {
                self.decided[mt] = false;
                return;
            }
        }
        // Leave it unscheduled.
        self.search();
        self.decided[mt] = false;
    }
}
