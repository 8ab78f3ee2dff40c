package vn.lienthong.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real gateway in a JVM of its own (this test JVM's classpath, the project folder as working
 * directory), so that a test can kill it the way a machine or the OOM killer would: SIGKILL, no shutdown
 * hook, nothing flushed or closed. Its output goes to a log file beside its data directory.
 */
public final class GatewayProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final int port;
    private final Path log;

    private GatewayProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the gateway with these arguments (which must set --server.port=port) and returns once it answers. */
    public static GatewayProcess launch(List<String> arguments, int port, Path log) throws Exception {
        return launch(arguments, java.util.Map.of(), port, log);
    }

    /** {@link #launch(List, int, Path)} with these environment variables added to the process's environment. */
    public static GatewayProcess launch(List<String> arguments, java.util.Map<String, String> environment, int port, Path log)
            throws Exception {
        return launch(arguments, environment, port, log, Path.of("."));
    }

    /** {@link #launch(List, java.util.Map, int, Path)} in another working directory (its routes/, connectors/, mappings/, config/). */
    public static GatewayProcess launch(List<String> arguments, java.util.Map<String, String> environment, int port, Path log,
                                        Path workingDirectory) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), GatewayApplication.class.getName()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        GatewayProcess gateway = new GatewayProcess(process, port, log);
        try {
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
                assertThat(process.isAlive()).as("the gateway process died; see " + log).isTrue();
                return HTTP.send(HttpRequest.newBuilder(URI.create(gateway.url("/actuator/health/liveness"))).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            });
        } catch (RuntimeException | Error e) {
            process.destroyForcibly();
            throw e;
        }
        return gateway;
    }

    public String url(String path) {
        return "http://localhost:" + port + path;
    }

    public Path log() {
        return log;
    }

    /** SIGKILL: the process ends at once, in the middle of whatever it was doing. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** A graceful stop (SIGTERM, then SIGKILL if it takes over 30 s). */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
