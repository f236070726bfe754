-- Legacy ledger export: each file covers a range of ledger_change_log (first_seq..last_seq). The file is named here
-- before it is written; written_at is set once it and its control file are in the drop. A file named but not written
-- (crash) is written again, with the same name and range, before any new file.
create table ledger_export_file (
    file_name    text        primary key,
    first_seq    bigint      not null,
    last_seq     bigint      not null,
    created_at   timestamptz not null default now(),
    record_count integer,
    sha256       char(64),
    written_at   timestamptz,
    check (last_seq >= first_seq)
);
create unique index ledger_export_file_range on ledger_export_file (first_seq);
