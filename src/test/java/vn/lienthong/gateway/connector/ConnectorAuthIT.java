package vn.lienthong.gateway.connector;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.lienthong.gateway.GatewayTestSupport;
import vn.lienthong.gateway.sandbox.SandboxTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The authentication styles of the data-sharing platforms, against the sandbox's real token endpoint
 * and the population simulator over HTTP (which checks each style's token or headers).
 */
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

    private static ConnectorAuth ndxp(Clock clock, String secretKey, String apiKey) {
        ConnectorAuth auth = new ConnectorAuth();
        auth.setStyle("ndxp");
        auth.setUserName("lienthong-sandbox");
        auth.setSecretKey(secretKey);
        auth.setSignedPath("/ws");
        auth.setXroadClient("VN/GOV/000.00.00.H41/LIENTHONG");
        auth.setApiKey(apiKey);
        auth.setClock(clock);
        return auth;
    }

    private static ConnectorAuth header(String secretKey) {
        ConnectorAuth auth = new ConnectorAuth();
        auth.setStyle("header");
        auth.setAccessKey("sandbox-access-key");
        auth.setSecretKey(secretKey);
        auth.setAppName("lienthong-gateway");
        auth.setPartnerCode("H41");
        return auth;
    }

    @Test
    void ndxpStyleSendsTimestampSha256BasicXRoadClientAndApiKey() throws Exception {
        ManualClock clock = new ManualClock();
        Exchange exchange = new DefaultExchange(camel);
        ndxp(clock, "sandbox-ndxp-secret", "sandbox-ndxp-api-key").process(exchange);
        var msg = exchange.getMessage();
        String timestamp = Long.toString(clock.millis());
        assertThat(msg.getHeader("Timestamp", String.class)).isEqualTo(timestamp);
        assertThat(msg.getHeader("X-Road-Client", String.class)).isEqualTo("VN/GOV/000.00.00.H41/LIENTHONG");
        assertThat(msg.getHeader("ApiKey", String.class)).isEqualTo("sandbox-ndxp-api-key");
        // Basic userName:sha256hex(signedPath + userName + Timestamp + secretKey), computed here independently
        String digest = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(("/ws" + "lienthong-sandbox" + timestamp + "sandbox-ndxp-secret").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(msg.getHeader("Authorization", String.class)).isEqualTo("Basic " + java.util.Base64.getEncoder()
                .encodeToString(("lienthong-sandbox:" + digest).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void eachStyleIsAcceptedByTheSandboxWithTheRightCredentialsAndRefusedWithWrongOnes() throws Exception {
        Clock now = Clock.systemUTC();
        assertThat(populationCall(oauth2(new ManualClock(), "sandbox-secret"))).isEqualTo(200);
        assertThat(populationCall(header("sandbox-secret-key"))).isEqualTo(200);
        assertThat(populationCall(ndxp(now, "sandbox-ndxp-secret", "sandbox-ndxp-api-key"))).isEqualTo(200);

        assertThat(populationCallWith(Map.of("Authorization", "Bearer not-a-token-the-sandbox-issued"))).isEqualTo(401);
        assertThat(populationCall(header("wrong-secret-key"))).isEqualTo(401);
        assertThat(populationCall(ndxp(now, "wrong-secret", "sandbox-ndxp-api-key"))).isEqualTo(401);
        assertThat(populationCall(ndxp(now, "sandbox-ndxp-secret", "wrong-api-key"))).isEqualTo(401);
        assertThat(populationCall(new ConnectorAuth())).isEqualTo(401);
    }

    @Test
    void anNdxpHeaderOlderThanFiveMinutesIsRefused() throws Exception {
        Clock tenMinutesAgo = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10));
        assertThat(populationCall(ndxp(tenMinutesAgo, "sandbox-ndxp-secret", "sandbox-ndxp-api-key"))).isEqualTo(401);
    }

    private int populationCall(ConnectorAuth auth) throws Exception {
        Exchange exchange = new DefaultExchange(camel);
        auth.process(exchange);
        Map<String, String> headers = new java.util.HashMap<>();
        exchange.getMessage().getHeaders().forEach((k, v) -> headers.put(k, String.valueOf(v)));
        return populationCallWith(headers);
    }

    private int populationCallWith(Map<String, String> headers) throws Exception {
        String soap = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:dan=\"http://dancuquocgia.bca\">"
                + "<soapenv:Body><dan:TraCuuThongTinCongDan><dan:MaYeuCau>auth-style-" + System.nanoTime() + "</dan:MaYeuCau>"
                + "<dan:SoDinhDanh>001203012345</dan:SoDinhDanh></dan:TraCuuThongTinCongDan></soapenv:Body></soapenv:Envelope>";
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("/sandbox/population/ws")))
                .header("Content-Type", "text/xml; charset=UTF-8")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(soap));
        headers.forEach(request::header);
        java.net.http.HttpResponse<String> response = HTTP.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
            assertThat(response.body()).contains("CongdanCollection", "001203012345");
        }
        return response.statusCode();
    }

    private static String authorizationAfter(ConnectorAuth auth) throws Exception {
        Exchange exchange = new DefaultExchange(new org.apache.camel.impl.DefaultCamelContext());
        auth.process(exchange);
        return exchange.getMessage().getHeader("Authorization", String.class);
    }
}
