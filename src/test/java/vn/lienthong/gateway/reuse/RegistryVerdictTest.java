package vn.lienthong.gateway.reuse;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import vn.lienthong.gateway.edata.OwnerType;

import static org.assertj.core.api.Assertions.assertThat;

/** What the reuse check takes from a registry's mapping (procedures.yaml, registries: mapping), and what it refuses to guess. */
class RegistryVerdictTest {

    private static final Registry TAX = new Registry("tax-registry", "TAX", "tax-registry-action", "mst={id}", null,
            Path.of("mappings/tax-to-reuse-fact.xsl"), Set.of(OwnerType.ENTERPRISE));

    @Test
    void theThreeVerdictsAMappingMaySay() {
        ReuseCheck.Verdict verified = ReuseCheck.verdict(TAX, "{\"outcome\": \"VERIFIED\", \"facts\": {\"code\": \"0109876543\", \"debt\": 0}}");
        assertThat(verified.outcome()).isEqualTo(ReuseCheck.Outcome.VERIFIED);
        assertThat(verified.facts()).isEqualTo(Map.of("code", "0109876543", "debt", 0));
        assertThat(verified.registry().code()).isEqualTo("TAX");
        ReuseCheck.Verdict revoked = ReuseCheck.verdict(TAX, "{\"outcome\": \"REVOKED\", \"detail\": \"Đã giải thể.\"}");
        assertThat(revoked.outcome()).isEqualTo(ReuseCheck.Outcome.REVOKED);
        assertThat(revoked.detail()).isEqualTo("Đã giải thể.");
        assertThat(ReuseCheck.verdict(TAX, "{\"outcome\": \"NOT_HELD\", \"detail\": \"none\"}").outcome()).isEqualTo(ReuseCheck.Outcome.NOT_HELD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[]", "{}", "{\"outcome\": \"VERIFIED\"}", "{\"outcome\": \"NOT_HELD\"}",
            "{\"outcome\": \"UNAVAILABLE\", \"detail\": \"x\"}", "{\"outcome\": \"MAYBE\", \"facts\": {}}", "{\"outcome\": \"VERIFIED\", \"facts\": [1]}"})
    void aVerdictTheMappingDidNotSayClearlyIsNeverAnOffer(String mapped) {
        ReuseCheck.Verdict verdict = ReuseCheck.verdict(TAX, mapped);
        assertThat(verdict.outcome()).isEqualTo(ReuseCheck.Outcome.UNAVAILABLE);
        assertThat(verdict.detail()).contains("TAX").contains("could not be read");
    }
}
