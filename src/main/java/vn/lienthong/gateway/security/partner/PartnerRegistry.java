package vn.lienthong.gateway.security.partner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import javax.security.auth.x500.X500Principal;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import vn.lienthong.gateway.yaml.YamlNodes;

/**
 * The partners and services of the gateway, read from one YAML file an integrator edits
 * (gateway.partners.file, {@code config/partners.yaml}). A malformed file stops start-up with
 * every problem in it, each as {@code file:line: reason}. See that file for the format.
 */
public final class PartnerRegistry {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");

    private final List<Partner> partners;
    private final ServiceCatalog services;
    private final Map<String, Partner> byApiKeyHash = new HashMap<>();
    private final Map<String, Partner> byCertificateSubject = new HashMap<>();
    private final Map<String, Partner> byJwtIdentity = new HashMap<>();

    PartnerRegistry(List<Partner> partners, ServiceCatalog services) {
        this.partners = List.copyOf(partners);
        this.services = services;
        for (Partner p : partners) {
            p.apiKeySha256().forEach(h -> byApiKeyHash.put(h, p));
            p.certificateSubjects().forEach(s -> byCertificateSubject.put(canonicalDn(s), p));
            p.jwtIdentities().forEach(j -> byJwtIdentity.put(j.issuer() + " " + j.subject(), p));
        }
    }

    public List<Partner> partners() {
        return partners;
    }

    public ServiceCatalog services() {
        return services;
    }

    public Optional<Partner> byApiKeyHash(String sha256Hex) {
        return Optional.ofNullable(byApiKeyHash.get(sha256Hex));
    }

    public Optional<Partner> byCertificateSubject(X500Principal subject) {
        return Optional.ofNullable(byCertificateSubject.get(canonicalDn(subject.getName())));
    }

    public Optional<Partner> byJwt(String issuer, String subject) {
        return Optional.ofNullable(byJwtIdentity.get(issuer + " " + subject));
    }

    private static String canonicalDn(String dn) {
        return new X500Principal(dn).getName(X500Principal.CANONICAL);
    }

    public static PartnerRegistry load(Path file) {
        return load(file, UnaryOperator.identity());
    }

    /** Reads the file; {@code ${...}} placeholders in values are resolved by {@code placeholders}. */
    public static PartnerRegistry load(Path file, UnaryOperator<String> placeholders) {
        return new Parser(file.toString(), placeholders).parse(file);
    }

    /**
     * Reads one partner file, remembering its name for the error messages. Every problem is noted and
     * reading goes on with the next item, so that one start reports all of them (a file edited by hand
     * has rarely only one mistake); the file is refused at the end if any was found.
     */
    private static final class Parser {
        private final String file;
        private final YamlNodes yaml;
        private final List<String> problems = new ArrayList<>();

        Parser(String file, UnaryOperator<String> placeholders) {
            this.file = file;
            this.yaml = new YamlNodes((line, reason) -> new PartnerFileException(file, line, reason), placeholders);
        }

        PartnerRegistry parse(Path path) {
            Node root = yaml.compose(path, "the partner file");
            if (!(root instanceof MappingNode top)) {
                throw new PartnerFileException(file, root == null ? 1 : YamlNodes.line(root), "expected 'services:' and 'partners:' at the top level");
            }
            Map<String, Node> sections = fields(top, Set.of("services", "partners"), "expected 'services:' and 'partners:' at the top level", "");
            ServiceCatalog catalog = readServices(sections.get("services"));
            List<Partner> partners = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            Set<String> keyHashes = new HashSet<>();
            Node partnerList = sections.get("partners");
            if (partnerList != null) {
                for (Node item : attempt(() -> yaml.sequence(partnerList, "partners")).orElse(List.of())) {
                    Partner partner = readPartner(item, catalog);
                    if (partner == null) {
                        continue;
                    }
                    if (!ids.add(partner.id())) {
                        problem(item, "partner id '" + partner.id() + "' appears twice");
                    }
                    for (String hash : partner.apiKeySha256()) {
                        if (!keyHashes.add(hash)) {
                            problem(item, "an API key hash of partner '" + partner.id() + "' is used by another partner");
                        }
                    }
                    partners.add(partner);
                }
            }
            if (!problems.isEmpty()) {
                // in the order of the file (a partner's missing part is noted after its other problems)
                problems.sort(java.util.Comparator.comparingInt(p -> Integer.parseInt(p.substring(file.length() + 1, p.indexOf(':', file.length() + 1)))));
                throw new PartnerFileException(problems);
            }
            return new PartnerRegistry(partners, catalog);
        }

        /** Null (after noting why) when there is no usable 'services:' section. */
        private ServiceCatalog readServices(Node node) {
            if (node == null) {
                problems.add(file + ":1: 'services:' is missing: name each service and the operations it covers");
                return null;
            }
            if (!(node instanceof MappingNode map)) {
                problem(node, "'services:' must map each service name to a list of operations");
                return null;
            }
            Map<String, List<String>> operations = new LinkedHashMap<>();
            for (NodeTuple tuple : map.getValue()) {
                Optional<String> service = attempt(() -> yaml.scalar(tuple.getKeyNode(), "service name"));
                List<String> ops = new ArrayList<>();
                for (Node op : attempt(() -> yaml.sequence(tuple.getValueNode(), "operations of " + service.orElse("a service"))).orElse(List.of())) {
                    attempt(() -> yaml.scalar(op, "operation")).ifPresent(operation -> {
                        if (operation.matches("(GET|POST|PUT|PATCH|DELETE) /\\S*")) {
                            ops.add(operation);
                        } else {
                            problem(op, "operation '" + operation + "' must be 'METHOD /path' (path patterns may use * and **)");
                        }
                    });
                }
                service.ifPresent(name -> operations.put(name, ops));
            }
            return new ServiceCatalog(operations);
        }

        /** The partner, or null when it has problems (all of them noted). */
        private Partner readPartner(Node node, ServiceCatalog catalog) {
            int before = problems.size();
            if (!(node instanceof MappingNode map)) {
                problem(node, "each partner is a mapping with id, name, services, ...");
                return null;
            }
            Map<String, Node> f = fields(map, Set.of("id", "name", "agencyCode", "services", "rateLimit", "credentials"),
                    "each partner is a mapping with id, name, services, ...", " (apiKeys, certificates and jwt go under 'credentials:')");
            String id = attempt(() -> yaml.required(map, f, "id")).orElse("?");
            if (!"?".equals(id) && !ID.matcher(id).matches()) {
                problem(f.get("id"), "partner id '" + id + "' must be lower-case letters, digits, '.', '_' or '-'");
            }
            String name = attempt(() -> yaml.required(map, f, "name")).orElse("");
            String agency = f.containsKey("agencyCode") ? attempt(() -> yaml.scalar(f.get("agencyCode"), "agencyCode")).orElse("") : "";
            Set<String> granted = new HashSet<>();
            if (f.containsKey("services")) {
                for (Node s : attempt(() -> yaml.sequence(f.get("services"), "services")).orElse(List.of())) {
                    attempt(() -> yaml.scalar(s, "service")).ifPresent(service -> {
                        if (catalog != null && !catalog.isKnown(service)) {
                            problem(s, "service '" + service + "' is not defined under 'services:'");
                        }
                        granted.add(service);
                    });
                }
            }
            Partner.RateLimit rate = f.containsKey("rateLimit")
                    ? attempt(() -> rateLimit(f.get("rateLimit"))).orElse(null)
                    : new Partner.RateLimit(20, 40);
            List<String> keys = new ArrayList<>();
            List<String> subjects = new ArrayList<>();
            List<Partner.JwtIdentity> jwts = new ArrayList<>();
            if (!f.containsKey("credentials")) {
                problem(node, "partner '" + id + "' has no credentials: add 'credentials:' with apiKeys, certificates or jwt");
                return null;
            }
            int beforeCredentials = problems.size();
            Map<String, Node> c = attempt(() -> fields(f.get("credentials"), Set.of("apiKeys", "certificates", "jwt"), "credentials must be a mapping", ""))
                    .orElse(Map.of());
            if (c.containsKey("apiKeys")) {
                for (Node k : attempt(() -> yaml.sequence(c.get("apiKeys"), "apiKeys")).orElse(List.of())) {
                    attempt(() -> {
                        Map<String, Node> key = yaml.fields(k, Set.of("sha256", "note"), "apiKeys item must be a mapping with sha256 (and note)");
                        String hash = yaml.scalar(key.get("sha256"), "sha256").toLowerCase(Locale.ROOT);
                        if (!SHA256_HEX.matcher(hash).matches()) {
                            throw new PartnerFileException(file, YamlNodes.line(k), "sha256 must be the 64 hex digits of the key's SHA-256 (never the key itself)");
                        }
                        return hash;
                    }).ifPresent(keys::add);
                }
            }
            if (c.containsKey("certificates")) {
                for (Node s : attempt(() -> yaml.sequence(c.get("certificates"), "certificates")).orElse(List.of())) {
                    attempt(() -> {
                        Map<String, Node> cert = yaml.fields(s, Set.of("subject"), "certificates item must be a mapping with subject");
                        String dn = yaml.scalar(cert.get("subject"), "subject");
                        try {
                            new X500Principal(dn);
                        } catch (IllegalArgumentException e) {
                            throw new PartnerFileException(file, YamlNodes.line(s), "certificate subject '" + dn + "' is not a distinguished name");
                        }
                        return dn;
                    }).ifPresent(subjects::add);
                }
            }
            if (c.containsKey("jwt")) {
                for (Node j : attempt(() -> yaml.sequence(c.get("jwt"), "jwt")).orElse(List.of())) {
                    attempt(() -> {
                        Map<String, Node> jwt = yaml.fields(j, Set.of("issuer", "jwkSetUri", "audience", "subject"), "jwt item must be a mapping");
                        return new Partner.JwtIdentity(
                                yaml.scalar(jwt.get("issuer"), "issuer"), yaml.scalar(jwt.get("jwkSetUri"), "jwkSetUri"),
                                yaml.scalar(jwt.get("audience"), "audience"), yaml.scalar(jwt.get("subject"), "subject"));
                    }).ifPresent(jwts::add);
                }
            }
            if (keys.isEmpty() && subjects.isEmpty() && jwts.isEmpty() && problems.size() == beforeCredentials) {
                problem(f.get("credentials"), "partner '" + id + "' has no credentials (apiKeys, certificates or jwt)");
            }
            if (problems.size() > before) {
                return null;
            }
            return new Partner(id, name, agency, Set.copyOf(granted), rate, keys, subjects, jwts);
        }

        private Partner.RateLimit rateLimit(Node node) {
            Map<String, Node> r = yaml.fields(node, Set.of("perSecond", "burst"), "rateLimit must be a mapping");
            double perSecond = number(r.get("perSecond"), "rateLimit.perSecond");
            int burst = r.containsKey("burst") ? (int) number(r.get("burst"), "rateLimit.burst") : (int) Math.ceil(perSecond);
            if (perSecond <= 0 || burst < 1) {
                throw new PartnerFileException(file, YamlNodes.line(node), "rateLimit needs perSecond > 0 and burst >= 1");
            }
            return new Partner.RateLimit(perSecond, burst);
        }

        /**
         * A mapping's fields by name, noting every unknown or repeated one (with {@code hint} after an
         * unknown one) and keeping the others; a node that is not a mapping is a problem thrown at once.
         */
        private Map<String, Node> fields(Node node, Set<String> allowed, String shape, String hint) {
            if (!(node instanceof MappingNode map)) {
                throw new PartnerFileException(file, YamlNodes.line(node), shape);
            }
            Map<String, Node> fields = new LinkedHashMap<>();
            for (NodeTuple tuple : map.getValue()) {
                Optional<String> key = attempt(() -> yaml.scalar(tuple.getKeyNode(), "key"));
                if (key.isEmpty()) {
                    continue;
                }
                if (!allowed.contains(key.get())) {
                    problem(tuple.getKeyNode(), "unknown field '" + key.get() + "' (expected one of " + new TreeSet<>(allowed) + ")"
                            + (Set.of("apiKeys", "certificates", "jwt").contains(key.get()) ? hint : ""));
                } else if (fields.put(key.get(), tuple.getValueNode()) != null) {
                    problem(tuple.getKeyNode(), "field '" + key.get() + "' appears twice");
                }
            }
            return fields;
        }

        private double number(Node node, String what) {
            String value = yaml.scalar(node, what);
            try {
                return Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new PartnerFileException(file, YamlNodes.line(node), what + " must be a number, not '" + value + "'");
            }
        }

        /** The step's value, or empty after noting its problems. */
        private <T> Optional<T> attempt(Supplier<T> step) {
            try {
                return Optional.ofNullable(step.get());
            } catch (PartnerFileException e) {
                problems.addAll(e.problems());
                return Optional.empty();
            }
        }

        private void problem(Node node, String reason) {
            problems.add(file + ":" + YamlNodes.line(node) + ": " + reason);
        }
    }
}
