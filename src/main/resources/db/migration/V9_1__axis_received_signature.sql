-- Issue 16: how each received edXML package was signed, and what its sender wrote differently from the standard
-- and was accepted (e.g. SIGNATURE_WITHOUT_XMLDSIG_NAMESPACE, LEADING_BYTES_BEFORE_XML, UNSIGNED), per package.
alter table axis_received add column signature_algorithm varchar(100);
alter table axis_received add column quirks varchar(1000);
