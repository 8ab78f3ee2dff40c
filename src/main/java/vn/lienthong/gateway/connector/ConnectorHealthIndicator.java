package vn.lienthong.gateway.connector;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Probes one external system for real: an HTTP GET of its health path. Any answer below 500
 * means the system is reachable; a 5xx, a refused connection or no answer within the probe
 * timeout means it is DOWN. The probe carries no credentials and no personal data.
 */
public class ConnectorHealthIndicator implements HealthIndicator {

    private final ConnectorCatalog.Connector connector;
    private final HttpClient http;
    private final Duration timeout;

    public ConnectorHealthIndicator(ConnectorCatalog.Connector connector, HttpClient http, Duration timeout) {
        this.connector = connector;
        this.http = http;
        this.timeout = timeout;
    }

    @Override
    public Health health() {
        if (connector.baseUrl() == null || connector.baseUrl().isBlank()) {
            return Health.unknown().withDetail("connector", connector.title()).withDetail("reason", "baseUrl is not configured").build();
        }
        String url = connector.baseUrl() + connector.healthPath();
        long started = System.nanoTime();
        try {
            HttpResponse<Void> response = http.send(
                    HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            long millis = (System.nanoTime() - started) / 1_000_000;
            Health.Builder health = response.statusCode() < 500 ? Health.up() : Health.down();
            return health.withDetail("connector", connector.title())
                    .withDetail("url", url)
                    .withDetail("httpStatus", response.statusCode())
                    .withDetail("latencyMs", millis)
                    .build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down().withDetail("connector", connector.title()).withDetail("url", url).withDetail("error", "interrupted").build();
        } catch (Exception e) {
            return Health.down().withDetail("connector", connector.title()).withDetail("url", url)
                    .withDetail("error", e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()))
                    .build();
        }
    }
}
