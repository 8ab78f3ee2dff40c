package vn.lienthong.gateway.security;

import javax.management.ObjectName;

import jakarta.servlet.http.HttpServletRequest;
import org.jolokia.server.core.service.api.Restrictor;
import org.jolokia.server.core.util.HttpMethod;
import org.jolokia.server.core.util.RequestType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The console's authorisation of Jolokia requests, decided by Jolokia itself on the request as it parsed
 * it (type, MBean, operation), whatever path, encoding, query parameter or bulk body carried it, and for
 * every path Jolokia answers on ({@code /actuator/jolokia}, {@code /actuator/hawtio/jolokia}).
 * Jolokia's Spring Boot support hands this bean to its servlet (it replaces {@code jolokia-access.xml}).
 * <ul>
 *   <li>read, list, search, version: any console user; the beans of {@link ConsoleOperations#HIDDEN} stay hidden, the
 *       attributes of {@link ConsoleOperations#SECRET_ATTRIBUTES} unread;</li>
 *   <li>exec: only the operations of {@link ConsoleOperations}: read-only ones for viewer and admin, the
 *       others for admin; an operation that acts is refused over GET, so that it always needs the CSRF
 *       token a POST needs;</li>
 *   <li>write (attributes), config, notification: refused;</li>
 *   <li>origin: a browser page of another origin is refused, and no CORS header ever allows one.</li>
 * </ul>
 * The user is the one Spring Security authenticated on this request's thread; without one, nothing is allowed.
 */
public final class ConsoleJolokiaRestrictor implements Restrictor {

    @Override
    public boolean isHttpMethodAllowed(HttpMethod method) {
        return method == HttpMethod.GET || method == HttpMethod.POST;
    }

    @Override
    public boolean isTypeAllowed(RequestType type) {
        if (currentUser() == null) {
            return false;
        }
        return switch (type) {
            case READ, LIST, SEARCH, VERSION, EXEC -> true;
            case WRITE -> {
                ConsoleActionLog.acting(); // refused, and recorded as refused
                yield false;
            }
            default -> false;
        };
    }

    @Override
    public boolean isAttributeReadAllowed(ObjectName name, String attribute) {
        return currentUser() != null && ConsoleOperations.allowsRead(name, attribute);
    }

    @Override
    public boolean isAttributeWriteAllowed(ObjectName name, String attribute) {
        return false;
    }

    @Override
    public boolean isOperationAllowed(ObjectName name, String operation) {
        Authentication user = currentUser();
        if (user == null) {
            return false;
        }
        if (ConsoleOperations.acts(name, operation)) {
            ConsoleActionLog.acting(); // done or refused, it is recorded under the user's name
        }
        if (ConsoleOperations.allows(false, name, operation)) {
            return true;
        }
        // an acting operation over GET could be triggered by a link or an image; a POST needs the CSRF token
        return isAdmin(user) && !"GET".equals(currentMethod()) && ConsoleOperations.allows(true, name, operation);
    }

    @Override
    public boolean isRemoteAccessAllowed(String... hostOrAddress) {
        // who may call at all is Spring Security's decision, made before Jolokia
        return true;
    }

    /**
     * Non-strict: whether to answer with CORS headers allowing this origin (never). Strict: whether a request
     * sent by a page of this origin may be served (only a page of the gateway itself; requests without an
     * origin come from non-browser clients).
     */
    @Override
    public boolean isOriginAllowed(String origin, boolean strictCheck) {
        if (!strictCheck) {
            return false;
        }
        if (origin == null) {
            return true;
        }
        HttpServletRequest request = currentRequest();
        return request != null && CrossSiteRequestFilter.isSameOrigin(request, origin);
    }

    @Override
    public boolean isObjectNameHidden(ObjectName name) {
        return ConsoleOperations.isHidden(name);
    }

    private static Authentication currentUser() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.isAuthenticated() && auth.getAuthorities().stream()
                .anyMatch(a -> "ROLE_viewer".equals(a.getAuthority()) || "ROLE_admin".equals(a.getAuthority())) ? auth : null;
    }

    static boolean isAdmin(Authentication auth) {
        return auth != null && auth.getAuthorities().stream().anyMatch(a -> "ROLE_admin".equals(a.getAuthority()));
    }

    private static HttpServletRequest currentRequest() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        return attributes instanceof ServletRequestAttributes servlet ? servlet.getRequest() : null;
    }

    private static String currentMethod() {
        HttpServletRequest request = currentRequest();
        return request == null ? "GET" : request.getMethod();
    }
}
