-- Meetings as a workflow: the request's message, the organiser's lock and
-- booking, the place the scheduler gave (local time of the edition, as
-- 2024-07-16T09:00) and the calendar sequence number.
ALTER TABLE meetings ADD COLUMN message TEXT NOT NULL DEFAULT '';
ALTER TABLE meetings ADD COLUMN locked BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE meetings ADD COLUMN booked BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE meetings ADD COLUMN slot_start TEXT;
ALTER TABLE meetings ADD COLUMN slot_end TEXT;
ALTER TABLE meetings ADD COLUMN table_id TEXT;
ALTER TABLE meetings ADD COLUMN sequence INTEGER NOT NULL DEFAULT 0;
