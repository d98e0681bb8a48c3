//! A quick lower bound on the gaps of any schedule that places every meeting.

use crate::model::{Model, NONE};

/// Per-participant bound: the participant's usable slots (available, and allowed for at
/// least one of its meetings) form runs within each day. On each day the longest run is
/// free of gaps; every further run used on a day adds one gap. The bound is the fewest
/// gaps with which the runs can hold all of the participant's meetings.
pub(crate) fn gap_lower_bound(m: &Model) -> u64 {
    participant_bounds(m).iter().map(|&g| u64::from(g)).sum()
}

/// Each participant's bound on the gaps of the optimum: [`participant_bounds`], or 0
/// when some placeable meeting is optional (priority 0, not fixed), since the optimum
/// may leave such a meeting out to save a gap.
pub(crate) fn optimum_bounds(m: &Model) -> Vec<u32> {
    let optional = (0..m.n_meet)
        .any(|mt| m.prio[mt] == 0 && m.mandatory[mt] == NONE && !m.allowed[mt].is_empty());
    if optional {
        vec![0; m.n_parts]
    } else {
        participant_bounds(m)
    }
}

/// The bound of each participant (see [`gap_lower_bound`]).
pub(crate) fn participant_bounds(m: &Model) -> Vec<u32> {
    let mut out = vec![0u32; m.n_parts];
    let mut usable = vec![false; m.n_slots];
    for (p, total) in out.iter_mut().enumerate() {
        let meetings: Vec<usize> = m.part_meet[p]
            .iter()
            .map(|&x| x as usize)
            .filter(|&x| !m.allowed[x].is_empty())
            .collect();
        let need = meetings.len();
        if need < 2 {
            continue;
        }
        usable.iter_mut().for_each(|u| *u = false);
        for &x in &meetings {
            for &s in &m.allowed[x] {
                usable[s as usize] = true;
            }
        }
        let mut longest: Vec<usize> = vec![0; m.n_days];
        let mut others: Vec<usize> = Vec::new();
        let mut run = 0usize;
        for s in 0..=m.n_slots {
            let here = usable.get(s).copied().unwrap_or(false);
            let end_of_day = s == m.n_slots || (s > 0 && m.slot_day[s] != m.slot_day[s - 1]);
            if end_of_day || !here {
                if run > 0 {
                    let d = m.slot_day[s - 1] as usize;
                    if run > longest[d] {
                        others.push(longest[d]);
                        longest[d] = run;
                    } else {
                        others.push(run);
                    }
                }
                run = 0;
            }
            if here {
                run += 1;
            }
        }
        let mut have: usize = longest.iter().sum();
        others.sort_unstable_by(|a, b| b.cmp(a));
        let mut gaps = 0u32;
        for r in others {
            if have >= need || r == 0 {
                break;
            }
            have += r;
            gaps += 1;
        }
        *total = gaps;
    }
    out
}
