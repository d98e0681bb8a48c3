//! Schedules: construction from a solution, JSON output and validation.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::error::{ProblemError, Violation};
use crate::model::{Assignment, Model, NONE, Problem};

/// A schedule: placed meetings and the objective figures.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schedule {
    /// One entry per scheduled meeting, sorted by slot then table.
    pub assignments: Vec<Assignment>,
    /// Ids of the meetings that could not be scheduled (in problem order).
    pub unscheduled: Vec<String>,
    /// Sum of the priorities of the scheduled meetings.
    pub scheduled_priority: u64,
    /// Total number of gaps over all participants.
    pub gaps: u64,
    /// Largest minus smallest gap count over all participants.
    pub gap_spread: u32,
}

impl Schedule {
    /// JSON text of the schedule.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Pretty JSON text of the schedule.
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Parse a schedule from JSON.
    pub fn from_json(text: &str) -> Result<Schedule, ProblemError> {
        serde_json::from_str(text).map_err(|e| ProblemError::Json {
            line: e.line(),
            column: e.column(),
            message: crate::error::json_message(&e),
        })
    }
}

/// Turn a slot vector into a schedule (tables assigned: locked tables first, then the
/// available tables in problem order).
pub(crate) fn build(p: &Problem, m: &Model, slot_of: &[u32]) -> Schedule {
    let mut per_slot: Vec<Vec<usize>> = vec![Vec::new(); m.n_slots];
    for (mt, &s) in slot_of.iter().enumerate() {
        if s != NONE {
            per_slot[s as usize].push(mt);
        }
    }
    let mut assignments = Vec::new();
    let mut used = vec![false; m.n_tables];
    for (s, list) in per_slot.iter().enumerate() {
        used.iter_mut().for_each(|u| *u = false);
        let mut rows: Vec<(u32, usize)> = Vec::with_capacity(list.len());
        for &mt in list {
            let l = m.locked[mt];
            if l != NONE {
                used[l as usize] = true;
                rows.push((l, mt));
            }
        }
        let mut next = 0usize;
        for &mt in list {
            if m.locked[mt] != NONE {
                continue;
            }
            while next < m.n_tables && (used[next] || !m.table_ok[next * m.n_slots + s]) {
                next += 1;
            }
            // A valid solution never runs out of tables; stay total anyway.
            let t = next.min(m.n_tables.saturating_sub(1));
            used[t] = true;
            rows.push((t as u32, mt));
        }
        rows.sort_unstable();
        for (t, mt) in rows {
            assignments.push(Assignment {
                meeting: p.meetings[mt].id.clone(),
                slot: p.slots[s].id.clone(),
                table: p.tables[t as usize].id.clone(),
            });
        }
    }
    let unscheduled = (0..m.n_meet)
        .filter(|&mt| slot_of[mt] == NONE)
        .map(|mt| p.meetings[mt].id.clone())
        .collect();
    let scheduled_priority = (0..m.n_meet)
        .filter(|&mt| slot_of[mt] != NONE)
        .map(|mt| m.prio[mt])
        .sum();
    let (gaps, gap_spread) = gap_stats(m, slot_of);
    Schedule {
        assignments,
        unscheduled,
        scheduled_priority,
        gaps,
        gap_spread,
    }
}

/// Total gaps and spread from a slot vector.
pub(crate) fn gap_stats(m: &Model, slot_of: &[u32]) -> (u64, u32) {
    let mut busy = vec![0u128; m.n_parts * m.n_days];
    for (mt, &s) in slot_of.iter().enumerate() {
        if s != NONE {
            let d = m.slot_day[s as usize] as usize;
            let bit = 1u128 << m.slot_pos[s as usize];
            busy[m.ma[mt] as usize * m.n_days + d] |= bit;
            busy[m.mb[mt] as usize * m.n_days + d] |= bit;
        }
    }
    let mut total = 0u64;
    let (mut lo, mut hi) = (u32::MAX, 0u32);
    for p in 0..m.n_parts {
        let g: u32 = busy[p * m.n_days..(p + 1) * m.n_days]
            .iter()
            .map(|&x| Model::mask_gaps(x))
            .sum();
        total += u64::from(g);
        lo = lo.min(g);
        hi = hi.max(g);
    }
    (total, if m.n_parts == 0 { 0 } else { hi - lo })
}

/// Check every rule of the problem on a schedule: ids exist, each meeting appears once
/// (scheduled or unscheduled), availability of participants and tables, allowed and
/// fixed slots, locked tables, published assignments (unless `replan`), one meeting per
/// participant and per table in each slot, `after` order, fixed meetings scheduled, and
/// the reported `scheduled_priority`, `gaps` and `gap_spread`.
///
/// The gap-spread bound is part of the objective, not a rule, so it is not checked here.
pub fn validate(p: &Problem, s: &Schedule) -> Result<(), Violation> {
    let model = Model::compile(p).map_err(|e| Violation(format!("invalid problem: {e}")))?;
    let v = |msg: String| Err(Violation(msg));
    let slot_ix: HashMap<&str, usize> = p
        .slots
        .iter()
        .enumerate()
        .map(|(i, x)| (x.id.as_str(), i))
        .collect();
    let table_ix: HashMap<&str, usize> = p
        .tables
        .iter()
        .enumerate()
        .map(|(i, x)| (x.id.as_str(), i))
        .collect();
    let meet_ix: HashMap<&str, usize> = p
        .meetings
        .iter()
        .enumerate()
        .map(|(i, x)| (x.id.as_str(), i))
        .collect();
    let part_ix: HashMap<&str, usize> = p
        .participants
        .iter()
        .enumerate()
        .map(|(i, x)| (x.id.as_str(), i))
        .collect();
    let mut slot_of = vec![NONE; p.meetings.len()];
    let mut table_of = vec![NONE; p.meetings.len()];
    let mut table_busy: HashSet<(usize, usize)> = HashSet::new();
    let mut part_busy: HashMap<(usize, usize), usize> = HashMap::new();
    for (i, a) in s.assignments.iter().enumerate() {
        let Some(&mt) = meet_ix.get(a.meeting.as_str()) else {
            return v(format!("assignments[{i}]: unknown meeting {:?}", a.meeting));
        };
        let Some(&si) = slot_ix.get(a.slot.as_str()) else {
            return v(format!("assignments[{i}]: unknown slot {:?}", a.slot));
        };
        let Some(&ti) = table_ix.get(a.table.as_str()) else {
            return v(format!("assignments[{i}]: unknown table {:?}", a.table));
        };
        if slot_of[mt] != NONE {
            return v(format!("meeting {:?} assigned twice", a.meeting));
        }
        slot_of[mt] = si as u32;
        table_of[mt] = ti as u32;
        let meeting = &p.meetings[mt];
        if p.tables[ti].unavailable.contains(&a.slot) {
            return v(format!(
                "table {:?} is unavailable in slot {:?}",
                a.table, a.slot
            ));
        }
        if !table_busy.insert((ti, si)) {
            return v(format!(
                "table {:?} used twice in slot {:?}",
                a.table, a.slot
            ));
        }
        for pid in [&meeting.a, &meeting.b] {
            let Some(&pi) = part_ix.get(pid.as_str()) else {
                return v(format!(
                    "meeting {:?}: unknown participant {pid:?}",
                    meeting.id
                ));
            };
            if p.participants[pi].unavailable.contains(&a.slot) {
                return v(format!(
                    "participant {pid:?} is unavailable in slot {:?}",
                    a.slot
                ));
            }
            if let Some(&o) = part_busy.get(&(pi, si)) {
                return v(format!(
                    "participant {pid:?} has meetings {:?} and {:?} in slot {:?}",
                    p.meetings[o].id, meeting.id, a.slot
                ));
            }
            part_busy.insert((pi, si), mt);
        }
        if let Some(list) = &meeting.slots
            && !list.contains(&a.slot)
        {
            return v(format!(
                "meeting {:?} is not allowed in slot {:?}",
                meeting.id, a.slot
            ));
        }
        if let Some(f) = &meeting.fixed
            && *f != a.slot
        {
            return v(format!(
                "meeting {:?} is fixed to {f:?} but placed in {:?}",
                meeting.id, a.slot
            ));
        }
        if let Some(t) = &meeting.locked_table
            && *t != a.table
        {
            return v(format!(
                "meeting {:?} is locked to table {t:?} but uses {:?}",
                meeting.id, a.table
            ));
        }
    }
    let unsched: HashSet<&str> = s.unscheduled.iter().map(String::as_str).collect();
    if unsched.len() != s.unscheduled.len() {
        return v("a meeting is listed twice as unscheduled".into());
    }
    for id in &s.unscheduled {
        let Some(&mt) = meet_ix.get(id.as_str()) else {
            return v(format!("unscheduled: unknown meeting {id:?}"));
        };
        if slot_of[mt] != NONE {
            return v(format!("meeting {id:?} is both scheduled and unscheduled"));
        }
        if p.meetings[mt].fixed.is_some() {
            return v(format!("fixed meeting {id:?} is unscheduled"));
        }
    }
    for (mt, meeting) in p.meetings.iter().enumerate() {
        if slot_of[mt] == NONE && !unsched.contains(meeting.id.as_str()) {
            return v(format!(
                "meeting {:?} is neither scheduled nor unscheduled",
                meeting.id
            ));
        }
        if slot_of[mt] == NONE {
            continue;
        }
        for q in &meeting.after {
            if let Some(&qi) = meet_ix.get(q.as_str())
                && slot_of[qi] != NONE
                && slot_of[qi] >= slot_of[mt]
            {
                return v(format!("meeting {:?} must come after {q:?}", meeting.id));
            }
        }
    }
    if !p.replan {
        for a in &p.published {
            let mt = meet_ix
                .get(a.meeting.as_str())
                .copied()
                .unwrap_or(usize::MAX);
            let ok = mt != usize::MAX
                && slot_of[mt] != NONE
                && p.slots[slot_of[mt] as usize].id == a.slot
                && p.tables[table_of[mt] as usize].id == a.table;
            if !ok {
                return v(format!(
                    "published assignment of {:?} was not kept",
                    a.meeting
                ));
            }
        }
    }
    let prio: u64 = (0..p.meetings.len())
        .filter(|&mt| slot_of[mt] != NONE)
        .map(|mt| u64::from(p.meetings[mt].priority))
        .sum();
    if prio != s.scheduled_priority {
        return v(format!(
            "scheduled_priority is {} but should be {prio}",
            s.scheduled_priority
        ));
    }
    let (gaps, spread) = gap_stats(&model, &slot_of);
    if gaps != s.gaps {
        return v(format!("gaps is {} but should be {gaps}", s.gaps));
    }
    if spread != s.gap_spread {
        return v(format!(
            "gap_spread is {} but should be {spread}",
            s.gap_spread
        ));
    }
    Ok(())
}
