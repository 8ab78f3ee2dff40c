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
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import javax.security.auth.x500.X500Principal;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import vn.lienthong.gateway.yaml.YamlNodes;

/**
 * The partners and services of the gateway, read from one YAML file an integrator edits
 * (gateway.partners.file, {@code config/partners.yaml}). A malformed file stops start-up with the
 * file, the line and the reason. See that file for the format.
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

    /** Reads one partner file, remembering its name for the error messages. */
    private static final class Parser {
        private final String file;
        private final YamlNodes yaml;

        Parser(String file, UnaryOperator<String> placeholders) {
            this.file = file;
            this.yaml = new YamlNodes((line, reason) -> new PartnerFileException(file, line, reason), placeholders);
        }

        PartnerRegistry parse(Path path) {
            Node root = yaml.compose(path, "the partner file");
            if (!(root instanceof MappingNode top)) {
                throw new PartnerFileException(file, root == null ? 1 : YamlNodes.line(root), "expected 'services:' and 'partners:' at the top level");
            }
            Map<String, Node> sections = yaml.fields(top, Set.of("services", "partners"), "expected 'services:' and 'partners:' at the top level");
            ServiceCatalog catalog = readServices(sections.get("services"));
            List<Partner> partners = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            Set<String> keyHashes = new HashSet<>();
            Node partnerList = sections.get("partners");
            if (partnerList != null) {
                for (Node item : yaml.sequence(partnerList, "partners")) {
                    Partner partner = readPartner(item, catalog);
                    if (!ids.add(partner.id())) {
                        throw new PartnerFileException(file, YamlNodes.line(item), "partner id '" + partner.id() + "' appears twice");
                    }
                    for (String hash : partner.apiKeySha256()) {
                        if (!keyHashes.add(hash)) {
                            throw new PartnerFileException(file, YamlNodes.line(item), "an API key hash of partner '" + partner.id() + "' is used by another partner");
                        }
                    }
                    partners.add(partner);
                }
            }
            return new PartnerRegistry(partners, catalog);
        }

        private ServiceCatalog readServices(Node node) {
            if (node == null) {
                throw new PartnerFileException(file, 1, "'services:' is missing: name each service and the operations it covers");
            }
            if (!(node instanceof MappingNode map)) {
                throw new PartnerFileException(file, YamlNodes.line(node), "'services:' must map each service name to a list of operations");
            }
            Map<String, List<String>> operations = new LinkedHashMap<>();
            for (NodeTuple tuple : map.getValue()) {
                String service = yaml.scalar(tuple.getKeyNode(), "service name");
                List<String> ops = new ArrayList<>();
                for (Node op : yaml.sequence(tuple.getValueNode(), "operations of " + service)) {
                    String operation = yaml.scalar(op, "operation");
                    if (!operation.matches("(GET|POST|PUT|PATCH|DELETE) /\\S*")) {
                        throw new PartnerFileException(file, YamlNodes.line(op), "operation '" + operation + "' must be 'METHOD /path' (path patterns may use * and **)");
                    }
                    ops.add(operation);
                }
                operations.put(service, ops);
            }
            return new ServiceCatalog(operations);
        }

        private Partner readPartner(Node node, ServiceCatalog catalog) {
            if (!(node instanceof MappingNode map)) {
                throw new PartnerFileException(file, YamlNodes.line(node), "each partner is a mapping with id, name, services, ...");
            }
            Map<String, Node> f = yaml.fields(map, Set.of("id", "name", "agencyCode", "services", "rateLimit", "credentials"),
                    "each partner is a mapping with id, name, services, ...");
            String id = yaml.required(map, f, "id");
            if (!ID.matcher(id).matches()) {
                throw new PartnerFileException(file, YamlNodes.line(f.get("id")), "partner id '" + id + "' must be lower-case letters, digits, '.', '_' or '-'");
            }
            String name = yaml.required(map, f, "name");
            String agency = f.containsKey("agencyCode") ? yaml.scalar(f.get("agencyCode"), "agencyCode") : "";
            Set<String> granted = new HashSet<>();
            if (f.containsKey("services")) {
                for (Node s : yaml.sequence(f.get("services"), "services")) {
                    String service = yaml.scalar(s, "service");
                    if (!catalog.isKnown(service)) {
                        throw new PartnerFileException(file, YamlNodes.line(s), "service '" + service + "' is not defined under 'services:'");
                    }
                    granted.add(service);
                }
            }
            Partner.RateLimit rate = new Partner.RateLimit(20, 40);
            if (f.containsKey("rateLimit")) {
                Map<String, Node> r = yaml.fields(f.get("rateLimit"), Set.of("perSecond", "burst"), "rateLimit must be a mapping");
                double perSecond = number(r.get("perSecond"), "rateLimit.perSecond");
                int burst = r.containsKey("burst") ? (int) number(r.get("burst"), "rateLimit.burst") : (int) Math.ceil(perSecond);
                if (perSecond <= 0 || burst < 1) {
                    throw new PartnerFileException(file, YamlNodes.line(f.get("rateLimit")), "rateLimit needs perSecond > 0 and burst >= 1");
                }
                rate = new Partner.RateLimit(perSecond, burst);
            }
            List<String> keys = new ArrayList<>();
            List<String> subjects = new ArrayList<>();
            List<Partner.JwtIdentity> jwts = new ArrayList<>();
            if (!f.containsKey("credentials")) {
                throw new PartnerFileException(file, YamlNodes.line(node), "partner '" + id + "' has no credentials (apiKeys, certificates or jwt)");
            }
            Map<String, Node> c = yaml.fields(f.get("credentials"), Set.of("apiKeys", "certificates", "jwt"), "credentials must be a mapping");
            if (c.containsKey("apiKeys")) {
                for (Node k : yaml.sequence(c.get("apiKeys"), "apiKeys")) {
                    Map<String, Node> key = yaml.fields(k, Set.of("sha256", "note"), "apiKeys item must be a mapping");
                    String hash = yaml.scalar(key.get("sha256"), "sha256").toLowerCase(Locale.ROOT);
                    if (!SHA256_HEX.matcher(hash).matches()) {
                        throw new PartnerFileException(file, YamlNodes.line(k), "sha256 must be the 64 hex digits of the key's SHA-256 (never the key itself)");
                    }
                    keys.add(hash);
                }
            }
            if (c.containsKey("certificates")) {
                for (Node s : yaml.sequence(c.get("certificates"), "certificates")) {
                    Map<String, Node> cert = yaml.fields(s, Set.of("subject"), "certificates item must be a mapping");
                    String dn = yaml.scalar(cert.get("subject"), "subject");
                    try {
                        new X500Principal(dn);
                    } catch (IllegalArgumentException e) {
                        throw new PartnerFileException(file, YamlNodes.line(s), "certificate subject '" + dn + "' is not a distinguished name");
                    }
                    subjects.add(dn);
                }
            }
            if (c.containsKey("jwt")) {
                for (Node j : yaml.sequence(c.get("jwt"), "jwt")) {
                    Map<String, Node> jwt = yaml.fields(j, Set.of("issuer", "jwkSetUri", "audience", "subject"), "jwt item must be a mapping");
                    jwts.add(new Partner.JwtIdentity(
                            yaml.scalar(jwt.get("issuer"), "issuer"), yaml.scalar(jwt.get("jwkSetUri"), "jwkSetUri"),
                            yaml.scalar(jwt.get("audience"), "audience"), yaml.scalar(jwt.get("subject"), "subject")));
                }
            }
            if (keys.isEmpty() && subjects.isEmpty() && jwts.isEmpty()) {
                throw new PartnerFileException(file, YamlNodes.line(f.get("credentials")), "partner '" + id + "' has no credentials (apiKeys, certificates or jwt)");
            }
            return new Partner(id, name, agency, Set.copyOf(granted), rate, keys, subjects, jwts);
        }

        private double number(Node node, String what) {
            String value = yaml.scalar(node, what);
            try {
                return Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new PartnerFileException(file, YamlNodes.line(node), what + " must be a number, not '" + value + "'");
            }
        }

    }
}
