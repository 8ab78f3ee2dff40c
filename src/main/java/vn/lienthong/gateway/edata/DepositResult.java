package vn.lienthong.gateway.edata;

/**
 * The outcome of a deposit.
 *
 * @param created false when the same owner, type, number and content were already stored: the
 *                existing document is returned and nothing new is written (a retry is harmless)
 */
public record DepositResult(StoredDocument document, boolean created) {
}
