-- certification-to-kiban: what the platform last received per 要介護認定 application, so that 履歴番号 (history_no)
-- increases per application, a state that goes back is refused, and a re-exported unchanged state is not sent
-- again. Updated in the sink's transaction, after the platform accepted the document.
create table kiban_certification_state (
    insurer_number char(6)     not null,
    insured_number varchar(10) not null,
    application_no varchar(20) not null,
    history_no     bigint      not null check (history_no > 0),
    state          text        not null,   -- the contract's state name (applied … decided, withdrawn)
    doc_hash       char(64)    not null,   -- SHA-256 of the canonical document without historyNo
    unit_id        uuid        not null,   -- the unit and record it came from
    record_no      integer     not null,
    sent_at        timestamptz not null default now(),
    primary key (insurer_number, insured_number, application_no)
);
