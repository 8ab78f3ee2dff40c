package vn.lienthong.gateway.security;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UnsupportedEncodingException;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.web.filter.OncePerRequestFilter;
import vn.lienthong.gateway.api.ErrorCode;
import vn.lienthong.gateway.api.PayloadTooLargeException;
import vn.lienthong.gateway.api.RequestIds;

/**
 * The first thing every HTTP request meets, before authentication and before any route:
 * <ul>
 *   <li>a correlation id: the caller's {@code X-Request-Id} when it is a short plain token, otherwise a
 *       new one; returned on every response, exactly once (whatever a route writes under that name is ignored);</li>
 *   <li>Camel's own headers cannot be injected: headers, query and form parameters whose name starts
 *       with {@code Camel} or {@code org.apache.camel.} (any letter case) are invisible to everything after;</li>
 *   <li>a body above {@code gateway.http.max-body-bytes} is refused with 413 — at once when its
 *       Content-Length says so, and as soon as the limit is crossed when it is streamed (chunked, or a
 *       Content-Length that lies), whether it is read as bytes or as characters (its reader: Camel's
 *       platform-http reads bodies through the reader).</li>
 * </ul>
 */
public final class InboundRequestFilter extends OncePerRequestFilter {

    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    private static final String REQUEST_ID_ATTRIBUTE = vn.lienthong.gateway.api.RequestContext.REQUEST_ID_ATTRIBUTE;
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:@-]{1,64}");

    private final long maxBodyBytes;

    public InboundRequestFilter(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    /** The request's correlation id (set by this filter). */
    public static String requestId(HttpServletRequest request) {
        Object id = request.getAttribute(REQUEST_ID_ATTRIBUTE);
        return id != null ? id.toString() : "unknown";
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getHeader(REQUEST_ID_HEADER);
        String requestId = given != null && SAFE_ID.matcher(given).matches() ? given : RequestIds.next();
        request.setAttribute(REQUEST_ID_ATTRIBUTE, requestId);
        response.setHeader(REQUEST_ID_HEADER, requestId);

        long declared = request.getContentLengthLong();
        if (declared > maxBodyBytes) {
            HttpErrors.write(request, response, ErrorCode.PAYLOAD_TOO_LARGE, tooLarge());
            return;
        }
        chain.doFilter(new SanitisedRequest(request, requestId, maxBodyBytes, tooLarge()), new OneRequestId(response));
    }

    private String tooLarge() {
        return "The request body is larger than the gateway accepts (" + maxBodyBytes + " bytes).";
    }

    /** The response keeps the one X-Request-Id this filter set: a route's own (or a copy of the caller's) adds no second one. */
    private static final class OneRequestId extends HttpServletResponseWrapper {

        OneRequestId(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void setHeader(String name, String value) {
            if (!REQUEST_ID_HEADER.equalsIgnoreCase(name)) {
                super.setHeader(name, value);
            }
        }

        @Override
        public void addHeader(String name, String value) {
            if (!REQUEST_ID_HEADER.equalsIgnoreCase(name)) {
                super.addHeader(name, value);
            }
        }
    }

    /** The request as the rest of the gateway sees it. */
    private static final class SanitisedRequest extends HttpServletRequestWrapper {
        private final String requestId;
        private final long maxBodyBytes;
        private final String tooLargeMessage;
        private Map<String, String[]> parameters;
        private ServletInputStream limited;
        private BufferedReader reader;

        SanitisedRequest(HttpServletRequest request, String requestId, long maxBodyBytes, String tooLargeMessage) {
            super(request);
            this.requestId = requestId;
            this.maxBodyBytes = maxBodyBytes;
            this.tooLargeMessage = tooLargeMessage;
        }

        @Override
        public String getHeader(String name) {
            if (REQUEST_ID_HEADER.equalsIgnoreCase(name)) {
                return requestId;
            }
            return CamelHeaderNames.isCamelName(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            if (REQUEST_ID_HEADER.equalsIgnoreCase(name)) {
                return Collections.enumeration(List.of(requestId));
            }
            return CamelHeaderNames.isCamelName(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = Collections.list(super.getHeaderNames()).stream().filter(n -> !CamelHeaderNames.isCamelName(n)).toList();
            if (names.stream().noneMatch(REQUEST_ID_HEADER::equalsIgnoreCase)) {
                names = new java.util.ArrayList<>(names);
                names.add(REQUEST_ID_HEADER);
            }
            return Collections.enumeration(names);
        }

        @Override
        public long getDateHeader(String name) {
            return CamelHeaderNames.isCamelName(name) ? -1 : super.getDateHeader(name);
        }

        @Override
        public int getIntHeader(String name) {
            return CamelHeaderNames.isCamelName(name) ? -1 : super.getIntHeader(name);
        }

        @Override
        public String getQueryString() {
            String query = super.getQueryString();
            if (query == null) {
                return null;
            }
            StringBuilder kept = new StringBuilder();
            for (String pair : query.split("&")) {
                String name = URLDecoder.decode(pair.split("=", 2)[0], StandardCharsets.UTF_8);
                if (!CamelHeaderNames.isCamelName(name)) {
                    if (!kept.isEmpty()) {
                        kept.append('&');
                    }
                    kept.append(pair);
                }
            }
            return kept.isEmpty() ? null : kept.toString();
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            if (parameters == null) {
                Map<String, String[]> kept = new LinkedHashMap<>();
                super.getParameterMap().forEach((k, v) -> {
                    if (!CamelHeaderNames.isCamelName(k)) {
                        kept.put(k, v);
                    }
                });
                parameters = Collections.unmodifiableMap(kept);
            }
            return parameters;
        }

        @Override
        public String getParameter(String name) {
            String[] values = getParameterMap().get(name);
            return values == null || values.length == 0 ? null : values[0];
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(getParameterMap().keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            return getParameterMap().get(name);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (limited == null) {
                limited = new LimitedInputStream(super.getInputStream(), maxBodyBytes, tooLargeMessage);
            }
            return limited;
        }

        /** Characters over the same limited stream: Tomcat's own reader would read the unlimited body. */
        @Override
        public BufferedReader getReader() throws IOException {
            if (reader == null) {
                String encoding = getCharacterEncoding();
                Charset charset;
                try {
                    charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
                } catch (IllegalArgumentException e) {
                    throw new UnsupportedEncodingException(encoding);
                }
                reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
            }
            return reader;
        }
    }

    /** Counts what is read and fails once the limit is crossed, so an unannounced large body is never buffered whole. */
    private static final class LimitedInputStream extends ServletInputStream {
        private final ServletInputStream in;
        private final long max;
        private final String message;
        private long count;

        LimitedInputStream(ServletInputStream in, long max, String message) {
            this.in = in;
            this.max = max;
            this.message = message;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            count += n;
            if (count > max) {
                throw new PayloadTooLargeException(message);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
