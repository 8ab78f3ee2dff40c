package vn.lienthong.gateway.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The console user's session as Hawtio shows it: Hawtio 5's header asks {@value #USER} for the name it shows beside the
 * "Log out" item, and logs out by opening {@value #LOGOUT}. Spring Security is the console's only login (Hawtio's own,
 * JAAS-based, is off), so both are answered here from Spring Security's user: the name, and a logout that ends the
 * session and its CSRF token and returns to the login form.
 * <p>
 * After login, the browser returns to the console page it asked for, else to the console: never to a saved request for
 * an icon or a script (which ended on a "Whitelabel" 404).
 */
final class ConsoleSession extends OncePerRequestFilter {

    static final String USER = "/actuator/hawtio/user";
    static final String LOGOUT = "/actuator/hawtio/auth/logout";
    static final String CONSOLE = "/actuator/hawtio/";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Hawtio's logout (a GET, as its menu opens it) and the login form's own (POST /logout, with the CSRF token), of a
     * signed-in user; without one, the path is like any other of the console (401).
     */
    static final RequestMatcher LOGOUT_REQUEST = request -> {
        String path = GatewaySecurityConfiguration.decodedPath(request);
        boolean signedIn = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication() != null;
        return signedIn && ((LOGOUT.equals(path) && HttpMethod.GET.matches(request.getMethod()))
                || ("/logout".equals(path) && HttpMethod.POST.matches(request.getMethod())));
    };

    /** Only a page a browser navigated to is worth returning to after login. */
    static RequestCache pagesOnly() {
        HttpSessionRequestCache cache = new HttpSessionRequestCache();
        cache.setRequestMatcher(request -> HttpMethod.GET.matches(request.getMethod())
                && request.getHeader("Accept") != null && request.getHeader("Accept").contains(MediaType.TEXT_HTML_VALUE)
                && GatewaySecurityConfiguration.decodedPath(request).startsWith("/actuator/hawtio"));
        return cache;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = GatewaySecurityConfiguration.decodedPath(request);
        return !(HttpMethod.GET.matches(request.getMethod()) && (path.equals(USER) || path.equals(USER + "/")));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(JSON.writeValueAsString(ConsoleAudit.user()));
    }
}
