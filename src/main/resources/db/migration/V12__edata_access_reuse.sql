-- The owner's access log (edata_access_log) also records every use of the owner's papers by a reuse check
-- (vn.lienthong.gateway.reuse): a document offered to an officer (outcome OFFERED) and a registry fact that
-- stood in for a paper (outcome REGISTRY_FACTS, no document: document_id null, registry set).
-- Numbered 12 so that it does not collide with other capabilities' V10/V11 migrations.
-- Runs on H2 2.3 and PostgreSQL 17.
alter table edata_access_log alter column document_id drop not null;
-- the officer at the partner who asked (the partner itself stays in requester)
alter table edata_access_log add column officer varchar(100);
-- the procedure the use served
alter table edata_access_log add column procedure_code varchar(64);
-- the paper the procedure asked for (for OFFERED: may differ from the document's own type when one type replaces another)
alter table edata_access_log add column document_type varchar(32);
-- the registry whose facts stood in for the paper (REGISTRY_FACTS)
alter table edata_access_log add column registry varchar(32);
-- the correlation id of the request (the reuse check's checkId)
alter table edata_access_log add column request_id varchar(100);
