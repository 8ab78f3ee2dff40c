package vn.lienthong.gateway.connector;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.springframework.stereotype.Component;

/**
 * An HTTP client that never sends a request again on its own. Apache HttpClient 5 re-sends a request once, even a POST,
 * when the server answers 503 or 429: the portal then received a call the gateway never counted (a 503 retried and
 * delivered was reported {@code attempts = 1}). Retries belong to the route, where each one is counted and backed off.
 * Used by a connector's HTTP endpoint as {@code httpClientConfigurer: "#noAutomaticRetries"}.
 */
@Component("noAutomaticRetries")
public class NoAutomaticRetries implements HttpClientConfigurer {

    @Override
    public void configureHttpClient(HttpClientBuilder clientBuilder) {
        clientBuilder.disableAutomaticRetries();
    }
}
