package vn.lienthong.gateway.connector;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.lienthong.gateway.GatewayTestSupport;
import vn.lienthong.gateway.sandbox.SandboxTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Both authentication styles of the data-sharing platforms, against the sandbox's real token endpoint. */
class ConnectorAuthIT extends GatewayTestSupport {

    @Autowired
    SandboxTokens sandboxTokens;

    @Autowired
    CamelContext camel;

    /** A clock the test moves forward by hand. */
    static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-11-23T08:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private ConnectorAuth oauth2(ManualClock clock, String secret) {
        ConnectorAuth auth = new ConnectorAuth();
        auth.setStyle("oauth2");
        auth.setTokenUrl(url("/sandbox/oauth2/token"));
        auth.setClientId("lienthong-sandbox");
        auth.setClientSecret(secret);
        auth.setClock(clock);
        return auth;
    }

    @Test
    void tokenIsFetchedOnceAndReusedUntilItNearsExpiry() throws Exception {
        ManualClock clock = new ManualClock();
        ConnectorAuth auth = oauth2(clock, "sandbox-secret");
        long issuedBefore = sandboxTokens.issuedCount();

        String first = authorizationAfter(auth);
        for (int i = 0; i < 20; i++) {
            clock.advance(Duration.ofSeconds(100)); // 2,000 s of a 3,600 s token
            assertThat(authorizationAfter(auth)).isEqualTo(first);
        }
        assertThat(auth.tokensFetched()).isEqualTo(1);
        assertThat(sandboxTokens.issuedCount() - issuedBefore).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1_530)); // 3,530 s: more than 60 s left, still reused
        assertThat(authorizationAfter(auth)).isEqualTo(first);
        clock.advance(Duration.ofSeconds(20)); // 3,550 s: less than 60 s left, refreshed before expiry
        String second = authorizationAfter(auth);
        assertThat(second).startsWith("Bearer ").isNotEqualTo(first);
        assertThat(auth.tokensFetched()).isEqualTo(2);
        assertThat(sandboxTokens.issuedCount() - issuedBefore).isEqualTo(2);
    }

    @Test
    void wrongClientSecretIsAnUpstreamRefusalNotAHang() {
        ConnectorAuth auth = oauth2(new ManualClock(), "wrong");
        assertThatThrownBy(() -> auth.process(new DefaultExchange(camel)))
                .isInstanceOf(UpstreamUnavailableException.class);
    }

    @Test
    void customHeaderStyleCarriesBase64JsonTheSandboxAccepts() throws Exception {
        ConnectorAuth auth = new ConnectorAuth();
        auth.setStyle("header");
        auth.setAccessKey("sandbox-access-key");
        auth.setSecretKey("sandbox-secret-key");
        auth.setAppName("lienthong-gateway");
        auth.setPartnerCode("H41");
        auth.setHeaderName("lgspaccesstoken");
        Exchange exchange = new DefaultExchange(camel);
        auth.process(exchange);
        String header = exchange.getMessage().getHeader("lgspaccesstoken", String.class);
        String json = new String(java.util.Base64.getDecoder().decode(header), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(json).contains("\"AccessKey\":\"sandbox-access-key\"", "\"AppName\":\"lienthong-gateway\"", "\"PartnerCode\":\"H41\"");
        assertThat(sandboxTokens.accepts(null, header)).isTrue();
        assertThat(sandboxTokens.accepts(null, java.util.Base64.getEncoder().encodeToString("{\"AccessKey\":\"x\"}".getBytes()))).isFalse();
    }

    @Test
    void theRunningConnectorReusesItsTokenAcrossLookups() throws Exception {
        assertThat(api("/api/v1/citizens/001203012345").statusCode()).isEqualTo(200); // the connector holds a token now
        long issuedBefore = sandboxTokens.issuedCount();
        for (int i = 0; i < 10; i++) {
            assertThat(api("/api/v1/citizens/001203012345").statusCode()).isEqualTo(200);
        }
        assertThat(sandboxTokens.issuedCount()).isEqualTo(issuedBefore);
    }

    private static String authorizationAfter(ConnectorAuth auth) throws Exception {
        Exchange exchange = new DefaultExchange(new org.apache.camel.impl.DefaultCamelContext());
        auth.process(exchange);
        return exchange.getMessage().getHeader("Authorization", String.class);
    }
}
