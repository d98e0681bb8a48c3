//! Who holds which booth, kept both ways so either question is one lookup.

/// Who holds what: the booth of each exhibitor and the holder of each booth.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Assignment {
    booth_of: Vec<Option<u32>>,
    holder: Vec<Option<u32>>,
}

impl Assignment {
    pub fn empty(exhibitors: usize, booths: usize) -> Self {
        Self {
            booth_of: vec![None; exhibitors],
            holder: vec![None; booths],
        }
    }
    pub fn booth_of(&self, e: usize) -> Option<usize> {
        self.booth_of[e].map(|b| b as usize)
    }
    pub fn holder(&self, b: usize) -> Option<usize> {
        self.holder[b].map(|e| e as usize)
    }
    /// Puts `e` in the free booth `b`, leaving its booth if it had one.
    pub fn place(&mut self, e: usize, b: usize) {
        if let Some(old) = self.booth_of[e] {
            self.holder[old as usize] = None;
        }
        self.booth_of[e] = Some(b as u32);
        self.holder[b] = Some(e as u32);
    }
    /// Exchanges the booths of two placed exhibitors.
    pub fn swap(&mut self, e: usize, f: usize) {
        let (Some(b), Some(c)) = (self.booth_of[e], self.booth_of[f]) else {
            return;
        };
        self.booth_of.swap(e, f);
        self.holder[b as usize] = Some(f as u32);
        self.holder[c as usize] = Some(e as u32);
    }
}
