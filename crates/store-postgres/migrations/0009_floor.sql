-- The exhibition floor: each edition's plan as one JSON document (halls,
-- zones, booths), the space each exhibitor asks for, and the bookings. A
-- booth has one booking and an organisation one booth: the keys say so,
-- whatever the concurrency.
CREATE TABLE floor_plans (
    edition TEXT PRIMARY KEY REFERENCES editions (id),
    plan TEXT NOT NULL
);

CREATE TABLE space_requests (
    edition TEXT NOT NULL REFERENCES editions (id),
    organization TEXT NOT NULL REFERENCES organizations (id),
    area_m2 DOUBLE PRECISION NOT NULL CHECK (area_m2 > 0),
    area TEXT NOT NULL,
    neighbours TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (edition, organization)
);

CREATE TABLE booth_bookings (
    edition TEXT NOT NULL REFERENCES editions (id),
    booth TEXT NOT NULL,
    organization TEXT NOT NULL REFERENCES organizations (id),
    fixed BOOLEAN NOT NULL DEFAULT FALSE,
    booked_at TEXT NOT NULL,
    PRIMARY KEY (edition, booth),
    UNIQUE (edition, organization)
);
