//! Problem description (public, serde-compatible) and its compiled, index-based form.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::error::ProblemError;

/// A time slot of the edition. Slots are listed in time order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slot {
    /// Unique id, e.g. `"d1-01"`.
    pub id: String,
    /// Calendar day, `YYYY-MM-DD`. Gaps are only counted within one day.
    pub day: String,
    /// Start time `HH:MM`.
    pub start: String,
    /// End time `HH:MM` (after `start`).
    pub end: String,
}

/// A meeting table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    /// Unique id, e.g. `"T1"`.
    pub id: String,
    /// Slot ids in which the table cannot be used.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unavailable: Vec<String>,
}

/// A participant (company representative).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    /// Unique id.
    pub id: String,
    /// Slot ids in which the participant cannot meet.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unavailable: Vec<String>,
}

fn default_priority() -> u32 {
    1
}

fn is_default_priority(p: &u32) -> bool {
    *p == 1
}

/// An accepted meeting request between participants `a` and `b`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    /// Unique id.
    pub id: String,
    /// First participant id.
    pub a: String,
    /// Second participant id (different from `a`).
    pub b: String,
    /// Weight in the objective; larger is more important (e.g. must-meet 3, mutual 2,
    /// one-sided 1). Default 1. A priority of 0 makes the meeting optional filler.
    #[serde(
        default = "default_priority",
        skip_serializing_if = "is_default_priority"
    )]
    pub priority: u32,
    /// If given, the meeting may only take place in these slots (non-empty).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slots: Option<Vec<String>>,
    /// If given, the meeting must take place in exactly this slot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fixed: Option<String>,
    /// Meetings that, when both are scheduled, must be in a strictly earlier slot.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub after: Vec<String>,
    /// If given, the meeting must use this table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locked_table: Option<String>,
}

impl Meeting {
    /// A meeting with default options (priority 1, any slot).
    pub fn new(id: impl Into<String>, a: impl Into<String>, b: impl Into<String>) -> Self {
        Meeting {
            id: id.into(),
            a: a.into(),
            b: b.into(),
            priority: 1,
            slots: None,
            fixed: None,
            after: Vec::new(),
            locked_table: None,
        }
    }
}

/// One placed meeting: used both for published assignments and for schedules.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Assignment {
    /// Meeting id.
    pub meeting: String,
    /// Slot id.
    pub slot: String,
    /// Table id.
    pub table: String,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum TablesSpec {
    Count(u32),
    List(Vec<Table>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProblemJson {
    slots: Vec<Slot>,
    tables: TablesSpec,
    participants: Vec<Participant>,
    #[serde(default)]
    meetings: Vec<Meeting>,
    #[serde(default)]
    max_gap_spread: Option<u32>,
    #[serde(default)]
    published: Vec<Assignment>,
    #[serde(default)]
    replan: bool,
}

/// A scheduling problem. Build it in Rust (all fields are public) or with
/// [`Problem::from_json`]. See the crate documentation for the rules.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Slots in time order.
    pub slots: Vec<Slot>,
    /// Tables.
    pub tables: Vec<Table>,
    /// Participants.
    pub participants: Vec<Participant>,
    /// Accepted meeting requests.
    pub meetings: Vec<Meeting>,
    /// Optional bound on (largest − smallest) gap count over participants.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_gap_spread: Option<u32>,
    /// Previously published assignments; kept as they are unless `replan` is true.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub published: Vec<Assignment>,
    /// When true, published assignments may move (they are ignored as constraints).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub replan: bool,
}

impl Problem {
    /// Parse a problem from JSON and check it (ids, references, time order, cycles,
    /// infeasible fixed/locked/published meetings).
    pub fn from_json(text: &str) -> Result<Problem, ProblemError> {
        let raw: ProblemJson = serde_json::from_str(text).map_err(|e| ProblemError::Json {
            line: e.line(),
            column: e.column(),
            message: crate::error::json_message(&e),
        })?;
        let tables = match raw.tables {
            TablesSpec::Count(n) => (1..=n)
                .map(|i| Table {
                    id: format!("T{i}"),
                    unavailable: Vec::new(),
                })
                .collect(),
            TablesSpec::List(v) => v,
        };
        let p = Problem {
            slots: raw.slots,
            tables,
            participants: raw.participants,
            meetings: raw.meetings,
            max_gap_spread: raw.max_gap_spread,
            published: raw.published,
            replan: raw.replan,
        };
        p.check()?;
        Ok(p)
    }

    /// Serialise the problem to JSON (tables always as a list).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Check the problem; the same checks as [`Problem::from_json`].
    pub fn check(&self) -> Result<(), ProblemError> {
        Model::compile(self).map(|_| ())
    }
}

pub(crate) const NONE: u32 = u32::MAX;

/// Index-based form of a problem used by the solvers.
#[derive(Debug, Clone)]
pub(crate) struct Model {
    pub n_slots: usize,
    pub n_days: usize,
    pub n_tables: usize,
    pub n_parts: usize,
    pub n_meet: usize,
    /// Day index of each slot.
    pub slot_day: Vec<u32>,
    /// Position of each slot within its day (< 128).
    pub slot_pos: Vec<u32>,
    /// First slot of each day.
    pub day_first: Vec<u32>,
    /// Available tables per slot.
    pub cap: Vec<u32>,
    /// `table_ok[t * n_slots + s]`.
    pub table_ok: Vec<bool>,
    pub ma: Vec<u32>,
    pub mb: Vec<u32>,
    pub prio: Vec<u64>,
    /// Allowed slots per meeting (already intersected with availability, fixed slot,
    /// table availability and locked table availability), ascending.
    pub allowed: Vec<Vec<u32>>,
    /// `allowed_bit[m * n_slots + s]`.
    pub allowed_bit: Vec<bool>,
    pub locked: Vec<u32>,
    /// Mandatory slot (fixed or published), or NONE.
    pub mandatory: Vec<u32>,
    pub preds: Vec<Vec<u32>>,
    pub succs: Vec<Vec<u32>>,
    pub has_prec: Vec<bool>,
    /// Meetings of each participant.
    pub part_meet: Vec<Vec<u32>>,
    pub max_gap_spread: Option<u32>,
}

fn index_of<'a>(
    kind: &str,
    items: impl Iterator<Item = &'a str>,
    path: &str,
) -> Result<HashMap<&'a str, u32>, ProblemError> {
    let mut map = HashMap::new();
    for (i, id) in items.enumerate() {
        if id.is_empty() {
            return Err(ProblemError::invalid(
                format!("{path}[{i}]"),
                format!("empty {kind} id"),
            ));
        }
        if map.insert(id, i as u32).is_some() {
            return Err(ProblemError::invalid(
                format!("{path}[{i}] ({id:?})"),
                format!("duplicate {kind} id {id:?}"),
            ));
        }
    }
    Ok(map)
}

fn valid_day(d: &str) -> bool {
    let b = d.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

fn valid_time(t: &str) -> bool {
    let b = t.as_bytes();
    b.len() == 5
        && b[2] == b':'
        && b[0].is_ascii_digit()
        && b[1].is_ascii_digit()
        && b[3].is_ascii_digit()
        && b[4].is_ascii_digit()
        && t[..2] < *"24"
        && t[3..] < *"60"
}

fn lookup(
    map: &HashMap<&str, u32>,
    key: &str,
    kind: &str,
    path: impl FnOnce() -> String,
) -> Result<u32, ProblemError> {
    map.get(key)
        .copied()
        .ok_or_else(|| ProblemError::invalid(path(), format!("unknown {kind} {key:?}")))
}

impl Model {
    #[allow(clippy::too_many_lines)]
    pub fn compile(p: &Problem) -> Result<Model, ProblemError> {
        let n_slots = p.slots.len();
        let slot_ix = index_of("slot", p.slots.iter().map(|s| s.id.as_str()), "slots")?;
        let table_ix = index_of("table", p.tables.iter().map(|s| s.id.as_str()), "tables")?;
        let part_ix = index_of(
            "participant",
            p.participants.iter().map(|s| s.id.as_str()),
            "participants",
        )?;
        let meet_ix = index_of(
            "meeting",
            p.meetings.iter().map(|s| s.id.as_str()),
            "meetings",
        )?;

        // Slots: formats, order, days.
        let mut slot_day = Vec::with_capacity(n_slots);
        let mut slot_pos = Vec::with_capacity(n_slots);
        let mut day_first: Vec<u32> = Vec::new();
        for (i, s) in p.slots.iter().enumerate() {
            let path = || format!("slots[{i}] ({:?})", s.id);
            if !valid_day(&s.day) {
                return Err(ProblemError::invalid(
                    path(),
                    format!("day {:?} is not YYYY-MM-DD", s.day),
                ));
            }
            for t in [&s.start, &s.end] {
                if !valid_time(t) {
                    return Err(ProblemError::invalid(
                        path(),
                        format!("time {t:?} is not HH:MM"),
                    ));
                }
            }
            if s.end <= s.start {
                return Err(ProblemError::invalid(
                    path(),
                    "end is not after start".into(),
                ));
            }
            if i > 0 {
                let prev = &p.slots[i - 1];
                let ordered = s.day > prev.day || (s.day == prev.day && s.start >= prev.end);
                if !ordered {
                    return Err(ProblemError::invalid(
                        path(),
                        format!(
                            "slots not in time order: starts before the end of {:?}",
                            prev.id
                        ),
                    ));
                }
            }
            if i == 0 || p.slots[i - 1].day != s.day {
                day_first.push(i as u32);
            }
            let first = day_first.last().copied().unwrap_or(0);
            let pos = i as u32 - first;
            if pos >= 128 {
                return Err(ProblemError::invalid(
                    path(),
                    "more than 128 slots in one day".into(),
                ));
            }
            slot_day.push(day_first.len() as u32 - 1);
            slot_pos.push(pos);
        }
        let n_days = day_first.len();

        // Tables.
        let n_tables = p.tables.len();
        let mut table_ok = vec![true; n_tables * n_slots];
        for (t, tab) in p.tables.iter().enumerate() {
            for (k, sid) in tab.unavailable.iter().enumerate() {
                let s = lookup(&slot_ix, sid, "slot", || {
                    format!("tables[{t}] ({:?}).unavailable[{k}]", tab.id)
                })?;
                table_ok[t * n_slots + s as usize] = false;
            }
        }
        let cap: Vec<u32> = (0..n_slots)
            .map(|s| (0..n_tables).filter(|&t| table_ok[t * n_slots + s]).count() as u32)
            .collect();

        // Participants.
        let n_parts = p.participants.len();
        let mut part_ok = vec![true; n_parts * n_slots];
        for (i, pa) in p.participants.iter().enumerate() {
            for (k, sid) in pa.unavailable.iter().enumerate() {
                let s = lookup(&slot_ix, sid, "slot", || {
                    format!("participants[{i}] ({:?}).unavailable[{k}]", pa.id)
                })?;
                part_ok[i * n_slots + s as usize] = false;
            }
        }

        // Published assignments → mandatory slot + locked table.
        let n_meet = p.meetings.len();
        let mut pub_slot = vec![NONE; n_meet];
        let mut pub_table = vec![NONE; n_meet];
        if !p.replan {
            for (i, a) in p.published.iter().enumerate() {
                let path = || format!("published[{i}] ({:?})", a.meeting);
                let m = lookup(&meet_ix, &a.meeting, "meeting", path)? as usize;
                let s = lookup(&slot_ix, &a.slot, "slot", path)?;
                let t = lookup(&table_ix, &a.table, "table", path)?;
                if pub_slot[m] != NONE {
                    return Err(ProblemError::invalid(
                        path(),
                        "meeting published twice".into(),
                    ));
                }
                pub_slot[m] = s;
                pub_table[m] = t;
            }
        }

        let mut ma = Vec::with_capacity(n_meet);
        let mut mb = Vec::with_capacity(n_meet);
        let mut prio = Vec::with_capacity(n_meet);
        let mut allowed = Vec::with_capacity(n_meet);
        let mut allowed_bit = vec![false; n_meet * n_slots];
        let mut locked = Vec::with_capacity(n_meet);
        let mut mandatory = Vec::with_capacity(n_meet);
        let mut preds = vec![Vec::new(); n_meet];
        let mut succs = vec![Vec::new(); n_meet];
        let mut part_meet = vec![Vec::new(); n_parts];
        let mut infeasible_single: Vec<(String, String)> = Vec::new();
        for (i, m) in p.meetings.iter().enumerate() {
            let path = || format!("meetings[{i}] ({:?})", m.id);
            let a = lookup(&part_ix, &m.a, "participant", || format!("{}.a", path()))?;
            let b = lookup(&part_ix, &m.b, "participant", || format!("{}.b", path()))?;
            if a == b {
                return Err(ProblemError::invalid(
                    path(),
                    format!("meeting of participant {:?} with itself", m.a),
                ));
            }
            let mut ok = vec![true; n_slots];
            if let Some(list) = &m.slots {
                if list.is_empty() {
                    return Err(ProblemError::invalid(
                        format!("{}.slots", path()),
                        "empty list of allowed slots".into(),
                    ));
                }
                ok = vec![false; n_slots];
                for (k, sid) in list.iter().enumerate() {
                    let s = lookup(&slot_ix, sid, "slot", || format!("{}.slots[{k}]", path()))?;
                    ok[s as usize] = true;
                }
            }
            let mut lock = NONE;
            if let Some(tid) = &m.locked_table {
                lock = lookup(&table_ix, tid, "table", || {
                    format!("{}.locked_table", path())
                })?;
            }
            let mut fixed = NONE;
            if let Some(sid) = &m.fixed {
                let fpath = || format!("{}.fixed", path());
                let s = lookup(&slot_ix, sid, "slot", fpath)?;
                if !ok[s as usize] {
                    return Err(ProblemError::invalid(
                        fpath(),
                        format!("fixed slot {sid:?} is not among the meeting's allowed slots"),
                    ));
                }
                for (pi, pid) in [(a, &m.a), (b, &m.b)] {
                    if !part_ok[pi as usize * n_slots + s as usize] {
                        return Err(ProblemError::invalid(
                            fpath(),
                            format!("participant {pid:?} is unavailable in fixed slot {sid:?}"),
                        ));
                    }
                }
                fixed = s;
            }
            if pub_slot[i] != NONE {
                let ppath = || {
                    let k = p
                        .published
                        .iter()
                        .position(|x| x.meeting == m.id)
                        .unwrap_or(0);
                    format!("published[{k}] ({:?})", m.id)
                };
                if fixed != NONE && fixed != pub_slot[i] {
                    return Err(ProblemError::invalid(
                        ppath(),
                        format!(
                            "published slot differs from the meeting's fixed slot {:?}",
                            m.fixed
                        ),
                    ));
                }
                if lock != NONE && lock != pub_table[i] {
                    return Err(ProblemError::invalid(
                        ppath(),
                        format!(
                            "published table differs from locked table {:?}",
                            m.locked_table
                        ),
                    ));
                }
                let s = pub_slot[i] as usize;
                for (pi, pid) in [(a, &m.a), (b, &m.b)] {
                    if !part_ok[pi as usize * n_slots + s] {
                        return Err(ProblemError::invalid(
                            ppath(),
                            format!("participant {pid:?} is unavailable in published slot"),
                        ));
                    }
                }
                fixed = pub_slot[i];
                lock = pub_table[i];
            }
            let mut list = Vec::new();
            for s in 0..n_slots {
                let good = ok[s]
                    && (fixed == NONE || fixed as usize == s)
                    && part_ok[a as usize * n_slots + s]
                    && part_ok[b as usize * n_slots + s]
                    && cap[s] > 0
                    && (lock == NONE || table_ok[lock as usize * n_slots + s]);
                if good {
                    list.push(s as u32);
                    allowed_bit[i * n_slots + s] = true;
                }
            }
            if fixed != NONE && list.is_empty() {
                infeasible_single.push((
                    m.id.clone(),
                    format!(
                        "meeting {:?} is fixed to slot {:?} where {}",
                        m.id,
                        p.slots[fixed as usize].id,
                        if lock != NONE {
                            format!("its table {:?} is unavailable", p.tables[lock as usize].id)
                        } else {
                            "no table is available".to_string()
                        }
                    ),
                ));
            }
            for (k, mid) in m.after.iter().enumerate() {
                let q = lookup(&meet_ix, mid, "meeting", || {
                    format!("{}.after[{k}]", path())
                })?;
                if q as usize == i {
                    return Err(ProblemError::invalid(
                        format!("{}.after[{k}]", path()),
                        "meeting must come after itself (cycle)".into(),
                    ));
                }
                preds[i].push(q);
                succs[q as usize].push(i as u32);
            }
            part_meet[a as usize].push(i as u32);
            part_meet[b as usize].push(i as u32);
            ma.push(a);
            mb.push(b);
            prio.push(u64::from(m.priority));
            allowed.push(list);
            locked.push(lock);
            mandatory.push(fixed);
        }
        for v in preds.iter_mut().chain(succs.iter_mut()) {
            v.sort_unstable();
            v.dedup();
        }
        // Cycle detection (iterative DFS, colours 0 white, 1 grey, 2 black).
        let mut colour = vec![0u8; n_meet];
        for root in 0..n_meet {
            if colour[root] != 0 {
                continue;
            }
            let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
            colour[root] = 1;
            while let Some(&mut (v, ref mut k)) = stack.last_mut() {
                if *k < preds[v].len() {
                    let w = preds[v][*k] as usize;
                    *k += 1;
                    if colour[w] == 1 {
                        return Err(ProblemError::invalid(
                            format!("meetings[{w}] ({:?}).after", p.meetings[w].id),
                            format!(
                                "cycle of `after` constraints through meetings {:?} and {:?}",
                                p.meetings[w].id, p.meetings[v].id
                            ),
                        ));
                    }
                    if colour[w] == 0 {
                        colour[w] = 1;
                        stack.push((w, 0));
                    }
                } else {
                    colour[v] = 2;
                    stack.pop();
                }
            }
        }
        if let Some((id, msg)) = infeasible_single.into_iter().next() {
            return Err(ProblemError::Infeasible {
                meetings: vec![id],
                message: msg,
            });
        }
        let has_prec = (0..n_meet)
            .map(|m| !preds[m].is_empty() || !succs[m].is_empty())
            .collect();
        let model = Model {
            n_slots,
            n_days,
            n_tables,
            n_parts,
            n_meet,
            slot_day,
            slot_pos,
            day_first,
            cap,
            table_ok,
            ma,
            mb,
            prio,
            allowed,
            allowed_bit,
            locked,
            mandatory,
            preds,
            succs,
            has_prec,
            part_meet,
            max_gap_spread: p.max_gap_spread,
        };
        model.check_mandatory(p)?;
        Ok(model)
    }

    /// Checks that all mandatory (fixed / published) meetings fit together.
    fn check_mandatory(&self, p: &Problem) -> Result<(), ProblemError> {
        let name = |m: usize| p.meetings[m].id.clone();
        let mut at: HashMap<(u32, u32), usize> = HashMap::new();
        let mut table_at: HashMap<(u32, u32), usize> = HashMap::new();
        let mut per_slot: Vec<Vec<usize>> = vec![Vec::new(); self.n_slots];
        for m in 0..self.n_meet {
            let s = self.mandatory[m];
            if s == NONE {
                continue;
            }
            for part in [self.ma[m], self.mb[m]] {
                if let Some(&o) = at.get(&(part, s)) {
                    return Err(ProblemError::Infeasible {
                        meetings: vec![name(o), name(m)],
                        message: format!(
                            "meetings {:?} and {:?} are both fixed to slot {:?} and share \
                             participant {:?}",
                            name(o),
                            name(m),
                            p.slots[s as usize].id,
                            p.participants[part as usize].id
                        ),
                    });
                }
                at.insert((part, s), m);
            }
            if self.locked[m] != NONE {
                if let Some(&o) = table_at.get(&(self.locked[m], s)) {
                    return Err(ProblemError::Infeasible {
                        meetings: vec![name(o), name(m)],
                        message: format!(
                            "meetings {:?} and {:?} are both fixed to table {:?} in slot {:?}",
                            name(o),
                            name(m),
                            p.tables[self.locked[m] as usize].id,
                            p.slots[s as usize].id
                        ),
                    });
                }
                table_at.insert((self.locked[m], s), m);
            }
            per_slot[s as usize].push(m);
        }
        for (s, list) in per_slot.iter().enumerate() {
            if list.len() as u32 > self.cap[s] {
                return Err(ProblemError::Infeasible {
                    meetings: list.iter().map(|&m| name(m)).collect(),
                    message: format!(
                        "{} meetings are fixed to slot {:?} which has only {} available tables",
                        list.len(),
                        p.slots[s].id,
                        self.cap[s]
                    ),
                });
            }
        }
        for m in 0..self.n_meet {
            if self.mandatory[m] == NONE {
                continue;
            }
            for &q in &self.preds[m] {
                let qs = self.mandatory[q as usize];
                if qs != NONE && qs >= self.mandatory[m] {
                    return Err(ProblemError::Infeasible {
                        meetings: vec![name(q as usize), name(m)],
                        message: format!(
                            "meeting {:?} must come after {:?} but both are fixed and it is not \
                             in a later slot",
                            name(m),
                            name(q as usize)
                        ),
                    });
                }
            }
        }
        Ok(())
    }

    /// Free slots between the first and last meeting of a day mask.
    #[inline]
    pub fn mask_idle(mask: u128) -> u32 {
        if mask == 0 {
            0
        } else {
            128 - mask.leading_zeros() - mask.trailing_zeros() - mask.count_ones()
        }
    }

    /// Gap count of a day mask: number of maximal free runs between meetings.
    #[inline]
    pub fn mask_gaps(mask: u128) -> u32 {
        if mask == 0 {
            0
        } else {
            (mask & !(mask << 1)).count_ones() - 1
        }
    }
}
