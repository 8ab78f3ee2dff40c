package vn.lienthong.gateway.axis;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The province's place on the national document axis ({@code gateway.axis.*}).
 *
 * @param provinceAgencies the agency codes this gateway sends for and receives for (e.g. 000.00.12.H41)
 * @param deliveries       per agency code, the Camel endpoint a received package is delivered to
 *                         (configuration only, never from a message); default {@code jms:queue:axis.inbox.<code>}
 * @param directoryTtl     how long the agency directory fetched from the axis is trusted before it is fetched again
 * @param maxAttachmentBytes the largest attachment accepted in a send request (decoded)
 * @param claimLease       how long an instance that claimed a received package may take to deliver and
 *                         acknowledge it before another instance (or this one after a crash) takes it over
 */
@ConfigurationProperties("gateway.axis")
public record AxisProperties(
        List<String> provinceAgencies,
        Map<String, String> deliveries,
        @DefaultValue("10m") Duration directoryTtl,
        @DefaultValue("10485760") long maxAttachmentBytes,
        @DefaultValue("2m") Duration claimLease) {

    public AxisProperties {
        provinceAgencies = provinceAgencies == null ? List.of() : List.copyOf(provinceAgencies);
        deliveries = deliveries == null ? Map.of() : Map.copyOf(deliveries);
    }

    public boolean isProvinceAgency(String code) {
        return provinceAgencies.contains(code);
    }

    /** Where a package for this province agency is delivered. */
    public String deliveryFor(String code) {
        String configured = deliveries.get(code);
        return configured != null && !configured.isBlank() ? configured : "jms:queue:axis.inbox." + code;
    }
}
