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

    /** The pending record of this exchange, removed from it so it is written once; null when there is none. */
    static AnswerRecord take(org.apache.camel.Exchange exchange) {
        Object value = exchange.removeProperty(PROPERTY);
        return value instanceof AnswerRecord record ? record : null;
    }
}
