package vn.lienthong.gateway.files;

import java.nio.file.Path;
import java.time.Duration;

import java.util.function.Consumer;

import org.apache.camel.CamelContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * The integrator's files at run time: routes ({@code gateway.routes-location}), connectors
 * ({@code gateway.connectors-location}) and mappings ({@code gateway.mappings-location}) loaded one file at a time once
 * the Camel context has started ({@link RouteFiles}); the health entry {@code files}; the console's JMX bean; reload of
 * edited files when {@code gateway.files.reload.enabled} is on (development only).
 * <p>
 * {@code gateway.files.when-broken}: {@code isolate} (default) leaves a broken file out and starts the rest;
 * {@code refuse} (the prod profile) stops the start with every problem listed, so that a deployment with a broken file
 * never replaces a gateway that was serving.
 */
@Configuration(proxyBeanMethods = false)
public class FilesConfiguration {

    @Bean
    RouteFiles routeFiles(CamelContext camel,
                          @Value("${gateway.routes-location:routes}") String routes,
                          @Value("${gateway.connectors-location}") String connectors,
                          @Value("${gateway.mappings-location:mappings}") String mappings) {
        return new RouteFiles(camel, Path.of(routes), Path.of(connectors), Path.of(mappings));
    }

    @Bean
    FilesStartup filesStartup(RouteFiles files, @Value("${gateway.files.when-broken:isolate}") String whenBroken,
                              ObjectProvider<RouteReloader> reloader) {
        return new FilesStartup(files, whenBroken, reloader::ifAvailable);
    }

    /** DOWN while any file is broken (each listed by name with its line and reason) or a loaded route is gone. */
    @Bean("files")
    HealthIndicator filesHealth(RouteFiles files) {
        return () -> {
            var problems = files.problems();
            var gone = files.goneRoutes();
            Health.Builder health = problems.isEmpty() && gone.isEmpty() ? Health.up() : Health.down();
            problems.forEach((file, problem) -> health.withDetail(file, problem.toString()));
            gone.forEach((file, routes) -> health.withDetail(file, "routes no longer running: " + routes));
            return health.withDetail("routeFiles", files.loadedFiles().size()).build();
        };
    }

    @Bean
    FilesConsole filesConsole(RouteFiles files) {
        return new FilesConsole(files);
    }

    @Bean
    @ConditionalOnProperty(name = "gateway.files.reload.enabled", havingValue = "true")
    RouteReloader routeReloader(RouteFiles files,
                                @Value("${gateway.routes-location:routes}") String routes,
                                @Value("${gateway.mappings-location:mappings}") String mappings,
                                @Value("${gateway.files.reload.interval:1s}") Duration interval) {
        return new RouteReloader(files, Path.of(routes), Path.of(mappings), interval);
    }

    /** Loads the files once Camel has started, before the gateway reports itself ready. */
    public static final class FilesStartup {
        private final RouteFiles files;
        private final String whenBroken;
        private final Consumer<Consumer<RouteReloader>> reloader;

        public FilesStartup(RouteFiles files, String whenBroken) {
            this(files, whenBroken, start -> { });
        }

        FilesStartup(RouteFiles files, String whenBroken, Consumer<Consumer<RouteReloader>> reloader) {
            if (!whenBroken.equals("isolate") && !whenBroken.equals("refuse")) {
                throw new IllegalArgumentException("gateway.files.when-broken must be isolate or refuse, not '" + whenBroken + "'");
            }
            this.files = files;
            this.whenBroken = whenBroken;
            this.reloader = reloader;
        }

        @EventListener(ApplicationStartedEvent.class)
        public void load() {
            files.loadAll();
            var problems = files.problems();
            if (!problems.isEmpty() && whenBroken.equals("refuse")) {
                throw new IllegalStateException(problems.size() + " broken file(s), and gateway.files.when-broken=refuse: "
                        + String.join("; ", problems.values().stream().map(FileProblem::toString).toList()));
            }
            reloader.accept(RouteReloader::start);
        }
    }
}
