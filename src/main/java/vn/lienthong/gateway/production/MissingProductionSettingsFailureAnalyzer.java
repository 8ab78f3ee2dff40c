package vn.lienthong.gateway.production;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints a refused production start-up as Spring Boot's short report: what is missing, where to set it. */
public class MissingProductionSettingsFailureAnalyzer extends AbstractFailureAnalyzer<MissingProductionSettingsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingProductionSettingsException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Set each one in the environment (the variable in brackets), in a file under /run/secrets"
                        + " (docker/compose.yaml mounts them), or in an application-prod.yaml beside the jar."
                        + " See README, \"Production\".",
                cause);
    }
}
