-- The events outbox (docs/events.md, ADR 0005): one row per accepted record of a flow whose events are enabled,
-- written in the same database transaction that marks the record delivered, and relayed to Kafka afterwards.
-- id is the relay's order: records of one business key are appended in delivery order, so ids rise per key.
create table event_outbox (
    id           bigint      generated always as identity primary key,
    flow         text        not null,
    topic        text        not null,
    event_key    text,                  -- the business key (Kafka record key); personal data, never logged
    event_id     text        not null,  -- <unit id>:<record no>, the record's idempotency key
    payload      jsonb       not null,  -- the event, schema v1
    created_at   timestamptz not null default now(),
    published_at timestamptz            -- null until the relay's Kafka transaction committed
);

-- The relay reads unpublished rows in id order.
create index event_outbox_unpublished on event_outbox (id) where published_at is null;
