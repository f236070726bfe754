-- insured-to-kiban: persons the platform holds who are missing from a full snapshot. Nothing is sent for them (a
-- snapshot may be partial: a loss of qualification comes as its own record, 資格喪失年月日); the gap is reported.
alter table kiban_insured_state add column seen_unit_id uuid;   -- the last full snapshot the person was in

create table kiban_snapshot_check (
    unit_id     uuid        primary key,   -- an insured-to-kiban unit, checked once all its records were done
    insurers    text,                      -- the insurers of the snapshot; null = not a full snapshot (or superseded)
    in_snapshot integer,                   -- persons the snapshot held
    missing     integer,                   -- persons of those insurers, not lost, that it did not hold
    checked_at  timestamptz not null default now()
);
