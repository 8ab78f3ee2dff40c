-- Several gateway instances may poll the document axis at once (issue 9): a received package is claimed
-- by one instance at a time. claimed_at is when the current claimant took it; an unfinished claim older
-- than gateway.axis.claim-lease (a crashed instance) is taken over by the next poll of any instance.
alter table axis_received add column claimed_at timestamp(6) with time zone;
update axis_received set claimed_at = received_at;
alter table axis_received alter column claimed_at set not null;
