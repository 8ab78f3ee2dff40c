-- Reuse checks (vn.lienthong.gateway.reuse) are recorded in the look-up access log with their purpose and
-- whether the applicant explicitly asked for their data to be fetched (null for plain look-ups).
-- Numbered 4.5 so that it does not collide with other capabilities' V4 migrations.
alter table lookup_access_log add column explicit_request boolean;
alter table lookup_access_log add column on_behalf_of varchar(100);
