-- The loopback flow's sink: a plain table. No unique constraint on purpose: idempotency is the backbone's job
-- (applied_key), and a record applied twice must be visible here, not hidden by a constraint.
create table loopback_record (
    seq        bigint      generated always as identity,  -- application order, for per-key order checks
    unit_id    uuid        not null,
    record_no  integer     not null,
    record_key text        not null,
    payload    jsonb       not null,
    applied_at timestamptz not null default now()
);
create index loopback_record_unit on loopback_record (unit_id, record_no);
