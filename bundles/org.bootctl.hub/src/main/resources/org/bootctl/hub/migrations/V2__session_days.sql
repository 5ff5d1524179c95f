-- Version 2: what the dashboard sums, kept up to date as records arrive (docs/HUB.md), so
-- utilisation and fault rates read a few rows instead of every record.
-- Sessions and treatment seconds per unit and day (UTC, by the session's end): utilisation.
CREATE TABLE session_days (
    site VARCHAR(32) NOT NULL,
    unit VARCHAR(32) NOT NULL,
    ended_on DATE NOT NULL,
    sessions BIGINT NOT NULL,
    duration_s BIGINT NOT NULL,
    PRIMARY KEY (site, unit, ended_on)
);
CREATE INDEX session_days_ended_on ON session_days (ended_on);
-- Sessions and faults per model and firmware ('' when unknown: a primary key allows no NULL): fault rates.
CREATE TABLE session_totals (
    model VARCHAR(64) NOT NULL,
    firmware VARCHAR(64) NOT NULL,
    sessions BIGINT NOT NULL,
    faults BIGINT NOT NULL,
    PRIMARY KEY (model, firmware)
);
-- the records stored before this version
INSERT INTO session_days (site, unit, ended_on, sessions, duration_s)
    SELECT site, unit, CAST(ended AS DATE), COUNT(*), SUM(duration_s) FROM sessions GROUP BY site, unit, CAST(ended AS DATE);
INSERT INTO session_totals (model, firmware, sessions, faults)
    SELECT COALESCE(model, ''), COALESCE(firmware, ''), COUNT(*), SUM(CASE WHEN end_state = 'FAULT' THEN 1 ELSE 0 END)
    FROM sessions GROUP BY COALESCE(model, ''), COALESCE(firmware, '');
-- newest first, as the sessions page reads them: ORDER BY ended DESC, id DESC walks this index backwards
CREATE INDEX sessions_newest ON sessions (ended, id);
-- it leads with ended too: the older index only costs writes
DROP INDEX sessions_ended;
