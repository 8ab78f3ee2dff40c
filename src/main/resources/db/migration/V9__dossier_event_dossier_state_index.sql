-- Before each event the delivery asks for the first earlier event of the same dossier not delivered yet
-- (DossierEventStore.findToDeliver: dossier_code, seq, state). With the state in the dossier's index that is
-- answered from the index alone; with (dossier_code, seq) every earlier event's row was read, payload and all,
-- so the question cost more with each event of the dossier. The index on state alone answered no query of the
-- gateway's and cost a delete and an insert at every change of state. Runs on H2 2.3 and PostgreSQL 17.
drop index dossier_event_state_idx;
drop index dossier_event_dossier;
create index dossier_event_dossier on dossier_event (dossier_code, seq, state);
