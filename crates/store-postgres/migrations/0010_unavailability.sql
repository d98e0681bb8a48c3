-- When a participant cannot meet (local time of the edition, as
-- 2024-07-16T09:00; from inclusive, to exclusive). The scheduler places no
-- meeting of theirs in a slot that overlaps one of these periods.
CREATE TABLE unavailability (
    edition TEXT NOT NULL REFERENCES editions (id),
    organization TEXT NOT NULL REFERENCES organizations (id),
    starts TEXT NOT NULL,
    ends TEXT NOT NULL,
    PRIMARY KEY (edition, organization, starts),
    CHECK (starts < ends)
);
