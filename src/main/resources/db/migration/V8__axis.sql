-- The national document axis (vn.lienthong.gateway.axis). Runs on H2 2.3 and PostgreSQL 17.
-- axis_document: what the province sent, with its signed edXML package (kept so that a dead-lettered
--   delivery can be replayed byte for byte) and its delivery state;
-- axis_trace: the status feedback (codes 01..16) the addressees sent back for it;
-- axis_received: what the province received, one row per (sender, document, addressee): a package seen
--   again is not delivered again, nor acknowledged again.

create table axis_document (
    id             varchar(36)   not null,
    document_id    varchar(300)  not null,
    from_organ     varchar(40)   not null,
    to_organs      varchar(4000) not null,
    subject        varchar(4000) not null,
    state          varchar(20)   not null,
    package_xml    bytea         not null,
    package_sha256 varchar(64)   not null,
    requester      varchar(100)  not null,
    axis_id        varchar(100),
    attempts       int           not null,
    last_error     varchar(1000),
    created_at     timestamp(6) with time zone not null,
    updated_at     timestamp(6) with time zone not null,
    constraint pk_axis_document primary key (id)
);
create index ix_axis_document_docid on axis_document (document_id);

create table axis_trace (
    document_ref   varchar(36)   not null,
    status_code    varchar(2)    not null,
    organ_id       varchar(40)   not null,
    description    varchar(4000),
    status_time    varchar(19)   not null,
    recorded_at    timestamp(6) with time zone not null,
    constraint pk_axis_trace primary key (document_ref, status_code, organ_id, status_time),
    constraint fk_axis_trace_document foreign key (document_ref) references axis_document (id)
);

create table axis_received (
    from_organ     varchar(40)   not null,
    document_id    varchar(300)  not null,
    to_organ       varchar(40)   not null,
    axis_id        varchar(100)  not null,
    package_sha256 varchar(64)   not null,
    delivered_to   varchar(300)  not null,
    received_at    timestamp(6) with time zone not null,
    -- set once handed to the agency's endpoint / once status 03 went back: a crash between the steps
    -- makes the next poll finish them (at least once) instead of losing them
    delivered_at   timestamp(6) with time zone,
    acknowledged_at timestamp(6) with time zone,
    constraint pk_axis_received primary key (from_organ, document_id, to_organ)
);
