-- kiban-to-municipal: the platform's notification feed → import files for the municipal system.

-- The feed position per flow: the nextCursor of the last page taken in (stored and journaled) as a unit.
create table kiban_notification_cursor (
    flow        text        primary key,
    cursor      text        not null,
    updated_at  timestamptz not null default now()
);

-- One import file per delivered batch (unit + its first and last record numbers), named before it is written, so a batch
-- delivered again finds its file (and writes it at most again under the same name and with the same bytes).
create sequence kiban_import_file_seq;
create table kiban_import_file (
    unit_id         uuid        not null,
    first_record_no integer     not null,
    last_record_no  integer     not null,
    file_name       text        not null unique,
    file_seq        bigint      not null,
    insurer_number  char(6)     not null,
    created_at      timestamp   not null,     -- the header's 作成日時 (Japan time)
    record_count    integer,
    sha256          char(64),
    written_at      timestamptz,              -- set once the file (and its control file) is in the outbound drop
    primary key (unit_id, first_record_no, last_record_no)
);

-- Which file carries a notification: a notification is written into one file only, even when the platform
-- serves it again in another page (a cursor advanced late after a crash).
create table kiban_import_notification (
    notification_id text primary key,
    file_name       text not null
);
