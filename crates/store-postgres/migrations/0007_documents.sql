-- The documents an edition publishes (initiatives, reports ...), with the
-- file itself, so that a backup holds them too.
CREATE TABLE documents (
    edition TEXT NOT NULL REFERENCES editions (id),
    id TEXT NOT NULL,
    title TEXT NOT NULL,
    lang TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('initiative', 'report', 'other')),
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    published_on DATE NOT NULL,
    content BYTEA NOT NULL,
    PRIMARY KEY (edition, id)
);
