package vn.lienthong.gateway.security;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import org.springframework.web.filter.OncePerRequestFilter;
import vn.lienthong.gateway.api.ApiException;
import vn.lienthong.gateway.api.ErrorCode;
import vn.lienthong.gateway.api.PayloadTooLargeException;

/**
 * The partner API's door for request bodies ({@code /api/**}, after authentication, before any route): what passes
 * is a whole body within {@code gateway.http.max-body-bytes}, in a form every route can read. Everything else is a
 * coded refusal with the caller's {@code X-Request-Id}, before anything is stored or forwarded:
 * <ul>
 *   <li>a body above the limit, however it is sent (Content-Length, chunked, a Content-Length that lies): 413
 *       {@code PAYLOAD_TOO_LARGE} as soon as the limit is crossed (read through {@link InboundRequestFilter}'s
 *       counting stream, never buffered beyond the limit);</li>
 *   <li>a {@code Content-Encoding} other than identity (gzip, ...): 415 {@code CONTENT_ENCODING_UNSUPPORTED}; a
 *       compressed body would be a way round the limit;</li>
 *   <li>a text body (JSON, XML, {@code text/*}, or no Content-Type) that is not UTF-8: a charset other than UTF-8
 *       (or its subset US-ASCII) declared, a UTF-16 or UTF-32 byte order mark, bytes that are not UTF-8: 400
 *       {@code BODY_ENCODING_INVALID}. A UTF-8 byte order mark (what Windows tools write) is removed and the body
 *       accepted;</li>
 *   <li>a multipart body without boundary or malformed, or with a part that has no name, a name used twice, or a
 *       name Camel would obey ({@code Camel*}, {@code org.apache.camel.*}, any letter case): 400
 *       {@code MULTIPART_INVALID}; a form field (a part without file name) must be UTF-8 as above.</li>
 * </ul>
 */
public final class RequestBodyGate extends OncePerRequestFilter {

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() <= 0 && request.getHeader("Transfer-Encoding") == null) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletRequest passed;
        try {
            passed = admit(request);
        } catch (ApiException refused) {
            HttpErrors.write(request, response, refused.code(), refused.getMessage());
            return;
        }
        chain.doFilter(passed, response);
    }

    private static HttpServletRequest admit(HttpServletRequest request) throws IOException {
        String coding = request.getHeader("Content-Encoding");
        if (coding != null && !coding.isBlank() && !coding.strip().equalsIgnoreCase("identity")) {
            throw new ApiException(ErrorCode.CONTENT_ENCODING_UNSUPPORTED, "The gateway takes request bodies as they are: Content-Encoding '"
                    + clip(coding) + "' is not accepted; send the body uncompressed.");
        }
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        if (type.startsWith("multipart/")) {
            checkParts(request);
            return request;
        }
        byte[] body = readLimited(request);
        if (isText(type)) {
            checkCharset(type);
            body = utf8(body, "The request body");
        }
        return new BufferedBody(request, body, isText(type));
    }

    /**
     * The whole body, through the counting stream: a body above the limit stops being read where it crosses it. A body
     * that ends before the length it announced, or whose connection breaks, is the caller's fault: a coded 400 (and a
     * refusal in the message log under the partner and the request id), not a 500.
     */
    private static byte[] readLimited(HttpServletRequest request) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(0, (int) Math.min(request.getContentLengthLong(), 1 << 20)));
        try (InputStream in = request.getInputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            throw new ApiException(ErrorCode.REQUEST_INVALID, "The request body could not be read whole (it ended before the"
                    + " length it announced, or the connection broke); nothing was done.");
        }
        return out.toByteArray();
    }

    private static boolean isText(String type) {
        return type.isEmpty() || type.startsWith("text/") || type.contains("json") || type.contains("xml");
    }

    private static void checkCharset(String type) {
        for (String parameter : type.split(";")) {
            String[] pair = parameter.strip().split("=", 2);
            if (pair.length == 2 && pair[0].strip().equals("charset")) {
                String charset = pair[1].strip().replace("\"", "");
                if (!Set.of("utf-8", "utf8", "us-ascii").contains(charset)) {
                    throw new ApiException(ErrorCode.BODY_ENCODING_INVALID, "The gateway reads text in UTF-8 only; charset '"
                            + clip(charset) + "' is not accepted.");
                }
            }
        }
    }

    /** The bytes as UTF-8 without a byte order mark, or a refusal saying what is wrong with them. */
    static byte[] utf8(byte[] body, String what) {
        if (startsWith(body, 0xFE, 0xFF) || startsWith(body, 0xFF, 0xFE) || startsWith(body, 0x00, 0x00, 0xFE, 0xFF)) {
            throw new ApiException(ErrorCode.BODY_ENCODING_INVALID, what + " starts with a UTF-16 or UTF-32 byte order mark;"
                    + " the gateway reads text in UTF-8 only.");
        }
        byte[] text = startsWith(body, 0xEF, 0xBB, 0xBF) ? Arrays.copyOfRange(body, UTF8_BOM.length, body.length) : body;
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(text));
        } catch (CharacterCodingException e) {
            throw new ApiException(ErrorCode.BODY_ENCODING_INVALID, what + " is not valid UTF-8; the gateway reads text in UTF-8 only.");
        }
        return text;
    }

    private static boolean startsWith(byte[] body, int... prefix) {
        if (body.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((body[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Has the container parse the parts (within the same limit, spring.servlet.multipart.*) and checks their names.
     * The parsed parts stay with the request: the route reads the same ones.
     */
    private static void checkParts(HttpServletRequest request) throws IOException {
        java.util.Collection<Part> parts;
        try {
            parts = request.getParts();
        } catch (IllegalStateException e) {
            // Tomcat reports a body above spring.servlet.multipart.* (= gateway.http.max-body-bytes) as a SizeException inside
            if (e.getCause() != null && e.getCause().getClass().getSimpleName().contains("Size")) {
                throw new PayloadTooLargeException("The multipart body is larger than the gateway accepts.");
            }
            throw new ApiException(ErrorCode.MULTIPART_INVALID, "The multipart body could not be read.");
        } catch (ServletException | IOException e) {
            throw new ApiException(ErrorCode.MULTIPART_INVALID, "The multipart body could not be read (no boundary, or malformed).");
        }
        Set<String> names = new HashSet<>();
        for (Part part : parts) {
            String name = part.getName();
            if (name == null || name.isBlank()) {
                throw new ApiException(ErrorCode.MULTIPART_INVALID, "Every part of a multipart body needs a name.");
            }
            if (CamelHeaderNames.isCamelName(name)) {
                throw new ApiException(ErrorCode.MULTIPART_INVALID, "Part '" + clip(name) + "' is not accepted: names starting with"
                        + " 'Camel' or 'org.apache.camel.' are reserved.");
            }
            if (!names.add(name)) {
                throw new ApiException(ErrorCode.MULTIPART_INVALID, "Part '" + clip(name) + "' appears twice; each part is sent once.");
            }
            if (part.getSubmittedFileName() == null && isText(part.getContentType() == null ? "" : part.getContentType().toLowerCase(Locale.ROOT))) {
                try (InputStream in = part.getInputStream()) {
                    utf8(in.readAllBytes(), "Part '" + clip(name) + "'");
                }
            }
        }
    }

    private static String clip(String value) {
        String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }

    /** The request with its body read once: the bytes that passed the gate, as a stream or as UTF-8 characters. */
    private static final class BufferedBody extends HttpServletRequestWrapper {
        private final byte[] body;
        private final boolean text;
        private ServletInputStream stream;
        private BufferedReader reader;

        BufferedBody(HttpServletRequest request, byte[] body, boolean text) {
            super(request);
            this.body = body;
            this.text = text;
        }

        @Override
        public ServletInputStream getInputStream() {
            if (stream == null) {
                ByteArrayInputStream in = new ByteArrayInputStream(body);
                stream = new ServletInputStream() {
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
                        throw new IllegalStateException("The body was read already; it is served synchronously");
                    }
                };
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() {
            if (reader == null) {
                // a text body passed as UTF-8; anything else is read in the request's charset, as the container would
                java.nio.charset.Charset charset = StandardCharsets.UTF_8;
                if (!text && getCharacterEncoding() != null && java.nio.charset.Charset.isSupported(getCharacterEncoding())) {
                    charset = java.nio.charset.Charset.forName(getCharacterEncoding());
                }
                reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
            }
            return reader;
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
