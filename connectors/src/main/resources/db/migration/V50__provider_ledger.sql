-- The provider ledger (事業所台帳): providers (法人), offices (事業所), their designated services and their additions
-- (加算), each with full history. A row is one VERSION of one thing:
--   valid_from / valid_to  business time: the dates the version holds for (valid_to exclusive, null = still open);
--   recorded_at / recorded_by / source / origin_key  who wrote it, when, and from what (a submission id, or an
--                          open-data file and its rows); origin_key is the idempotency key of the application;
--   closed_at / closed_source  when and by what a later change closed it (the only update a version ever gets).
-- A change never overwrites a version: it closes the open one (valid_to = the change's date) and inserts the next.
-- Exactly one version per thing is open (partial unique indexes); the *_current views show those.

create table ledger_provider (
    id               bigint generated always as identity primary key,
    corporate_number varchar(13) not null,             -- 法人番号
    name             text,
    name_kana        text,
    postal_code      text,
    address          text,
    representative   text,                             -- 代表者 (personal: never logged)
    valid_from       date        not null,
    valid_to         date,
    recorded_at      timestamptz not null default now(),
    recorded_by      text        not null,
    source           text        not null,
    origin_key       text        not null,
    closed_at        timestamptz,
    closed_source    text,
    check (valid_to is null or valid_to >= valid_from)
);
create unique index ledger_provider_open on ledger_provider (corporate_number) where valid_to is null;
create index ledger_provider_key on ledger_provider (corporate_number, valid_from);

create table ledger_office (
    id                 bigint generated always as identity primary key,
    office_number      varchar(10) not null,           -- 事業所番号, check digit verified before insert
    corporate_number   varchar(13),                     -- the provider (法人) operating it, when known
    name               text,
    name_kana          text,
    postal_code        text,
    address            text,
    phone              text,
    fax                text,
    administrator_name text,                           -- 管理者 (personal: never logged)
    valid_from         date        not null,
    valid_to           date,
    recorded_at        timestamptz not null default now(),
    recorded_by        text        not null,
    source             text        not null,
    origin_key         text        not null,
    closed_at          timestamptz,
    closed_source      text,
    check (valid_to is null or valid_to >= valid_from)
);
create unique index ledger_office_open on ledger_office (office_number) where valid_to is null;
create index ledger_office_key on ledger_office (office_number, valid_from);

create table ledger_office_service (
    id                bigint generated always as identity primary key,
    office_number     varchar(10) not null,
    service_type      varchar(2)  not null,            -- サービス種類コード
    designated_on     date,                            -- 指定日
    designation_from  date,                            -- 指定有効期間 (from, to)
    designation_to    date,
    status            text        not null check (status in ('ACTIVE', 'SUSPENDED', 'ABOLISHED', 'DECLINED')),
    valid_from        date        not null,
    valid_to          date,
    recorded_at       timestamptz not null default now(),
    recorded_by       text        not null,
    source            text        not null,
    origin_key        text        not null,
    closed_at         timestamptz,
    closed_source     text,
    check (valid_to is null or valid_to >= valid_from)
);
create unique index ledger_office_service_open on ledger_office_service (office_number, service_type) where valid_to is null;
create index ledger_office_service_key on ledger_office_service (office_number, service_type, valid_from);

-- An addition's version is open while notified; a withdrawal closes it and inserts nothing.
create table ledger_office_addition (
    id             bigint generated always as identity primary key,
    office_number  varchar(10) not null,
    service_type   varchar(2)  not null,
    addition_code  text        not null,               -- 加算 code as notified
    addition_name  text,
    valid_from     date        not null,
    valid_to       date,
    recorded_at    timestamptz not null default now(),
    recorded_by    text        not null,
    source         text        not null,
    origin_key     text        not null,
    closed_at      timestamptz,
    closed_source  text,
    check (valid_to is null or valid_to >= valid_from)
);
create unique index ledger_office_addition_open on ledger_office_addition (office_number, service_type, addition_code)
    where valid_to is null;
create index ledger_office_addition_key on ledger_office_addition (office_number, valid_from);

-- Every applied change, in application order: what the legacy export reads (seq is its cursor).
create table ledger_change_log (
    seq           bigint generated always as identity primary key,
    origin_key    text        not null,
    source        text        not null,
    recorded_by   text        not null,
    recorded_at   timestamptz not null default now(),
    change_kind   text        not null,                -- DESIGNATE, RENEW, CHANGE_DETAILS, CHANGE_STATUS, NOTIFY_ADDITION
    office_number varchar(10) not null,
    service_type  varchar(2),
    effective_on  date        not null,
    payload       jsonb       not null                 -- the office, service or addition as the change left it
);
create index ledger_change_log_office on ledger_change_log (office_number);

create view ledger_provider_current as select * from ledger_provider where valid_to is null;
create view ledger_office_current as select * from ledger_office where valid_to is null;
create view ledger_office_service_current as select * from ledger_office_service where valid_to is null;
create view ledger_office_addition_current as select * from ledger_office_addition where valid_to is null;
