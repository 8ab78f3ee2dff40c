-- SFTP batch intake (vn.lienthong.gateway.intake): each batch's progress and each item's outcome.
-- (Versioned 7 after the issue that introduced it, so that capabilities added in parallel do not collide.)
-- Runs on H2 2.3 and PostgreSQL 17. An item once ACCEPTED stays accepted with its document id: a batch
-- delivered again reuses it and never deposits it twice; a REFUSED item is checked again on redelivery.

create table intake_batch (
    partner       varchar(64)   not null,
    batch_id      varchar(64)   not null,
    folder        varchar(255)  not null,
    state         varchar(12)   not null,
    items_total   integer       not null,
    deliveries    integer       not null,
    started_at    timestamp(6) with time zone not null,
    finished_at   timestamp(6) with time zone,
    last_error    varchar(1000),
    constraint intake_batch_pk primary key (partner, batch_id),
    constraint intake_batch_state check (state in ('RUNNING', 'RETRYING', 'COMPLETED'))
);

create index intake_batch_id on intake_batch (batch_id);

create table intake_item (
    partner       varchar(64)   not null,
    batch_id      varchar(64)   not null,
    item_id       varchar(64)   not null,
    delivery      integer       not null,
    outcome       varchar(10)   not null,
    file_name     varchar(128)  not null,
    sha256        varchar(64)   not null,
    document_id   uuid,
    code          varchar(40),
    message       varchar(1000),
    updated_at    timestamp(6) with time zone not null,
    constraint intake_item_pk primary key (partner, batch_id, item_id),
    constraint intake_item_outcome check (outcome in ('ACCEPTED', 'REFUSED'))
);
