package vn.lienthong.gateway.edata;

/**
 * Where a document came from: the dossier and procedure it belongs to (when any) and the channel.
 *
 * @param dossierCode   mã hồ sơ, may be null (e.g. a paper digitized outside a dossier)
 * @param procedureCode mã TTHC, may be null
 * @param channel       required
 */
public record Source(String dossierCode, String procedureCode, Channel channel) {
}
