package vn.lienthong.gateway.security.partner;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.util.AntPathMatcher;

/**
 * Named services and the HTTP operations each covers ({@code citizen.lookup: [GET /api/v1/citizens/*]}).
 * An operation no service covers belongs to nobody: it is refused to every partner.
 */
public final class ServiceCatalog {

    private record Operation(String method, String pattern, String service) {
    }

    private final AntPathMatcher paths = new AntPathMatcher();
    private final List<Operation> operations = new ArrayList<>();
    private final Map<String, List<String>> byService;

    ServiceCatalog(Map<String, List<String>> byService) {
        this.byService = Map.copyOf(byService);
        byService.forEach((service, ops) -> ops.forEach(op -> {
            int space = op.indexOf(' ');
            operations.add(new Operation(op.substring(0, space), op.substring(space + 1), service));
        }));
    }

    public boolean isKnown(String service) {
        return byService.containsKey(service);
    }

    /** The service an HTTP request belongs to. */
    public Optional<String> serviceOf(String method, String path) {
        for (Operation op : operations) {
            if (op.method().equalsIgnoreCase(method) && paths.match(op.pattern(), path)) {
                return Optional.of(op.service());
            }
        }
        return Optional.empty();
    }
}
