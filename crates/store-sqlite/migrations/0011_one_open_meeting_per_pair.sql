-- Two organisations have at most one open meeting (requested, accepted or
-- scheduled) at a time, whichever of them asked: the index decides races
-- between simultaneous requests.
CREATE UNIQUE INDEX meetings_one_open_per_pair ON meetings (edition, min(a, b), max(a, b))
    WHERE status IN ('requested', 'accepted', 'scheduled');
