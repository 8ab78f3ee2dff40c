-- Partners' token buckets, shared by every gateway instance on this database
-- (vn.lienthong.gateway.security.partner.RateLimitBuckets). One row per partner, locked by each lease.
create table rate_limit_bucket (
    partner_id    varchar(64)       not null,
    tokens        double precision  not null,
    refreshed_at  bigint            not null,
    constraint rate_limit_bucket_pk primary key (partner_id)
);
