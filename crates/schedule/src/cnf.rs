//! A thin layer over the BatSat SAT solver (a pure-Rust MiniSat): clauses, at-most-one
//! and totalizer encodings, and solving under assumptions within a budget.
//!
//! Totalizer (Bailleux & Boufkhad, CP 2003): a binary tree whose every node holds the
//! sum of its leaves in unary, `out[k]` meaning "at least k + 1". Node outputs are tied
//! to their children's by `a_i ∧ b_j → r_(i+j)` (enough for upper bounds) and, when the
//! count must also be exact, `¬a_(i+1) ∧ ¬b_(j+1) → ¬r_(i+j+1)`. Outputs past `cap` are
//! not built, so a bound `≤ k` costs O(n·k) clauses instead of O(n²).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use batsat::{Callbacks, ClauseKind, Lit, Solver, SolverInterface, SolverOpts, lbool};

/// Stops the solver after a number of conflicts (learnt clauses), at a deadline, or when
/// another thread raises the flag.
struct Limit {
    conflicts: u64,
    max_conflicts: u64,
    deadline: Option<Instant>,
    stop: Option<Arc<AtomicBool>>,
}

impl Callbacks for Limit {
    fn on_new_clause(&mut self, _c: &[Lit], kind: ClauseKind) {
        if matches!(kind, ClauseKind::Learnt) {
            self.conflicts += 1;
        }
    }

    fn stop(&self) -> bool {
        self.conflicts >= self.max_conflicts
            || self.deadline.is_some_and(|d| Instant::now() >= d)
            || self
                .stop
                .as_ref()
                .is_some_and(|f| f.load(Ordering::Relaxed))
    }
}

pub(crate) struct Cnf {
    solver: Solver<Limit>,
    tru: Lit,
    buf: Vec<Lit>,
}

impl Cnf {
    pub fn new(
        max_conflicts: u64,
        deadline: Option<Instant>,
        stop: Option<Arc<AtomicBool>>,
    ) -> Self {
        let limit = Limit {
            conflicts: 0,
            max_conflicts,
            deadline,
            stop,
        };
        let mut solver = Solver::new(SolverOpts::default(), limit);
        let tru = Lit::new(solver.new_var_default(), true);
        let mut cnf = Cnf {
            solver,
            tru,
            buf: Vec::new(),
        };
        cnf.add(&[tru]);
        cnf
    }

    pub fn var(&mut self) -> Lit {
        Lit::new(self.solver.new_var_default(), true)
    }

    /// A variable that the solver tries first with the value `phase`.
    pub fn var_preferring(&mut self, phase: bool) -> Lit {
        Lit::new(self.solver.new_var(lbool::new(phase), true), true)
    }

    pub fn tru(&self) -> Lit {
        self.tru
    }

    pub fn fals(&self) -> Lit {
        !self.tru
    }

    pub fn add(&mut self, lits: &[Lit]) {
        if lits.contains(&self.tru) {
            return;
        }
        self.buf.clear();
        self.buf.extend(lits.iter().filter(|&&l| l != !self.tru));
        // Returns false once the formula is unsatisfiable; `solve` then says so.
        self.solver.add_clause_reuse(&mut self.buf);
    }

    /// At most one of `lits`: pairwise for a few, else Sinz's sequential encoding.
    pub fn at_most_one(&mut self, lits: &[Lit]) {
        if lits.len() <= 5 {
            for (i, &a) in lits.iter().enumerate() {
                for &b in &lits[i + 1..] {
                    self.add(&[!a, !b]);
                }
            }
            return;
        }
        // s_i: one of lits[..=i] is true.
        let mut prev = lits[0];
        for &l in &lits[1..lits.len() - 1] {
            let s = self.var();
            self.add(&[!prev, s]);
            self.add(&[!l, s]);
            self.add(&[!prev, !l]);
            prev = s;
        }
        self.add(&[!prev, !lits[lits.len() - 1]]);
    }

    /// A literal equivalent to the disjunction of `lits`.
    pub fn or(&mut self, lits: &[Lit]) -> Lit {
        if lits.contains(&self.tru) {
            return self.tru;
        }
        let lits: Vec<Lit> = lits.iter().copied().filter(|&l| l != !self.tru).collect();
        match lits[..] {
            [] => self.fals(),
            [l] => l,
            _ => {
                let y = self.var();
                for &l in &lits {
                    self.add(&[!l, y]);
                }
                let mut c = lits;
                c.push(!y);
                self.add(&c);
                y
            }
        }
    }

    /// A literal equivalent to the conjunction of `lits`.
    pub fn and(&mut self, lits: &[Lit]) -> Lit {
        let negated: Vec<Lit> = lits.iter().map(|&l| !l).collect();
        !self.or(&negated)
    }

    /// Unary sum of the unary numbers `leaves` (each sorted: `leaf[k]` = "at least k + 1"),
    /// with outputs up to `cap`; `exact` adds the clauses that keep outputs false while the
    /// sum is smaller.
    pub fn totalizer(&mut self, leaves: &[Vec<Lit>], cap: usize, exact: bool) -> Vec<Lit> {
        match leaves {
            [] => Vec::new(),
            [one] => one.iter().take(cap).copied().collect(),
            _ => {
                let (l, r) = leaves.split_at(leaves.len() / 2);
                let a = self.totalizer(l, cap, exact);
                let b = self.totalizer(r, cap, exact);
                self.merge(&a, &b, cap, exact)
            }
        }
    }

    fn merge(&mut self, a: &[Lit], b: &[Lit], cap: usize, exact: bool) -> Vec<Lit> {
        if a.is_empty() || b.is_empty() {
            return if a.is_empty() { b.to_vec() } else { a.to_vec() };
        }
        let n = (a.len() + b.len()).min(cap);
        let r: Vec<Lit> = (0..n).map(|_| self.var()).collect();
        let at = |v: &[Lit], i: usize, t: Lit| if i == 0 { t } else { v[i - 1] };
        let tru = self.tru;
        for i in 0..=a.len() {
            for j in 0..=b.len() {
                if i + j >= 1 && i + j <= n {
                    self.add(&[!at(a, i, tru), !at(b, j, tru), r[i + j - 1]]);
                }
                if exact && i + j < n {
                    // ¬a_(i+1) ∧ ¬b_(j+1) → ¬r_(i+j+1); a_(len+1) is false.
                    let na = a.get(i).copied().unwrap_or(!tru);
                    let nb = b.get(j).copied().unwrap_or(!tru);
                    self.add(&[na, nb, !r[i + j]]);
                }
            }
        }
        r
    }

    /// `Some(true)` satisfiable, `Some(false)` unsatisfiable, `None` budget spent or
    /// stopped.
    pub fn solve(&mut self, assumptions: &[Lit]) -> Option<bool> {
        let r = self.solver.solve_limited(assumptions);
        if r == lbool::TRUE {
            Some(true)
        } else if r == lbool::FALSE {
            Some(false)
        } else {
            None
        }
    }

    /// After an unsatisfiable answer: the assumptions (negated) that it used, as the
    /// literals that cannot all be false.
    pub fn core(&self) -> Vec<Lit> {
        self.solver.unsat_core().to_vec()
    }

    pub fn value(&self, l: Lit) -> bool {
        // The trait's method reads the model; the inherent one the current trail.
        SolverInterface::value_lit(&self.solver, l) == lbool::TRUE
    }

    pub fn conflicts(&self) -> u64 {
        self.solver.cb().conflicts
    }
}
