-- Issue 20: a FAILED dossier event an operator decided not to deliver is SKIPPED (with who decided and why, in
-- last_error); it no longer holds the dossier's later events. Runs on H2 2.3 and PostgreSQL 17.
-- (Version 13: after the other issues of this wave, V11 dossier outcomes and V12 e-data access.)
alter table dossier_event drop constraint dossier_event_state;
alter table dossier_event add constraint dossier_event_state
    check (state in ('RECEIVED', 'QUEUED', 'DELIVERED', 'FAILED', 'HELD', 'SKIPPED'));
