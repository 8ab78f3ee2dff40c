package vn.lienthong.gateway.dossier;

/**
 * Where a dossier event stands. RECEIVED: written, not yet on the queue (the partner was not yet told
 * "accepted"); QUEUED: on the persistent queue, delivery pending; DELIVERED: the portal confirmed it;
 * FAILED: dead-lettered after the configured attempts, with the reason; HELD: waiting because an
 * earlier event of the same dossier is not delivered (released in order once it is, or once that one is SKIPPED);
 * SKIPPED: a FAILED event an operator chose not to deliver, with who and why (it holds nothing back any more).
 */
public enum EventState { RECEIVED, QUEUED, DELIVERED, FAILED, HELD, SKIPPED }
