-- insured-to-kiban: what the platform last received per person, so a full snapshot becomes changes (send only what
-- changed) and 履歴番号 (history_no) increases per person. Updated in the sink's transaction, after the platform
-- accepted the document; a crash in between re-sends the same document under the same Idempotency-Key.
create table kiban_insured_state (
    insurer_number char(6)     not null,
    insured_number varchar(10) not null,
    history_no     bigint      not null check (history_no > 0),
    doc_hash       char(64)    not null,   -- SHA-256 of the person's canonical document (without historyNo/changeType/changedOn)
    document       jsonb       not null,   -- the InsuredPersonChange last accepted
    unit_id        uuid        not null,   -- the unit and record it came from
    record_no      integer     not null,
    sent_at        timestamptz not null default now(),
    primary key (insurer_number, insured_number)
);
