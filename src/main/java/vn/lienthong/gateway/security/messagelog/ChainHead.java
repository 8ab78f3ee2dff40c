package vn.lienthong.gateway.security.messagelog;

/**
 * The one row of {@code message_log_head}: where the chain ends and how far it is sealed.
 * Appending and sealing lock this row ({@code SELECT ... FOR UPDATE}) for the length of their
 * transaction, which is what serialises them, across threads and across gateway instances sharing
 * one database.
 */
record ChainHead(long lastSeq, String lastHash, long lastSealedSeq, long lastSealNo) {

    long unsealedRecords() {
        return lastSeq - lastSealedSeq;
    }
}
