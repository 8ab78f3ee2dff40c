package vn.lienthong.gateway.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Development only ({@code gateway.files.reload.enabled=true}, off by default and in prod): looks at the route files
 * and mappings every {@code gateway.files.reload.interval} and hands each edited, new or deleted one to
 * {@link RouteFiles}, which replaces that file alone and keeps the previous version when the edit does not load.
 * Polls modification time and size rather than using a file-system watch: editors that save by renaming, network and
 * container-mounted folders are seen the same way.
 */
public class RouteReloader implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(RouteReloader.class);

    private record Stamp(long modified, long size) {
    }

    private final RouteFiles files;
    private final Path routes;
    private final Path mappings;
    private final Duration interval;
    private final Map<Path, Stamp> seen = new HashMap<>();
    private volatile boolean running;
    private Thread thread;

    RouteReloader(RouteFiles files, Path routes, Path mappings, Duration interval) {
        this.files = files;
        this.routes = routes;
        this.mappings = mappings;
        this.interval = interval;
    }

    @Override
    public void start() {
        scan(routes, CamelFiles.ROUTE_SUFFIX);
        scan(mappings, ".xsl");
        running = true;
        thread = new Thread(this::run, "route-file-reload");
        thread.setDaemon(true);
        thread.start();
        LOG.warn("Reload of edited files is on (gateway.files.reload.enabled): {} and {} are watched; never in production", routes, mappings);
    }

    private void run() {
        while (running) {
            try {
                Thread.sleep(interval.toMillis());
                for (Path file : scan(routes, CamelFiles.ROUTE_SUFFIX)) {
                    files.reload(file);
                }
                for (Path file : scan(mappings, ".xsl")) {
                    if (Files.exists(file)) {
                        files.mappingChanged(file);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("Reload of edited files failed: {}", FileProblem.reason(e));
            }
        }
    }

    /** The files of the folder changed, added or deleted since the last scan. */
    private List<Path> scan(Path folder, String suffix) {
        Set<Path> changed = new HashSet<>();
        Set<Path> present = new HashSet<>();
        if (Files.isDirectory(folder)) {
            try (Stream<Path> list = Files.list(folder)) {
                for (Path file : list.filter(f -> f.getFileName().toString().endsWith(suffix)).toList()) {
                    present.add(file);
                    Stamp stamp = new Stamp(Files.getLastModifiedTime(file).toMillis(), Files.size(file));
                    if (!stamp.equals(seen.put(file, stamp))) {
                        changed.add(file);
                    }
                }
            } catch (IOException e) {
                LOG.warn("Cannot look at {}: {}", folder, e.getMessage());
                return List.of();
            }
        }
        for (Path file : Set.copyOf(seen.keySet())) {
            if (file.startsWith(folder) && file.getFileName().toString().endsWith(suffix) && !present.contains(file)) {
                seen.remove(file);
                changed.add(file);
            }
        }
        return changed.stream().sorted().toList();
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Started by {@link FilesConfiguration.FilesStartup} once the files are loaded, not before. */
    @Override
    public boolean isAutoStartup() {
        return false;
    }

    /** Stopped before Camel's routes. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 200;
    }
}
