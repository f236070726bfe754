-- shinsei-to-ledger: submissions polled from the filing system (電子申請・届出システム) and the authority's decisions
-- (a transactional outbox towards the filing system). What an accepted submission changed is in the provider ledger's
-- versions and ledger_change_log under origin_key 'shinsei:<submission id>' (V50).
-- The feed position lives in kiban_notification_cursor (one row per polling flow, here 'shinsei-to-ledger').

-- One row per submission addressed to this authority: its part only (一括申請 included), and where it stands.
--   received  → accepted (受付完了: its changes applied to the ledger) | returned (差戻し: nothing applied)
--   received  → withdrawn (取下げ before a decision: closed, nothing applied)
create table shinsei_submission (
    id              text        primary key,          -- the filing system's submission id
    authority_code  char(6)     not null,
    kind            text        not null,             -- contract code: new-designation, renewal, change, …
    office_number   text        not null,             -- 事業所番号 the form is about
    bulk            boolean     not null default false,
    form            jsonb       not null,             -- this authority's part; personal data, never logged
    attachments     jsonb       not null default '[]',-- [{id, name, mediaType, size, sha256, contentRef}]
    state           text        not null check (state in ('received', 'accepted', 'returned', 'withdrawn')),
    unit_id         uuid        not null,             -- the journal unit and record it came in as
    unit_received_at timestamptz not null,
    record_no       integer     not null,
    submitted_at    timestamptz,
    received_at     timestamptz not null default now(),
    withdrawn_at    timestamptz,                      -- also set when a withdrawal came after the decision
    decided_at      timestamptz,
    updated_at      timestamptz not null default now()
);
create index shinsei_submission_state on shinsei_submission (state, received_at);

-- The decision on a submission, written in the transaction that decides it (and applies it when accepted); the
-- poster sends it with Idempotency-Key = id until the filing system took it (posted) or refused it for good (failed).
create table shinsei_decision (
    id                    uuid        primary key,
    submission_id         text        not null unique references shinsei_submission (id),
    outcome               text        not null check (outcome in ('accepted', 'returned')),
    comment               text        not null,
    attachment_name       text,
    attachment_media_type text,
    attachment            bytea,
    decided_by            text        not null,       -- the operator, or 'auto:<rule>'
    decided_at            timestamptz not null,
    post_state            text        not null default 'pending' check (post_state in ('pending', 'posted', 'failed')),
    attempts              integer     not null default 0,
    next_attempt_at       timestamptz not null default now(),
    posted_at             timestamptz,
    last_error            text
);
create index shinsei_decision_due on shinsei_decision (next_attempt_at) where post_state = 'pending';
