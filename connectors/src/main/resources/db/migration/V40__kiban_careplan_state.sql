-- careplan-to-kiban: the last 履歴番号 the platform accepted per plan key (1表/2表/3表: care-plan:<planDate>,
-- 6表/7表: service-usage:<targetMonth>), shared by the key's tables and deletions. Updated in the sink's transaction
-- after the platform accepted the document; a crash in between re-sends the same document under the same
-- Idempotency-Key. The documents themselves are not kept here (the content store keeps the source files).
create table kiban_careplan_state (
    insurer_number char(6)     not null,
    insured_number varchar(10) not null,
    plan_key       varchar(32) not null,
    history_no     bigint      not null check (history_no > 0),
    deleted        boolean     not null,   -- the last document sent for the key was a deletion
    unit_id        uuid        not null,   -- the unit and record it came from
    record_no      integer     not null,
    sent_at        timestamptz not null default now(),
    primary key (insurer_number, insured_number, plan_key)
);
