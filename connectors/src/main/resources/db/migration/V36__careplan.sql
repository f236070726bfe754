-- careplan-outbound: the relay's receipt per sent file (a file with a receipt is never sent again)
create table careplan_receipt (
    unit_id       uuid        not null,
    record_no     int         not null,
    file_name     text        not null,
    sender_office text        not null,
    relay         text        not null,
    receipt_id    text        not null,
    received_at   timestamptz not null,
    recorded_at   timestamptz not null default now(),
    primary key (unit_id, record_no)
);

-- careplan-inbound: each served office's mailbox position at the relay
create table careplan_cursor (
    office     text        not null,
    relay      text        not null,
    position   text        not null,
    updated_at timestamptz not null default now(),
    primary key (office, relay)
);
