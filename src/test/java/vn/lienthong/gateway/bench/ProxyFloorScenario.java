package vn.lienthong.gateway.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import vn.lienthong.gateway.sandbox.Person;

/**
 * The ceiling of any gateway on this machine, measured rather than argued. The "floor" target is the
 * thinnest pass-through that can stand between a client and the population registry: the JDK's own
 * HTTP server on loopback, which takes {@code GET /citizens/{id}}, sends the registry the same SOAP
 * request as the direct baseline with the JDK's HTTP client, and returns the registry's answer as it
 * came. No authentication, no rate limit, no Camel, no mapping, no log, no circuit breaker.
 *
 * <p>Its ratio to direct is what the gateway's {@code citizen-lookup} ratio is bounded by while the
 * load generator, the gateway and the simulator share one JVM and two cores: every request through
 * any gateway costs the direct request plus one more HTTP exchange in and out. Read the two
 * scenarios together: {@code floor/direct} is the best any gateway could score here,
 * {@code gateway/direct} what this one scores, and {@code gateway/floor} what the gateway's own
 * features (security, routing, mapping, logs) cost.
 */
final class ProxyFloorScenario {

    static final String NAME = "proxy-floor";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private ProxyFloorScenario() {
    }

    static Scenario create(BenchEnvironment env) throws IOException, InterruptedException {
        Target direct = CitizenLookupScenario.create(env).direct();
        String authorization = "Bearer " + CitizenLookupScenario.fetchToken(env);
        URI registry = env.uri("/sandbox/population/ws");
        HttpClient upstream = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
        AtomicLong requests = new AtomicLong();

        // without it the JDK server leaves Nagle's algorithm on: an answer written as headers then body
        // waits for the client's delayed ACK (~40 ms) under load, which would understate the floor
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        // one thread per connection the load generator may open (as Tomcat's pool does for the gateway);
        // daemon threads: the benchmark's exit stops the server
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "proxy-floor");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/citizens/", exchange -> forward(exchange, upstream, HttpRequest.newBuilder(registry)
                .timeout(TIMEOUT)
                .header("Content-Type", "text/xml; charset=UTF-8")
                .header("SOAPAction", "\"\"")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(CitizenLookupScenario.soapRequest("floor-" + requests.incrementAndGet(),
                        exchange.getRequestURI().getPath().substring("/citizens/".length())), StandardCharsets.UTF_8))
                .build()));
        server.start();

        URI floor = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/citizens/");
        String[] ids = CitizenLookupScenario.people(env).stream().map(Person::personalId).toArray(String[]::new);
        Target target = new Target("floor", seq -> HttpRequest.newBuilder(floor.resolve(ids[(int) (seq % ids.length)]))
                .timeout(TIMEOUT)
                .GET()
                .build(),
                Target.ok200Containing("<ns1:CongDan>"));
        return new Scenario(NAME, direct, target);
    }

    /** Sends the registry request and copies its status and body back; a failed call answers 502. */
    private static void forward(HttpExchange exchange, HttpClient upstream, HttpRequest request) throws IOException {
        try (exchange) {
            int status;
            byte[] body;
            try {
                HttpResponse<byte[]> answer = upstream.send(request, HttpResponse.BodyHandlers.ofByteArray());
                status = answer.statusCode();
                body = answer.body();
            } catch (IOException e) {
                status = 502;
                body = e.toString().getBytes(StandardCharsets.UTF_8);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                status = 502;
                body = "interrupted".getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().set("Content-Type", "text/xml; charset=UTF-8");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
