package vn.lienthong.gateway.security.messagelog;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.lienthong.gateway.GatewayTestSupport;
import vn.lienthong.gateway.crypto.DevelopmentKeys;
import vn.lienthong.gateway.crypto.GatewayKeys;

import static org.assertj.core.api.Assertions.assertThat;

/** The message log in the running gateway: its beans, its development keys, its admin endpoint. */
class MessageLogIT extends GatewayTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    MessageLog messageLog;

    @Autowired
    MessageLogVerifier verifier;

    @Test
    void appendedExchangesVerifyThroughTheAdminEndpoint() throws Exception {
        long first = messageLog.append(MessageLogEntry.inbound("it-" + System.nanoTime()).partner("igate").service("citizen.lookup")
                .requestBody("{}".getBytes(StandardCharsets.UTF_8)).httpStatus(200).build());
        long second = messageLog.append(MessageLogEntry.outbound("it-" + System.nanoTime()).partner("population-registry")
                .service("TraCuuThongTinCongDan").outcome("UPSTREAM_UNAVAILABLE").build());
        assertThat(second).isEqualTo(first + 1);
        assertThat(verifier.verify().ok()).isTrue();

        HttpResponse<String> response = get("/admin/message-log/verify", "Authorization", basic("admin", ADMIN_PASSWORD));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode result = JSON.readTree(response.body());
        assertThat(result.path("ok").asBoolean()).isTrue();
        assertThat(result.path("recordsChecked").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(result.path("message").asText()).startsWith("The message log is intact");
    }

    @Test
    void theVerifyEndpointNeedsALogin() throws Exception {
        assertThat(get("/admin/message-log/verify").statusCode()).isEqualTo(401);
    }

    @Test
    void developmentKeysWereGeneratedInTheDataDirectory() {
        assertThat(DATA_DIR.resolve(GatewayKeys.KEYS_FOLDER).resolve(DevelopmentKeys.CA_FILE)).exists();
        assertThat(Files.exists(DATA_DIR.resolve(GatewayKeys.KEYS_FOLDER).resolve(DevelopmentKeys.KEYSTORE_FILE))).isTrue();
    }
}
