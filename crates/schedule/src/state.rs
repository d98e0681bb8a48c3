//! Incremental solution state shared by the heuristic and the exact solver.

use crate::model::{Model, NONE};

/// Lexicographic objective: (unplaced priority, spread excess, gaps); smaller is better.
pub(crate) type Cost = (u64, u32, u64);

#[derive(Clone)]
pub(crate) struct State<'a> {
    pub m: &'a Model,
    pub slot_of: Vec<u32>,
    /// `at[p * n_slots + s]` = meeting of participant p in slot s, or NONE.
    pub at: Vec<u32>,
    /// `busy[p * n_days + d]` = bit mask of occupied positions of p on day d.
    pub busy: Vec<u128>,
    pub pgap: Vec<u32>,
    /// Number of participants per gap count.
    pub hist: Vec<u32>,
    pub count: Vec<u32>,
    /// `table_used[t * n_slots + s]` = locked meeting using table t in slot s.
    pub table_used: Vec<u32>,
    /// Members of each slot (for sampling), with positions.
    pub members: Vec<Vec<u32>>,
    pub member_pos: Vec<u32>,
    pub gaps: u64,
    /// Total idle slots inside gaps (used to shape the local search).
    pub idle: u64,
    pub placed_prio: u64,
    pub total_prio: u64,
    /// Scratch space of [`State::swap_delta`]: the chain's participants, and the new gap
    /// counts of those whose count changes.
    scratch_parts: Vec<u32>,
    scratch_counts: Vec<(u32, u32)>,
}

impl<'a> State<'a> {
    pub fn new(m: &'a Model) -> Self {
        let mut hist = vec![0u32; m.n_slots + 2];
        hist[0] = m.n_parts as u32;
        State {
            m,
            slot_of: vec![NONE; m.n_meet],
            at: vec![NONE; m.n_parts * m.n_slots],
            busy: vec![0; m.n_parts * m.n_days],
            pgap: vec![0; m.n_parts],
            hist,
            count: vec![0; m.n_slots],
            table_used: vec![NONE; m.n_tables * m.n_slots],
            members: vec![Vec::new(); m.n_slots],
            member_pos: vec![NONE; m.n_meet],
            gaps: 0,
            idle: 0,
            placed_prio: 0,
            total_prio: m.prio.iter().sum(),
            scratch_parts: Vec::new(),
            scratch_counts: Vec::new(),
        }
    }

    #[inline]
    pub fn spread(&self) -> u32 {
        let lo = self.hist.iter().position(|&c| c > 0).unwrap_or(0);
        let hi = self.hist.iter().rposition(|&c| c > 0).unwrap_or(0);
        (hi - lo) as u32
    }

    #[inline]
    pub fn excess(&self) -> u32 {
        match self.m.max_gap_spread {
            None => 0,
            Some(b) => self.spread().saturating_sub(b),
        }
    }

    #[inline]
    pub fn cost(&self) -> Cost {
        (self.total_prio - self.placed_prio, self.excess(), self.gaps)
    }

    /// Gap delta of adding (`add` true) or removing slot `s` for participant `p`.
    #[inline]
    pub fn gap_delta(&self, p: u32, s: u32, add: bool) -> i64 {
        let d = self.m.slot_day[s as usize] as usize;
        let mask = self.busy[p as usize * self.m.n_days + d];
        let bit = 1u128 << self.m.slot_pos[s as usize];
        let new = if add { mask | bit } else { mask & !bit };
        i64::from(Model::mask_gaps(new)) - i64::from(Model::mask_gaps(mask))
    }

    /// Change of (gaps, idle slots) and the spread excess that swapping the Kempe chain
    /// `chain` between slots `s` and `t` would give, without making it. A participant
    /// of the chain has all its meetings of `s` and `t` in it, so its busy slots there
    /// trade places.
    pub fn swap_delta(&mut self, chain: &[u32], s: u32, t: u32) -> (i64, i64, u32) {
        let m = self.m;
        let mut parts = std::mem::take(&mut self.scratch_parts);
        let mut counts = std::mem::take(&mut self.scratch_counts);
        parts.clear();
        counts.clear();
        for &x in chain {
            for p in [m.ma[x as usize], m.mb[x as usize]] {
                if !parts.contains(&p) {
                    parts.push(p);
                }
            }
        }
        let (ds, dt) = (
            m.slot_day[s as usize] as usize,
            m.slot_day[t as usize] as usize,
        );
        let (bs, bt) = (
            1u128 << m.slot_pos[s as usize],
            1u128 << m.slot_pos[t as usize],
        );
        let (mut dg, mut di) = (0i64, 0i64);
        for &p in &parts {
            let p = p as usize;
            let has_s = self.at[p * m.n_slots + s as usize] != NONE;
            let has_t = self.at[p * m.n_slots + t as usize] != NONE;
            if has_s == has_t {
                continue;
            }
            let mut change = |mask: u128, new: u128| {
                let g = i64::from(Model::mask_gaps(new)) - i64::from(Model::mask_gaps(mask));
                di += i64::from(Model::mask_idle(new)) - i64::from(Model::mask_idle(mask));
                dg += g;
                g
            };
            let g = if ds == dt {
                let mask = self.busy[p * m.n_days + ds];
                change(mask, mask ^ bs ^ bt)
            } else {
                let ms = self.busy[p * m.n_days + ds];
                let mt = self.busy[p * m.n_days + dt];
                change(ms, ms ^ bs) + change(mt, mt ^ bt)
            };
            if g != 0 {
                counts.push((p as u32, (i64::from(self.pgap[p]) + g) as u32));
            }
        }
        // The spread with the new gap counts: the histogram changed and changed back.
        let excess = if counts.is_empty() || m.max_gap_spread.is_none() {
            self.excess()
        } else {
            for &(p, new) in &counts {
                if new as usize >= self.hist.len() {
                    self.hist.resize(new as usize + 1, 0);
                }
                self.hist[self.pgap[p as usize] as usize] -= 1;
                self.hist[new as usize] += 1;
            }
            let e = self.excess();
            for &(p, new) in &counts {
                self.hist[self.pgap[p as usize] as usize] += 1;
                self.hist[new as usize] -= 1;
            }
            e
        };
        self.scratch_parts = parts;
        self.scratch_counts = counts;
        (dg, di, excess)
    }

    /// Whether the participants, the slot's tables and precedences allow `mt` in `s`.
    #[inline]
    pub fn can_place(&self, mt: usize, s: u32) -> bool {
        let m = self.m;
        let su = s as usize;
        if !m.allowed_bit[mt * m.n_slots + su] || self.count[su] >= m.cap[su] {
            return false;
        }
        if self.at[m.ma[mt] as usize * m.n_slots + su] != NONE
            || self.at[m.mb[mt] as usize * m.n_slots + su] != NONE
        {
            return false;
        }
        let l = m.locked[mt];
        if l != NONE && self.table_used[l as usize * m.n_slots + su] != NONE {
            return false;
        }
        !m.has_prec[mt] || self.prec_ok(mt, s)
    }

    #[inline]
    pub fn prec_ok(&self, mt: usize, s: u32) -> bool {
        self.m.preds[mt].iter().all(|&q| {
            let qs = self.slot_of[q as usize];
            qs == NONE || qs < s
        }) && self.m.succs[mt].iter().all(|&q| {
            let qs = self.slot_of[q as usize];
            qs == NONE || qs > s
        })
    }

    fn set_gap(&mut self, p: usize, new: u32) {
        let old = self.pgap[p];
        if old != new {
            self.hist[old as usize] -= 1;
            let n = new as usize;
            if n >= self.hist.len() {
                self.hist.resize(n + 1, 0);
            }
            self.hist[n] += 1;
            self.pgap[p] = new;
            self.gaps = self.gaps + u64::from(new) - u64::from(old);
        }
    }

    fn touch(&mut self, p: u32, s: u32, val: u32) {
        let m = self.m;
        let pu = p as usize;
        self.at[pu * m.n_slots + s as usize] = val;
        let d = m.slot_day[s as usize] as usize;
        let idx = pu * m.n_days + d;
        let old = Model::mask_gaps(self.busy[idx]);
        let old_idle = Model::mask_idle(self.busy[idx]);
        let bit = 1u128 << m.slot_pos[s as usize];
        if val == NONE {
            self.busy[idx] &= !bit;
        } else {
            self.busy[idx] |= bit;
        }
        let new = Model::mask_gaps(self.busy[idx]);
        self.idle = self.idle + u64::from(Model::mask_idle(self.busy[idx])) - u64::from(old_idle);
        let g = self.pgap[pu] + new - old;
        self.set_gap(pu, g);
    }

    /// Place meeting `mt` in slot `s` (no checks).
    pub fn place(&mut self, mt: usize, s: u32) {
        let m = self.m;
        debug_assert_eq!(self.slot_of[mt], NONE);
        self.slot_of[mt] = s;
        self.touch(m.ma[mt], s, mt as u32);
        self.touch(m.mb[mt], s, mt as u32);
        let su = s as usize;
        self.count[su] += 1;
        if m.locked[mt] != NONE {
            self.table_used[m.locked[mt] as usize * m.n_slots + su] = mt as u32;
        }
        self.member_pos[mt] = self.members[su].len() as u32;
        self.members[su].push(mt as u32);
        self.placed_prio += m.prio[mt];
    }

    /// Remove meeting `mt` from its slot (no-op when unscheduled).
    pub fn remove(&mut self, mt: usize) {
        let m = self.m;
        let s = self.slot_of[mt];
        if s == NONE {
            return;
        }
        self.slot_of[mt] = NONE;
        self.touch(m.ma[mt], s, NONE);
        self.touch(m.mb[mt], s, NONE);
        let su = s as usize;
        self.count[su] -= 1;
        if m.locked[mt] != NONE {
            self.table_used[m.locked[mt] as usize * m.n_slots + su] = NONE;
        }
        let pos = self.member_pos[mt] as usize;
        self.members[su].swap_remove(pos);
        if let Some(&moved) = self.members[su].get(pos) {
            self.member_pos[moved as usize] = pos as u32;
        }
        self.member_pos[mt] = NONE;
        self.placed_prio -= m.prio[mt];
    }

    /// Rebuild from a slot vector.
    pub fn load(&mut self, slots: &[u32]) {
        for (mt, &s) in slots.iter().enumerate() {
            if self.slot_of[mt] != s {
                self.remove(mt);
            }
        }
        for (mt, &s) in slots.iter().enumerate() {
            if s != NONE && self.slot_of[mt] == NONE {
                self.place(mt, s);
            }
        }
    }
}
