package vn.lienthong.gateway.edata;

/**
 * Who reads or uses a document and why, recorded with every read attempt and every use in a reuse
 * check so that an owner can see it (as the EU once-only system records an evidence request).
 *
 * @param requester       the requesting partner's id (the agency)
 * @param purpose         why, in words the owner will read
 * @param dossierCode     the dossier the read serves, when any
 * @param explicitRequest true when the owner explicitly asked for this document to be used
 * @param officer         the officer at the partner who asked, when known (reuse checks name them)
 * @param procedureCode   the procedure the use serves, when known
 * @param requestId       the request's correlation id, when known
 */
public record ReadContext(String requester, String purpose, String dossierCode, boolean explicitRequest, String officer,
                          String procedureCode, String requestId) {

    public ReadContext(String requester, String purpose, String dossierCode, boolean explicitRequest) {
        this(requester, purpose, dossierCode, explicitRequest, null, null, null);
    }
}
