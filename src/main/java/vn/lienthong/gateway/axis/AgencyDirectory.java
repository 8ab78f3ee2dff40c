package vn.lienthong.gateway.axis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lienthong.gateway.api.ApiException;
import vn.lienthong.gateway.api.ErrorCode;

/**
 * The national agency directory, fetched from the axis and kept for {@code gateway.axis.directory-ttl}.
 * When a refresh fails the directory already held is used (a send must not fail because the axis is
 * briefly down: delivery retries anyway); with nothing held, the caller gets 503.
 */
public class AgencyDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(AgencyDirectory.class);

    private final AxisClient client;
    private final Duration ttl;
    private final Clock clock;
    private volatile Map<String, AxisClient.Agency> agencies = Map.of();
    private volatile Instant fetchedAt = Instant.EPOCH;

    public AgencyDirectory(AxisClient client, Duration ttl, Clock clock) {
        this.client = client;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** The agency with this code; 400 AGENCY_UNKNOWN when the directory does not list it. */
    public AxisClient.Agency require(String code) {
        return find(code).orElseThrow(() -> new ApiException(ErrorCode.AGENCY_UNKNOWN,
                "The national agency directory does not list the agency code '" + clip(code) + "'."));
    }

    public Optional<AxisClient.Agency> find(String code) {
        return Optional.ofNullable(current().get(code));
    }

    public List<AxisClient.Agency> all() {
        return List.copyOf(current().values());
    }

    /** Fetches the directory again now. */
    public synchronized void refresh() {
        Map<String, AxisClient.Agency> fresh = new LinkedHashMap<>();
        for (AxisClient.Agency agency : client.agencies("axis-directory-" + UUID.randomUUID())) {
            fresh.put(agency.code(), agency);
        }
        agencies = Map.copyOf(fresh);
        fetchedAt = clock.instant();
    }

    private Map<String, AxisClient.Agency> current() {
        if (Duration.between(fetchedAt, clock.instant()).compareTo(ttl) >= 0) {
            synchronized (this) {
                if (Duration.between(fetchedAt, clock.instant()).compareTo(ttl) >= 0) {
                    try {
                        refresh();
                    } catch (ApiException e) {
                        if (agencies.isEmpty()) {
                            throw e;
                        }
                        LOG.warn("The agency directory could not be refreshed ({}); using the one fetched at {}", e.getMessage(), fetchedAt);
                    }
                }
            }
        }
        return agencies;
    }

    private static String clip(String value) {
        return value == null ? "" : value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}
