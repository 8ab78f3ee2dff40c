package vn.lienthong.gateway.security;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;
import vn.lienthong.gateway.api.ErrorCode;

/**
 * The console answers only its own pages: a request a browser marks as sent by a page of another origin
 * ({@code Origin} not this gateway's, or {@code Sec-Fetch-Site: cross-site} other than following a link to
 * a page) is refused with 403 before it is authenticated, whatever credential (session cookie, cached Basic
 * login) the browser attached.
 * Requests without these headers come from non-browser clients (curl, Prometheus) and pass.
 */
final class CrossSiteRequestFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String origin = request.getHeader("Origin");
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        boolean foreign = (origin != null && !isSameOrigin(request, origin))
                || (fetchSite != null && "cross-site".equals(fetchSite.trim().toLowerCase(Locale.ROOT)) && !isNavigation(request));
        if (foreign) {
            HttpErrors.write(request, response, ErrorCode.CONSOLE_CROSS_SITE_REFUSED,
                    "The console answers only its own pages; this request came from another site.");
            return;
        }
        chain.doFilter(request, response);
    }

    /** Someone followed a link to a console page: no credential travels (SameSite=Strict), nothing acts over GET. */
    private static boolean isNavigation(HttpServletRequest request) {
        return ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()))
                && "navigate".equals(request.getHeader("Sec-Fetch-Mode")) && "document".equals(request.getHeader("Sec-Fetch-Dest"))
                && request.getHeader("Authorization") == null;
    }

    /** True when the origin (scheme://host[:port]) is the one this request was addressed to. */
    static boolean isSameOrigin(HttpServletRequest request, String origin) {
        URI uri;
        try {
            uri = URI.create(origin.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (uri.getScheme() == null || uri.getHost() == null || (uri.getPath() != null && !uri.getPath().isEmpty())) {
            return false;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(scheme) ? 443 : "http".equals(scheme) ? 80 : -1;
        return scheme.equals(request.getScheme().toLowerCase(Locale.ROOT))
                && uri.getHost().equalsIgnoreCase(request.getServerName())
                && port == request.getServerPort();
    }
}
