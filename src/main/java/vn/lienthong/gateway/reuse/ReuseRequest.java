package vn.lienthong.gateway.reuse;

import vn.lienthong.gateway.edata.OwnerType;

/**
 * One reuse check: for which procedure and applicant, asked by whom and why.
 *
 * @param requester       the officer or system at the partner who asks (recorded with the partner)
 * @param purpose         why (recorded in the access log)
 * @param explicitRequest the applicant explicitly asked for their papers to be fetched (EU once-only: explicit request)
 * @param requestId       the correlation id, carried into every registry call's message-log record
 * @param agency          the partner that asks (its id in the partner file), recorded in the owner's access log
 * @param dossierCode     the dossier the check serves, when the partner says (recorded in the owner's access log)
 */
public record ReuseRequest(String procedureCode, OwnerType applicantType, String applicantId, String requester, String purpose,
                           boolean explicitRequest, String requestId, String agency, String dossierCode) {
}
