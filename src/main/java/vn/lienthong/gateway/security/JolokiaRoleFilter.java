package vn.lienthong.gateway.security;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import vn.lienthong.gateway.api.ErrorCode;

/**
 * Viewers may look, administrators may act: a Jolokia request that writes an attribute or executes
 * an operation (retrying a dead letter, stopping a route) needs the admin role. Jolokia requests
 * come as {@code GET .../jolokia/<type>/...} or as a JSON body (one request or a bulk array).
 */
final class JolokiaRoleFilter extends OncePerRequestFilter {

    private static final Set<String> ACTIONS = Set.of("exec", "write");
    private static final int MAX_BODY = 256 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String jolokiaPath;

    JolokiaRoleFilter(String jolokiaPath) {
        this.jolokiaPath = jolokiaPath;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(request.getContextPath() + jolokiaPath);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isAdmin()) {
            chain.doFilter(request, response);
            return;
        }
        if ("GET".equals(request.getMethod())) {
            String rest = request.getRequestURI().substring(request.getContextPath().length() + jolokiaPath.length());
            String type = rest.replaceFirst("^/+", "").split("/", 2)[0].toLowerCase(Locale.ROOT);
            if (ACTIONS.contains(type)) {
                refuse(request, response);
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY || asksForAction(body)) {
            refuse(request, response);
            return;
        }
        chain.doFilter(new ReplayedBody(request, body), response);
    }

    private static boolean isAdmin() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getAuthorities().stream().anyMatch(a -> "ROLE_admin".equals(a.getAuthority()));
    }

    /** True when any request in the JSON body (object or bulk array) is an exec or a write; unreadable counts as true. */
    static boolean asksForAction(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null) {
                return false;
            }
            for (JsonNode request : node.isArray() ? node : JSON.createArrayNode().add(node)) {
                if (ACTIONS.contains(request.path("type").asText("").toLowerCase(Locale.ROOT))) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpErrors.write(request, response, ErrorCode.CONSOLE_ACTION_FORBIDDEN,
                "Writing attributes and executing operations in the console needs the admin role.");
    }

    private static final class ReplayedBody extends HttpServletRequestWrapper {
        private final byte[] body;

        ReplayedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous only");
                }
            };
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
