//! Large neighbourhood search with the SAT solver, used by the exact solver to lower its
//! upper bound when a proof attempt runs out of its share of conflicts.

use batsat::Lit;

use crate::exact::{Answer, Encoding, cost_of};
use crate::model::{Model, NONE};
use crate::rng::Rng;
use crate::state::{Cost, State};

/// Large neighbourhood search with the SAT solver: keep every meeting where the
/// incumbent has it except those in a few slots (one inside a gap of a gapped
/// participant, one of its meetings that day, and random others), and ask for fewer gaps
/// in total. Freeing whole slots lets meetings trade places as the fast scheduler's
/// Kempe chains do, but over several slots at once. A neighbourhood proved hopeless
/// grows the next one; one that runs out of conflicts shrinks it.
pub(crate) struct Neighbourhoods {
    rng: Rng,
    size: usize,
}

impl Neighbourhoods {
    pub fn new(m: &Model) -> Self {
        Neighbourhoods {
            rng: Rng::new(m.n_meet as u64),
            size: 3,
        }
    }

    /// About `budget` conflicts of neighbourhood calls (each at most a tenth of them).
    pub fn round(
        &mut self,
        enc: &mut Encoding,
        best: &mut (Cost, Vec<u32>),
        total: &[Lit],
        budget: u64,
    ) {
        let m = enc.m;
        let start = enc.cnf.conflicts();
        while enc.cnf.conflicts() - start < budget && !enc.cnf.spent() {
            let g = best.0.2 as usize;
            if g == 0 {
                return;
            }
            let mut st = State::new(m);
            st.load(&best.1);
            let gapped: Vec<usize> = (0..m.n_parts).filter(|&p| st.pgap[p] > 0).collect();
            let p = gapped[self.rng.below(gapped.len())];
            // The slots of the day of one of p's gaps: a slot of the gap, one of p's
            // meetings, and random others; every meeting in them is freed.
            let day_slots: Vec<u32> = (0..m.n_slots as u32)
                .filter(|&s| {
                    let mask = st.busy[p * m.n_days + m.slot_day[s as usize] as usize];
                    Model::mask_gaps(mask) > 0
                })
                .collect();
            let mut free = vec![false; m.n_slots];
            let inside: Vec<u32> = day_slots
                .iter()
                .copied()
                .filter(|&s| st.at[p * m.n_slots + s as usize] == NONE)
                .collect();
            let busy: Vec<u32> = day_slots
                .iter()
                .copied()
                .filter(|&s| st.at[p * m.n_slots + s as usize] != NONE)
                .collect();
            free[inside[self.rng.below(inside.len())] as usize] = true;
            free[busy[self.rng.below(busy.len())] as usize] = true;
            for _ in 2..self.size {
                free[self.rng.below(m.n_slots)] = true;
            }
            let mut assume = vec![!total[g - 1]];
            for mt in 0..m.n_meet {
                let s = best.1[mt];
                if s != NONE && free[s as usize] {
                    continue;
                }
                match enc.x[mt].iter().find(|&&(t, _)| t == s) {
                    Some(&(_, l)) => assume.push(l),
                    None => assume.push(!enc.placed[mt]),
                }
            }
            match enc.solve(&assume, (budget / 10).max(100)) {
                Answer::Found(slots) => *best = (cost_of(m, &slots), slots),
                Answer::Infeasible => self.size = (self.size + 1).min(m.n_slots),
                Answer::Unknown => self.size = self.size.saturating_sub(1).max(2),
            }
        }
    }
}
