-- The secret of each participant's calendar subscription URL.
CREATE TABLE calendar_tokens (
    edition TEXT NOT NULL REFERENCES editions (id),
    organization TEXT NOT NULL REFERENCES organizations (id),
    token TEXT NOT NULL UNIQUE,
    PRIMARY KEY (edition, organization)
);
