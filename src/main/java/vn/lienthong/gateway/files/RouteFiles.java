package vn.lienthong.gateway.files;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.FailedToCreateRouteException;
import org.apache.camel.FailedToStartRouteException;
import org.apache.camel.RouteConfigurationsBuilder;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.xslt.XsltEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lienthong.gateway.connector.KameletEndpoints;

/**
 * Loads the integrator's files into the running Camel context one file at a time, so that a broken file breaks only
 * itself: every mapping is compiled and every connector loaded first; then each route file is parsed, checked against
 * the connectors and mappings it names, and started on its own. A file that fails is reported in one log line
 * ({@code file:line: reason}), left out (any route of it that had started is removed again), and listed by
 * {@link #problems()} for the health entry {@code files} and the console's JMX bean; the other files start and serve.
 * <p>
 * With reload on ({@link RouteReloader}), an edited route file replaces only its own routes, and an edit that does not
 * load puts the previous version back; an edited mapping is compiled first, and only a mapping that compiles replaces
 * the one the routes have cached.
 */
public class RouteFiles {

    private static final Logger LOG = LoggerFactory.getLogger(RouteFiles.class);

    /** A route file that runs: the content that runs, the routes it made, the routes it declares. */
    private record Loaded(byte[] content, Set<String> routeIds, Set<String> ownRouteIds) {
    }

    private final CamelContext camel;
    private final Path routes;
    private final Path connectors;
    private final Path mappings;
    private final Map<String, FileProblem> problems = Collections.synchronizedMap(new TreeMap<>());
    private final Map<String, Loaded> loaded = new LinkedHashMap<>();
    private final Set<Path> brokenMappings = new HashSet<>();
    private final Set<String> brokenConnectors = new HashSet<>();
    private final Set<String> connectorNames = new HashSet<>();

    public RouteFiles(CamelContext camel, Path routes, Path connectors, Path mappings) {
        this.camel = camel;
        this.routes = routes;
        this.connectors = connectors;
        this.mappings = mappings;
    }

    /** Compiles the mappings, loads the connectors, then starts each route file on its own. */
    public void loadAll() {
        // Kamelet routes are made one at a time: see KameletEndpoints
        synchronized (KameletEndpoints.LOCK) {
            loadAllFiles();
        }
    }

    private synchronized void loadAllFiles() {
        for (Path xsl : MappingFiles.list(mappings)) {
            MappingFiles.check(xsl).ifPresent(problem -> {
                brokenMappings.add(FileReferences.normalise(xsl.toString()));
                report(problem);
            });
        }
        for (Path kamelet : CamelFiles.list(connectors, CamelFiles.KAMELET_SUFFIX)) {
            String name = kamelet.getFileName().toString();
            name = name.substring(0, name.length() - CamelFiles.KAMELET_SUFFIX.length());
            connectorNames.add(name);
            try {
                CamelFiles.loadKamelet(camel, kamelet);
            } catch (BrokenFileException e) {
                brokenConnectors.add(name);
                report(e.problem());
            }
        }
        Map<Path, List<RoutesBuilder>> parsed = new LinkedHashMap<>();
        Map<Path, byte[]> contents = new LinkedHashMap<>();
        for (Path file : CamelFiles.list(routes, CamelFiles.ROUTE_SUFFIX)) {
            try {
                byte[] content = CamelFiles.read(file);
                parsed.put(file, parseChecked(file, content));
                contents.put(file, content);
            } catch (BrokenFileException e) {
                report(e.problem());
            }
        }
        // route configurations (routeConfigurationId) first, whichever file holds them, as Camel's own loader does
        for (var it = parsed.entrySet().iterator(); it.hasNext(); ) {
            var entry = it.next();
            try {
                addConfigurations(entry.getValue());
            } catch (Exception e) {
                report(FileProblem.of(entry.getKey().toString(), e));
                it.remove();
            }
        }
        for (var entry : parsed.entrySet()) {
            try {
                loaded.put(entry.getKey().toString(), start(entry.getKey(), contents.get(entry.getKey()), entry.getValue()));
            } catch (BrokenFileException e) {
                report(e.problem());
            }
        }
        LOG.info("Loaded {} route file(s) from {}; {} file(s) left out", loaded.size(), routes, problems.size());
    }

    /**
     * An edited (or new) route file: its routes alone are replaced. If the new version does not load, the previous one
     * is put back and keeps serving, and the problem is reported.
     */
    public void reload(Path file) {
        synchronized (KameletEndpoints.LOCK) {
            reloadFile(file);
        }
    }

    private synchronized void reloadFile(Path file) {
        String name = file.toString();
        if (!Files.exists(file)) {
            Loaded old = loaded.remove(name);
            if (old != null) {
                remove(old.routeIds());
                LOG.info("{}: removed with its routes {}", name, old.ownRouteIds());
            }
            problems.remove(name);
            return;
        }
        byte[] content;
        List<RoutesBuilder> builders;
        try {
            content = CamelFiles.read(file);
            Loaded old = loaded.get(name);
            if (old != null && Arrays.equals(old.content(), content)) {
                return;
            }
            builders = parseChecked(file, content);
        } catch (BrokenFileException e) {
            report(e.problem(), loaded.containsKey(name));
            return;
        }
        Loaded old = loaded.remove(name);
        if (old != null) {
            remove(old.routeIds());
        }
        try {
            updateConfigurations(builders);
            loaded.put(name, start(file, content, builders));
            problems.remove(name);
            LOG.info("{}: reloaded, routes {}", name, loaded.get(name).ownRouteIds());
        } catch (Exception e) {
            FileProblem problem = e instanceof BrokenFileException broken ? broken.problem() : FileProblem.of(name, e);
            if (old != null) {
                try {
                    List<RoutesBuilder> previous = CamelFiles.parse(camel, file, old.content());
                    updateConfigurations(previous);
                    loaded.put(name, start(file, old.content(), previous));
                } catch (Exception again) {
                    LOG.error("{}: the previous version could not be put back either: {}", name, FileProblem.reason(again));
                }
            }
            report(problem, old != null && loaded.containsKey(name));
        }
    }

    /**
     * An edited mapping: compiled first; only a mapping that compiles replaces the stylesheet the routes' xslt steps
     * have cached (a broken edit leaves the previous one running, reported). Route files left out for want of it are
     * tried again.
     */
    public synchronized void mappingChanged(Path xsl) {
        Path key = FileReferences.normalise(xsl.toString());
        var problem = MappingFiles.check(xsl);
        if (problem.isPresent()) {
            brokenMappings.add(key);
            report(problem.get(), true);
            return;
        }
        brokenMappings.remove(key);
        problems.remove(xsl.toString());
        for (Endpoint endpoint : camel.getEndpoints()) {
            if (endpoint instanceof XsltEndpoint xslt && xslt.getResourceUri() != null
                    && FileReferences.normalise(xslt.getResourceUri().replaceFirst("^file:", "")).equals(key)) {
                xslt.clearCachedStylesheet();
            }
        }
        LOG.info("{}: reloaded", xsl);
        for (String routeFile : new ArrayList<>(problems.keySet())) {
            if (routeFile.endsWith(CamelFiles.ROUTE_SUFFIX) && !loaded.containsKey(routeFile)) {
                reload(Path.of(routeFile));
            }
        }
    }

    /** Every broken file, by name, as {@code file:line: reason}. */
    public Map<String, FileProblem> problems() {
        synchronized (problems) {
            return new TreeMap<>(problems);
        }
    }

    /** The routes a loaded file declares that are no longer in the context (removed by hand, or by anything else). */
    public synchronized Map<String, Set<String>> goneRoutes() {
        Map<String, Set<String>> gone = new TreeMap<>();
        loaded.forEach((file, l) -> {
            Set<String> missing = l.ownRouteIds().stream().filter(id -> camel.getRoute(id) == null)
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            if (!missing.isEmpty()) {
                gone.put(file, missing);
            }
        });
        return gone;
    }

    /** The route files that run, with the routes each declares. */
    public synchronized Map<String, Set<String>> loadedFiles() {
        Map<String, Set<String>> files = new TreeMap<>();
        loaded.forEach((file, l) -> files.put(file, l.ownRouteIds()));
        return files;
    }

    private List<RoutesBuilder> parseChecked(Path file, byte[] content) {
        List<RoutesBuilder> builders = CamelFiles.parse(camel, file, content);
        FileReferences.check(file, new String(content, java.nio.charset.StandardCharsets.UTF_8), Path.of(""), connectors, connectorNames,
                brokenConnectors, brokenMappings);
        return builders;
    }

    private void addConfigurations(List<RoutesBuilder> builders) throws Exception {
        for (RoutesBuilder builder : builders) {
            if (builder instanceof RouteConfigurationsBuilder configurations) {
                configurations.addRouteConfigurationsToCamelContext(camel);
            }
        }
    }

    private void updateConfigurations(List<RoutesBuilder> builders) throws Exception {
        for (RoutesBuilder builder : builders) {
            if (builder instanceof RouteConfigurationsBuilder configurations) {
                configurations.updateRouteConfigurationsToCamelContext(camel);
            }
        }
    }

    /** Adds and starts the file's routes; on failure removes whatever of them had started, and says why. */
    private Loaded start(Path file, byte[] content, List<RoutesBuilder> builders) {
        Set<String> before = routeIds();
        try {
            for (RoutesBuilder builder : builders) {
                builder.addRoutesToCamelContext(camel);
            }
            for (RoutesBuilder builder : builders) {
                camel.addTemplatedRoutes(builder);
            }
        } catch (Exception e) {
            Set<String> added = routeIds();
            added.removeAll(before);
            remove(added);
            FileProblem problem = FileProblem.of(file.toString(), e);
            throw new BrokenFileException(problem.line() > 0 ? problem : new FileProblem(problem.file(), lineOfFailedRoute(content, e), problem.reason()));
        }
        Set<String> added = routeIds();
        added.removeAll(before);
        Set<String> own = new LinkedHashSet<>();
        for (String id : added) {
            var route = camel.getRoute(id);
            if (route != null && route.getSourceLocation() != null && route.getSourceLocation().contains(file.toString())) {
                own.add(id);
            }
        }
        return new Loaded(content, added, own);
    }

    /** The line that declares the route Camel could not create or start (0 when it does not say which). */
    private static int lineOfFailedRoute(byte[] content, Throwable failure) {
        String routeId = null;
        for (Throwable t = failure; t != null && routeId == null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof FailedToCreateRouteException created) {
                routeId = created.getRouteId();
            } else if (t instanceof FailedToStartRouteException started) {
                routeId = started.getRouteId();
            }
        }
        if (routeId == null) {
            return 0;
        }
        String[] lines = new String(content, java.nio.charset.StandardCharsets.UTF_8).split("\n", -1);
        java.util.regex.Pattern declaration = java.util.regex.Pattern.compile("^\\s*-?\\s*id:\\s*[\"']?" + java.util.regex.Pattern.quote(routeId) + "[\"']?\\s*$");
        for (int i = 0; i < lines.length; i++) {
            if (declaration.matcher(lines[i]).matches()) {
                return i + 1;
            }
        }
        return 0;
    }

    private void remove(Set<String> ids) {
        for (String id : ids) {
            try {
                if (camel.getRoute(id) != null) {
                    camel.getRouteController().stopRoute(id);
                    camel.removeRoute(id);
                }
            } catch (Exception e) {
                LOG.warn("Route {} could not be removed: {}", id, FileProblem.reason(e));
            }
        }
    }

    private Set<String> routeIds() {
        Set<String> ids = new LinkedHashSet<>();
        camel.getRoutes().forEach(r -> ids.add(r.getRouteId()));
        return ids;
    }

    private void report(FileProblem problem) {
        report(problem, false);
    }

    /** One log line per problem; {@code previousServes}: an edit refused while the previous version keeps running. */
    private void report(FileProblem problem, boolean previousServes) {
        FileProblem before = problems.put(problem.file(), problem);
        if (!problem.equals(before)) {
            if (previousServes) {
                LOG.error("{} (the previous version keeps serving)", problem);
            } else {
                LOG.error("{} (left out; the other files run)", problem);
            }
        }
    }
}
