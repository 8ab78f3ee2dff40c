-- The message log (vn.lienthong.gateway.security.messagelog): one row per exchange with a partner,
-- hash-chained and regularly sealed with the gateway's signature. Runs on H2 2.3 and PostgreSQL 17.
-- Rows are only ever inserted; the chain head row is updated, under a row lock, by every append.

-- One record per exchange. record_hash = SHA-256 over all the other columns and prev_hash
-- (encoding: ChainEncoding.java); prev_hash is the previous record's record_hash, 64 zeros for the first.
create table message_log (
    seq            bigint        not null,
    request_id     varchar(64)   not null,
    direction      varchar(8)    not null,
    partner_id     varchar(64)   not null,
    service        varchar(100)  not null,
    started_at     timestamp(6) with time zone not null,
    finished_at    timestamp(6) with time zone not null,
    request_hash   varchar(64),
    response_hash  varchar(64),
    outcome        varchar(40)   not null,
    http_status    integer,
    prev_hash      varchar(64)   not null,
    record_hash    varchar(64)   not null,
    constraint message_log_pk primary key (seq)
);

create index message_log_request on message_log (request_id);

-- Bodies, only when gateway.message-log.keep-bodies=true. Apart, so the chain stays narrow to scan;
-- each body is covered by the request_hash / response_hash of its record.
create table message_log_body (
    seq            bigint        not null,
    request_body   bytea,
    response_body  bytea,
    constraint message_log_body_pk primary key (seq),
    constraint message_log_body_record foreign key (seq) references message_log (seq)
);

-- A seal vouches, with a detached CMS signature, for last_record_hash and so for every record up to last_seq.
create table message_log_seal (
    seal_no           bigint        not null,
    first_seq         bigint        not null,
    last_seq          bigint        not null,
    last_record_hash  varchar(64)   not null,
    sealed_at         timestamp(6) with time zone not null,
    signature         bytea         not null,
    constraint message_log_seal_pk primary key (seal_no)
);

-- The chain head: exactly one row, locked (SELECT ... FOR UPDATE) by each append and seal transaction,
-- which serialises them across threads and gateway instances.
create table message_log_head (
    id               integer      not null,
    last_seq         bigint       not null,
    last_hash        varchar(64)  not null,
    last_sealed_seq  bigint       not null,
    last_seal_no     bigint       not null,
    constraint message_log_head_pk primary key (id),
    constraint message_log_head_one_row check (id = 1)
);

insert into message_log_head (id, last_seq, last_hash, last_sealed_seq, last_seal_no)
values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000', 0, 0);
