-- Agreements as a lifecycle (intention -> signed, or cancelled), whether
-- the public may see that they exist, and how many changes they have had.
-- Agreements stored before this migration were all signed.
ALTER TABLE agreements ADD COLUMN status TEXT NOT NULL DEFAULT 'signed'
    CHECK (status IN ('intention', 'signed', 'cancelled'));
ALTER TABLE agreements ADD COLUMN published BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE agreements ADD COLUMN revision INTEGER NOT NULL DEFAULT 0 CHECK (revision >= 0);

-- Every change made through the API or the command line: who, when
-- (UTC, RFC 3339), what, and the record before and after as JSON. The
-- negotiation notes of an agreement are entries too (action 'note').
CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    edition TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_key TEXT NOT NULL,
    action TEXT NOT NULL,
    before_json TEXT,
    after_json TEXT
);
CREATE INDEX audit_log_by_entity ON audit_log (edition, entity, entity_key);
-- Append-only: the database itself refuses to change or remove an entry.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
