package vn.lienthong.gateway.security.partner;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Prints a start-up stopped by the partner file as Spring Boot's short "APPLICATION FAILED TO START"
 * report: every problem of the file as a {@code file:line: reason} line, no stack trace.
 * Registered in META-INF/spring.factories.
 */
public class PartnerFileFailureAnalyzer extends AbstractFailureAnalyzer<PartnerFileException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PartnerFileException cause) {
        int count = cause.problems().size();
        return new FailureAnalysis(
                "The partner file has " + count + (count == 1 ? " problem" : " problems") + ":\n  "
                        + String.join("\n  ", cause.problems()),
                "Correct the lines above in the file named by gateway.partners.file (environment: GATEWAY_PARTNERS_FILE)."
                        + " The format is described at the top of config/partners.yaml: 'services:' maps each service to its"
                        + " operations; each partner has id, name, services, rateLimit and 'credentials:' with apiKeys"
                        + " (sha256 of the key), certificates (subject) or jwt.",
                cause);
    }
}
