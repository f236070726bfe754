-- The delivery journal. Units (a file, an API document, an HTTP post) and their records, each with a status trail.
-- Units, records and events are range-partitioned by day on the unit's received_at, so retention drops whole
-- partitions instead of deleting rows (JournalPartitions creates them ahead and drops expired ones).

create table unit (
    id            uuid        not null,
    received_at   timestamptz not null,
    flow          text        not null,
    source        text        not null,
    name          text        not null,
    size_bytes    bigint      not null,
    sha256        char(64)    not null,
    content_ref   text        not null,
    status        text        not null check (status in ('received', 'split', 'duplicate', 'rejected')),
    forced        boolean     not null default false,
    duplicate_of  uuid,
    record_count  integer,
    rejected_count integer,
    error         text,
    updated_at    timestamptz not null,
    primary key (id, received_at)
) partition by range (received_at);

create index unit_flow_received on unit (flow, received_at desc);
create index unit_id on unit (id);

-- What makes a unit a duplicate: the same flow, content and name. Not partitioned: uniqueness must span all time.
create table unit_fingerprint (
    flow        text     not null,
    sha256      char(64) not null,
    name        text     not null,
    unit_id     uuid     not null,
    received_at timestamptz not null,
    primary key (flow, sha256, name)
);

create table record (
    unit_id         uuid        not null,
    record_no       integer     not null,
    received_at     timestamptz not null,
    flow            text        not null,
    record_key      text,
    status          text        not null check (status in ('rejected', 'queued', 'delivered', 'dead')),
    queued_at       timestamptz,
    delivered_at    timestamptz,
    dead_at         timestamptz,
    rejected_at     timestamptz,
    acknowledged_at timestamptz,
    replays         integer     not null default 0,
    error           text,
    raw             text,       -- the raw input of a rejected record, kept so the rejection is reportable
    primary key (unit_id, record_no, received_at)
) partition by range (received_at);

-- Operators look for what needs attention: dead and rejected records not yet acknowledged.
create index record_attention on record (flow, status, received_at) where status in ('dead', 'rejected') and acknowledged_at is null;

-- Exceptional transitions with who/what: duplicate, forced, dead, replayed, acknowledged.
create table journal_event (
    id          bigint generated always as identity,
    received_at timestamptz not null,
    at          timestamptz not null default now(),
    unit_id     uuid        not null,
    record_no   integer,
    kind        text        not null,
    detail      text,
    primary key (id, received_at)
) partition by range (received_at);

create index journal_event_unit on journal_event (unit_id);

-- Idempotency records of PostgreSQL sinks, written in the same transaction as the business rows.
create table applied_key (
    sink       text        not null,
    key        text        not null,
    applied_at timestamptz not null default now(),
    primary key (sink, key)
);

-- Safety nets: a row whose day has no partition yet lands here rather than failing the write.
create table unit_default partition of unit default;
create table record_default partition of record default;
create table journal_event_default partition of journal_event default;
