-- chainfair foundation schema (PostgreSQL). The SQLite schema has the same
-- tables and columns; queries are shared between the two.
CREATE TABLE editions (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    host_country TEXT NOT NULL,
    start_date DATE NOT NULL,
    end_date DATE NOT NULL,
    time_zone TEXT NOT NULL,
    previous_id TEXT REFERENCES editions (id),
    CHECK (end_date >= start_date)
);

CREATE TABLE organizations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    name_zh TEXT,
    country TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('company', 'institution', 'international_organization')),
    -- normalised name + country: an organisation exists once
    dedup_key TEXT NOT NULL UNIQUE,
    -- id, name and Chinese name, lowercased by chainfair (not by the
    -- database, whose lower() differs between backends): what search matches
    search_key TEXT NOT NULL
);

CREATE TABLE participations (
    edition TEXT NOT NULL REFERENCES editions (id),
    organization TEXT NOT NULL REFERENCES organizations (id),
    role TEXT NOT NULL CHECK (role IN ('exhibitor', 'co_exhibitor', 'supplier', 'buyer')),
    of_org TEXT REFERENCES organizations (id),
    key_client BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (edition, organization, role),
    CHECK ((role = 'co_exhibitor') = (of_org IS NOT NULL))
);
CREATE INDEX participations_by_role ON participations (edition, role, organization);

CREATE TABLE attendees (
    edition TEXT NOT NULL REFERENCES editions (id),
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    organization TEXT REFERENCES organizations (id),
    mode TEXT NOT NULL CHECK (mode IN ('online', 'offline')),
    PRIMARY KEY (edition, id)
);

CREATE TABLE checkins (
    edition TEXT NOT NULL,
    attendee TEXT NOT NULL,
    day DATE NOT NULL,
    PRIMARY KEY (edition, attendee, day),
    FOREIGN KEY (edition, attendee) REFERENCES attendees (edition, id)
);

CREATE TABLE meetings (
    edition TEXT NOT NULL REFERENCES editions (id),
    id TEXT NOT NULL,
    a TEXT NOT NULL REFERENCES organizations (id),
    b TEXT NOT NULL REFERENCES organizations (id),
    status TEXT NOT NULL CHECK (status IN ('requested', 'accepted', 'declined', 'cancelled', 'scheduled', 'held')),
    priority BIGINT NOT NULL CHECK (priority BETWEEN 1 AND 5),
    PRIMARY KEY (edition, id),
    CHECK (a <> b)
);
CREATE INDEX meetings_by_a ON meetings (edition, a);
CREATE INDEX meetings_by_b ON meetings (edition, b);

CREATE TABLE agreements (
    edition TEXT NOT NULL REFERENCES editions (id),
    id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('cooperation', 'intention')),
    -- integer minor units of `currency`; never a float
    amount_minor BIGINT CHECK (amount_minor >= 0),
    currency TEXT,
    signed_on DATE NOT NULL,
    industry TEXT,
    PRIMARY KEY (edition, id),
    CHECK ((amount_minor IS NULL) = (currency IS NULL))
);

CREATE TABLE agreement_parties (
    edition TEXT NOT NULL,
    agreement TEXT NOT NULL,
    position BIGINT NOT NULL,
    organization TEXT NOT NULL REFERENCES organizations (id),
    PRIMARY KEY (edition, agreement, position),
    UNIQUE (edition, agreement, organization),
    FOREIGN KEY (edition, agreement) REFERENCES agreements (edition, id)
);

CREATE TABLE rates (
    day DATE NOT NULL,
    from_currency TEXT NOT NULL,
    to_currency TEXT NOT NULL,
    -- an exact decimal, kept as text
    rate TEXT NOT NULL,
    source TEXT NOT NULL,
    PRIMARY KEY (day, from_currency, to_currency)
);

CREATE TABLE signups (
    edition TEXT NOT NULL REFERENCES editions (id),
    organization TEXT NOT NULL REFERENCES organizations (id),
    PRIMARY KEY (edition, organization)
);
