package vn.lienthong.gateway.validate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.RouteConfigurationsBuilder;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import vn.lienthong.gateway.api.ErrorCatalogue;
import vn.lienthong.gateway.dossier.StatusCodeTable;
import vn.lienthong.gateway.edata.DocumentTypeCatalog;
import vn.lienthong.gateway.files.BrokenFileException;
import vn.lienthong.gateway.files.CamelFiles;
import vn.lienthong.gateway.files.FileProblem;
import vn.lienthong.gateway.files.FileReferences;
import vn.lienthong.gateway.files.MappingFiles;
import vn.lienthong.gateway.registry.IdentifierTypes;
import vn.lienthong.gateway.reuse.ProcedureCatalogue;
import vn.lienthong.gateway.security.partner.PartnerFileException;
import vn.lienthong.gateway.security.partner.PartnerRegistry;

/**
 * Checks a configuration folder as the gateway's start would read it, without starting anything: the mappings
 * (compiled by Saxon, and their golden cases run), the connectors and routes (read by Camel's own routes loader into a
 * context that is never started, with the connectors, mappings and route configurations each route names), the partner
 * files, the document type and procedure catalogues, the dossier status table and the error-code catalogue — each with
 * the loader the gateway itself uses, so that validate and start agree. No broker, database or network.
 */
public final class Validator {

    private static final Pattern REFUSAL = Pattern.compile("refuse\\(\\s*'([^']*)'");
    private static final Pattern IDENTIFIER = Pattern.compile("require\\(\\s*'([^']*)'");
    private static final Pattern LOCATED = Pattern.compile("^(.+?):(\\d+): (.*)$", Pattern.DOTALL);

    private final Path base;
    private final List<FileProblem> problems = new ArrayList<>();
    private int files;

    public Validator(Path base) {
        this.base = base.normalize();
    }

    /** Every problem of every file, in the order checked; empty when all is well. */
    public List<FileProblem> run() throws Exception {
        Path mappings = base.resolve("mappings");
        Set<Path> brokenMappings = new HashSet<>();
        for (Path xsl : MappingFiles.list(mappings)) {
            files++;
            MappingFiles.check(xsl).ifPresent(p -> {
                brokenMappings.add(xsl.toAbsolutePath().normalize());
                problems.add(p);
            });
        }
        for (Path golden : GoldenCases.cases(mappings)) {
            Path xsl = mappings.resolve(golden.getParent().getFileName() + ".xsl").toAbsolutePath().normalize();
            if (!brokenMappings.contains(xsl)) {
                GoldenCases.check(mappings, golden).ifPresent(problems::add);
            }
        }
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.build();
            checkCamelFiles(camel, brokenMappings);
        }
        checkCatalogues(mappings);
        for (Path partners : CamelFiles.list(base.resolve("config"), ".yaml")) {
            if (partners.getFileName().toString().startsWith("partners")) {
                files++;
                try {
                    PartnerRegistry.load(partners, placeholders()::resolveRequiredPlaceholders);
                } catch (PartnerFileException e) {
                    e.problems().forEach(p -> problems.add(located(partners, p)));
                } catch (RuntimeException e) {
                    problems.add(located(partners, e));
                }
            }
        }
        return problems;
    }

    /** How many files were checked. */
    public int files() {
        return files;
    }

    private void checkCamelFiles(CamelContext camel, Set<Path> brokenMappings) {
        Path connectors = base.resolve("connectors");
        Set<String> names = new HashSet<>();
        Set<String> broken = new HashSet<>();
        for (Path kamelet : CamelFiles.list(connectors, CamelFiles.KAMELET_SUFFIX)) {
            files++;
            String name = kamelet.getFileName().toString().replace(CamelFiles.KAMELET_SUFFIX, "");
            names.add(name);
            try {
                CamelFiles.loadKamelet(camel, kamelet);
            } catch (BrokenFileException e) {
                broken.add(name);
                problems.add(e.problem());
            }
        }
        Map<String, Path> routeIds = new HashMap<>();
        Set<String> configurations = new HashSet<>();
        Map<Path, List<RouteDefinition>> routesByFile = new java.util.LinkedHashMap<>();
        for (Path file : CamelFiles.list(base.resolve("routes"), CamelFiles.ROUTE_SUFFIX)) {
            files++;
            try {
                byte[] content = CamelFiles.read(file);
                List<RoutesBuilder> builders = CamelFiles.parse(camel, file, content);
                FileReferences.check(file, new String(content, java.nio.charset.StandardCharsets.UTF_8), base, connectors, names, broken, brokenMappings);
                List<RouteDefinition> routes = new ArrayList<>();
                for (RoutesBuilder builder : builders) {
                    if (builder instanceof RouteConfigurationsBuilder rc) {
                        try {
                            rc.addRouteConfigurationsToCamelContext(camel);
                        } catch (Exception e) {
                            throw new BrokenFileException(FileProblem.of(file.toString(), e));
                        }
                    }
                    if (builder instanceof RouteBuilder rb) {
                        routes.addAll(rb.getRouteCollection().getRoutes());
                    }
                }
                routesByFile.put(file, routes);
            } catch (BrokenFileException e) {
                problems.add(e.problem());
            }
        }
        ((ModelCamelContext) camel).getRouteConfigurationDefinitions().stream()
                .map(RouteConfigurationDefinition::getId).forEach(configurations::add);
        routesByFile.forEach((file, routes) -> {
            Set<String> reported = new HashSet<>();
            for (RouteDefinition route : routes) {
                String id = route.getRouteId();
                if (id != null) {
                    Path other = routeIds.putIfAbsent(id, file);
                    if (other != null) {
                        problems.add(new FileProblem(file.toString(), lineOf(file, id), "route id '" + id + "' is already used in " + other));
                    }
                }
                String wanted = route.getRouteConfigurationId();
                if (wanted != null) {
                    for (String config : wanted.split(",")) {
                        if (!config.isBlank() && !config.contains("*") && !configurations.contains(config.strip()) && reported.add(config.strip())) {
                            problems.add(new FileProblem(file.toString(), lineOf(file, config.strip()),
                                    "routeConfigurationId '" + config.strip() + "' is not defined in any route file"));
                        }
                    }
                }
            }
        });
    }

    private void checkCatalogues(Path mappings) throws IOException {
        Path types = mappings.resolve("document-types.yaml");
        DocumentTypeCatalog catalog = null;
        if (Files.isRegularFile(types)) {
            files++;
            try {
                catalog = DocumentTypeCatalog.load(types);
            } catch (RuntimeException e) {
                problems.add(located(types, e));
            }
        }
        Path procedures = mappings.resolve("procedures.yaml");
        if (Files.isRegularFile(procedures)) {
            files++;
            if (catalog == null) {
                problems.add(new FileProblem(procedures.toString(), 0, "not checked: its document types (" + types + ") do not load"));
            } else {
                try {
                    ProcedureCatalogue.load(procedures, catalog);
                } catch (RuntimeException e) {
                    problems.add(located(procedures, e));
                }
            }
        }
        Path statuses = mappings.resolve("dossier-status-codes.yaml");
        if (Files.isRegularFile(statuses)) {
            files++;
            try {
                StatusCodeTable.load(statuses);
            } catch (RuntimeException e) {
                problems.add(located(statuses, e));
            }
        }
        // the error codes and identifier types, read by the gateway's own loaders, then every name a route's steps use
        Path errorCodes = mappings.resolve("error-codes.yaml");
        ErrorCatalogue catalogue = null;
        if (Files.isRegularFile(errorCodes)) {
            files++;
        }
        try {
            catalogue = new ErrorCatalogue(errorCodes.toString());
        } catch (RuntimeException e) {
            problems.add(located(errorCodes, e));
        }
        Path identifierTypes = mappings.resolve("identifier-types.yaml");
        IdentifierTypes identifiers = null;
        if (Files.isRegularFile(identifierTypes)) {
            files++;
        }
        if (catalogue == null) {
            problems.add(new FileProblem(identifierTypes.toString(), 0, "not checked: the error codes (" + errorCodes + ") do not load"));
        } else {
            try {
                identifiers = new IdentifierTypes(catalogue, identifierTypes.toString());
            } catch (RuntimeException e) {
                problems.add(located(identifierTypes, e));
            }
        }
        checkStepNames(catalogue, identifiers);
    }

    /**
     * Every {@code apiErrors.refuse('CODE')} and {@code identifiers.require('type', ...)} in a route file names a code
     * and a type that exist: a typo would otherwise be a 500 at the first request that takes the step.
     */
    private void checkStepNames(ErrorCatalogue catalogue, IdentifierTypes types) throws IOException {
        for (Path file : CamelFiles.list(base.resolve("routes"), CamelFiles.ROUTE_SUFFIX)) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                Matcher refusal = REFUSAL.matcher(lines.get(i));
                while (catalogue != null && refusal.find()) {
                    if (catalogue.find(refusal.group(1)).isEmpty()) {
                        problems.add(new FileProblem(file.toString(), i + 1, "refuses with code '" + refusal.group(1)
                                + "', which is neither built in nor in mappings/error-codes.yaml"));
                    }
                }
                Matcher identifier = IDENTIFIER.matcher(lines.get(i));
                while (types != null && identifier.find()) {
                    if (!types.isKnown(identifier.group(1))) {
                        problems.add(new FileProblem(file.toString(), i + 1, "validates an identifier of type '" + identifier.group(1)
                                + "', which is neither built in nor in mappings/identifier-types.yaml"));
                    }
                }
            }
        }
    }

    /** A loader's {@code file:line: reason} message taken apart; any other failure is the file's, line 0. */
    static FileProblem located(Path file, RuntimeException e) {
        return located(file, String.valueOf(e.getMessage()));
    }

    static FileProblem located(Path file, String message) {
        Matcher m = LOCATED.matcher(message);
        if (m.matches()) {
            return new FileProblem(m.group(1), Integer.parseInt(m.group(2)), m.group(3));
        }
        String reason = message.startsWith(file.toString()) ? message.substring(file.toString().length()).replaceFirst("^[: ]+", "") : message;
        return new FileProblem(file.toString(), 0, reason);
    }

    /** The first line of the file that contains {@code text} (0 when none does). */
    private static int lineOf(Path file, String text) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(text)) {
                    return i + 1;
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return 0;
    }

    /** Placeholders in the partner files resolved as at start: the environment, system properties, then the defaults. */
    private static StandardEnvironment placeholders() {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addLast(new MapPropertySource("defaults", Map.of("server.port", "8080")));
        return env;
    }

}
