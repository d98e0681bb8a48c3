-- Visitors who register with an account see their badges.
ALTER TABLE attendees ADD COLUMN account TEXT REFERENCES accounts (id);
CREATE INDEX attendees_by_account ON attendees (account);

-- Who followed which streamed session online, once per session.
CREATE TABLE online_attendance (
    edition TEXT NOT NULL,
    attendee TEXT NOT NULL,
    session TEXT NOT NULL,
    day DATE NOT NULL,
    PRIMARY KEY (edition, attendee, session),
    FOREIGN KEY (edition, attendee) REFERENCES attendees (edition, id)
);

-- Keys the server signs with (badge tokens), made on first use and kept
-- with the data so that backups and restarts keep badges valid.
CREATE TABLE server_keys (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
