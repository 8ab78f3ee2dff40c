package vn.lienthong.gateway.bench;

import java.net.URI;
import java.net.http.HttpClient;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * What a scenario factory may use: the running gateway's Spring context (to read sandbox data such
 * as the synthetic population), the shared HTTP client and the gateway's base URI
 * ({@code http://localhost:PORT}).
 */
public record BenchEnvironment(ConfigurableApplicationContext context, HttpClient http, URI baseUri) {

    public URI uri(String pathAndQuery) {
        return baseUri.resolve(pathAndQuery);
    }
}
