package vn.lienthong.gateway.api;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The correlation ids the gateway gives requests that came without one: UUIDs of version 7 (RFC 9562), whose first 48
 * bits are the time in milliseconds, the rest random. Ids made later sort after those made earlier, as text too, so the
 * database indexes on them (the message log's and the access log's {@code request_id}) grow at their end, as the tables
 * do: a random UUID put every insert on a random page of the index, which each commit then rewrote (on H2, the whole
 * page into the file). A correlation id is not a secret: the random part need not come from a secure source.
 */
public final class RequestIds {

    private RequestIds() {
    }

    public static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        // 48 bits of time, the version (7), 12 random bits | the variant (binary 10), 62 random bits
        long msb = (System.currentTimeMillis() << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }
}
