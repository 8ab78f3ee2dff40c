package vn.lienthong.gateway.security.messagelog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What bounds the cost of recording refusals at the gate: a caller flooding the gateway with bad requests
 * must not be able to fill the database, nor the message log's queue. Per second, each source (a partner,
 * or the address of an unauthenticated caller) has {@code perSource} refusals recorded one by one, and all
 * sources together {@code perSecond}; the others are counted, per source and code, and {@link #drain() drained}
 * as summaries (one record each) at the summary interval. At most {@code maxSources} sources are told apart;
 * beyond, refusals count under {@value #OTHERS}. So the records written stay below
 * {@code perSecond + (maxSources + 1) * codes / summary interval} whatever arrives. Thread-safe (one lock;
 * a few map operations per refusal).
 */
public final class RefusalThrottle {

    /** The source that stands for every source beyond {@code maxSources}. */
    public static final String OTHERS = "others";

    /** Refusals counted and not recorded one by one, of one source and code. */
    public record Suppressed(String source, String code, int httpStatus, String service, long count, long firstMillis, long lastMillis) {
    }

    private final int perSource;
    private final int perSecond;
    private final int maxSources;
    private final Map<String, Source> sources = new HashMap<>();
    private long second = Long.MIN_VALUE;
    private int recordedThisSecond;

    public RefusalThrottle(int perSource, int perSecond, int maxSources) {
        if (perSource < 0 || perSecond < 0 || maxSources < 1) {
            throw new IllegalArgumentException("refusal throttle: per-source and per-second must be 0 or more, max-sources at least 1");
        }
        this.perSource = perSource;
        this.perSecond = perSecond;
        this.maxSources = maxSources;
    }

    /** True when this refusal is to be recorded on its own; false when it was counted for a summary instead. */
    public synchronized boolean admit(String source, String code, int httpStatus, String service, long nowMillis) {
        long now = Math.floorDiv(nowMillis, 1000);
        if (now != second) {
            second = now;
            recordedThisSecond = 0;
            for (Iterator<Source> it = sources.values().iterator(); it.hasNext(); ) {
                Source s = it.next();
                s.recorded = 0;
                if (s.suppressed.isEmpty()) {
                    it.remove();
                }
            }
        }
        Source s = source(source);
        if (s.recorded < perSource && recordedThisSecond < perSecond) {
            s.recorded++;
            recordedThisSecond++;
            return true;
        }
        s.count(code, httpStatus, service, nowMillis);
        return false;
    }

    /** Counts a refusal that could not be recorded on its own after all (the message log's queue was full). */
    public synchronized void suppress(String source, String code, int httpStatus, String service, long nowMillis) {
        source(source).count(code, httpStatus, service, nowMillis);
    }

    /** The counts since the last drain, and forgets them. */
    public synchronized List<Suppressed> drain() {
        List<Suppressed> drained = new ArrayList<>();
        sources.forEach((name, s) -> {
            s.suppressed.values().forEach(c -> drained.add(new Suppressed(name, c.code, c.httpStatus, c.service, c.count, c.first, c.last)));
            s.suppressed.clear();
        });
        return drained;
    }

    private Source source(String name) {
        Source s = sources.get(name);
        if (s == null) {
            String key = sources.size() >= maxSources ? OTHERS : name;
            s = sources.computeIfAbsent(key, k -> new Source());
        }
        return s;
    }

    private static final class Source {
        int recorded;
        final Map<String, Count> suppressed = new LinkedHashMap<>();

        void count(String code, int httpStatus, String service, long now) {
            Count c = suppressed.computeIfAbsent(code, k -> new Count(code, httpStatus, service, now));
            c.count++;
            c.last = now;
            if (!c.service.equals(service)) {
                c.service = "(various)";
            }
        }
    }

    private static final class Count {
        final String code;
        final int httpStatus;
        String service;
        final long first;
        long last;
        long count;

        Count(String code, int httpStatus, String service, long first) {
            this.code = code;
            this.httpStatus = httpStatus;
            this.service = service;
            this.first = first;
        }
    }
}
