package vn.lienthong.gateway.api;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A database row about a partner request that must be committed before the partner is answered
 * (the registry look-up access log). A route step leaves it on the exchange under {@link #PROPERTY};
 * the exchange's message-log record ({@code security.ExchangeLog#inbound}) then writes it in the same
 * transaction as that record, so one group commit makes both durable, instead of one commit each.
 * When no message-log record carries it (message log switched off, or its write failed), it is
 * written on its own with {@link #insertAlone(String)}, still before the answer.
 */
public interface AnswerRecord {

    /** Exchange property holding the pending {@code AnswerRecord}, if any. */
    String PROPERTY = "gateway.answerRecord";
    /** Set once the end-of-exchange safety net is registered. */
    String GUARDED = "gateway.answerRecordGuarded";

    /**
     * Inserts the row on {@code connection}, inside a transaction the caller commits or rolls back.
     * Every value must already fit its column, so that the row cannot make a shared batch fail.
     */
    void insert(Connection connection) throws SQLException;

    /**
     * Inserts the row in a transaction of its own, its outcome replaced by {@code outcome} unless that
     * is null (the partner was told something else than the route decided, e.g. the message log failed).
     */
    void insertAlone(String outcome);

    /**
     * Leaves {@code record} on the exchange for its message-log record to commit (replacing one left before).
     * Should nothing take it by the end of the exchange (a route that ends otherwise), it is written then, alone.
     */
    static void leave(org.apache.camel.Exchange exchange, AnswerRecord record) {
        exchange.setProperty(PROPERTY, record);
        if (exchange.getProperty(GUARDED) == null) {
            exchange.setProperty(GUARDED, Boolean.TRUE);
            exchange.getExchangeExtension().addOnCompletion(new org.apache.camel.support.SynchronizationAdapter() {
                @Override
                public void onDone(org.apache.camel.Exchange done) {
                    AnswerRecord left = take(done);
                    if (left != null) {
                        left.insertAlone(null);
                    }
                }
            });
        }
    }

    /** The pending record of this exchange, removed from it so it is written once; null when there is none. */
    static AnswerRecord take(org.apache.camel.Exchange exchange) {
        Object value = exchange.removeProperty(PROPERTY);
        return value instanceof AnswerRecord record ? record : null;
    }
}
