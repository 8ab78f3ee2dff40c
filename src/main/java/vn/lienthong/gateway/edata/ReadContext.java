package vn.lienthong.gateway.edata;

/**
 * Who reads a document and why, recorded with every read attempt so that an owner can see it
 * (as the EU once-only system records an evidence request).
 *
 * @param requester       the requesting partner's id
 * @param purpose         why, in words the owner will read
 * @param dossierCode     the dossier the read serves, when any
 * @param explicitRequest true when the owner explicitly asked for this document to be used
 */
public record ReadContext(String requester, String purpose, String dossierCode, boolean explicitRequest) {
}
