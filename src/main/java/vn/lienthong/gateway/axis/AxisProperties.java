package vn.lienthong.gateway.axis;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

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
 * @param acceptedSignatureAlgorithms the signature algorithms a received package may be signed with
 *                         (rsa-sha1, rsa-sha256, rsa-sha512); default what the axis uses today: RSA-SHA1 (most senders)
 *                         and RSA-SHA256
 * @param signatureAlgorithm what the gateway signs its packages and status messages with; default (empty): RSA-SHA256
 *                         when the accepted algorithms include it (the axis accepts it), RSA-SHA1 otherwise
 * @param unsignedPackages what is done with a package or status that carries no signature: {@code refuse} (status 02,
 *                         the default) or {@code accept-and-flag} (handled, and flagged as unsigned in the log, the
 *                         message log and the delivery's headers)
 */
@ConfigurationProperties("gateway.axis")
public record AxisProperties(
        List<String> provinceAgencies,
        Map<String, String> deliveries,
        @DefaultValue("10m") Duration directoryTtl,
        @DefaultValue("10485760") long maxAttachmentBytes,
        @DefaultValue("2m") Duration claimLease,
        @DefaultValue({"rsa-sha1", "rsa-sha256"}) List<String> acceptedSignatureAlgorithms,
        @DefaultValue("") String signatureAlgorithm,
        @DefaultValue("refuse") String unsignedPackages) {

    public static final String UNSIGNED_REFUSE = "refuse";
    public static final String UNSIGNED_ACCEPT_AND_FLAG = "accept-and-flag";

    public AxisProperties {
        provinceAgencies = provinceAgencies == null ? List.of() : List.copyOf(provinceAgencies);
        deliveries = deliveries == null ? Map.of() : Map.copyOf(deliveries);
        acceptedSignatureAlgorithms = acceptedSignatureAlgorithms == null || acceptedSignatureAlgorithms.isEmpty()
                ? List.of("rsa-sha1", "rsa-sha256") : List.copyOf(acceptedSignatureAlgorithms);
        acceptedSignatureAlgorithms.forEach(EdXmlSignatures::algorithmUri); // an unknown name fails the start
        signatureAlgorithm = signatureAlgorithm == null ? "" : signatureAlgorithm.strip();
        if (!signatureAlgorithm.isEmpty()) {
            EdXmlSignatures.algorithmUri(signatureAlgorithm);
        }
        unsignedPackages = unsignedPackages == null || unsignedPackages.isBlank() ? UNSIGNED_REFUSE : unsignedPackages.strip();
        if (!UNSIGNED_REFUSE.equals(unsignedPackages) && !UNSIGNED_ACCEPT_AND_FLAG.equals(unsignedPackages)) {
            throw new IllegalArgumentException("gateway.axis.unsigned-packages must be refuse or accept-and-flag, not '" + unsignedPackages + "'");
        }
    }

    /** The XML-DSig URIs of the accepted signature algorithms. */
    public Set<String> acceptedSignatureUris() {
        return acceptedSignatureAlgorithms.stream().map(EdXmlSignatures::algorithmUri).collect(Collectors.toUnmodifiableSet());
    }

    /** The XML-DSig URI the gateway signs with. */
    public String signatureUri() {
        if (!signatureAlgorithm.isEmpty()) {
            return EdXmlSignatures.algorithmUri(signatureAlgorithm);
        }
        return acceptedSignatureUris().contains(EdXmlSignatures.RSA_SHA256) ? EdXmlSignatures.RSA_SHA256 : EdXmlSignatures.RSA_SHA1;
    }

    public boolean acceptsUnsigned() {
        return UNSIGNED_ACCEPT_AND_FLAG.equals(unsignedPackages);
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
