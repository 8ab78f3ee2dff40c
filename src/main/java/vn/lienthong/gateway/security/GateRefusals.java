package vn.lienthong.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.web.context.ServletContextAware;
import vn.lienthong.gateway.api.ErrorCode;
import vn.lienthong.gateway.api.RequestContext;
import vn.lienthong.gateway.crypto.Hashes;
import vn.lienthong.gateway.security.messagelog.MessageLog;
import vn.lienthong.gateway.security.messagelog.MessageLogEntry;
import vn.lienthong.gateway.security.messagelog.RefusalLogProperties;
import vn.lienthong.gateway.security.messagelog.RefusalThrottle;
import vn.lienthong.gateway.security.partner.PartnerAuthenticationFilter;

/**
 * Puts the refusals the servlet filters answer before any route runs (401, 403, 413, 429: every
 * {@link HttpErrors#write}) into the message log, like the exchanges the routes answer:
 * <ul>
 *   <li>partner: the partner when it is known (403, 429), the console user, else a fingerprint of the credential
 *       presented ({@code key:sha256:<16 hex>} of an API key, {@code jwt:<sub>@<iss>} of a bearer token as it claims,
 *       {@code cert:<subject>}; never the secret), else {@code ip:<caller's address>};</li>
 *   <li>service: the one the operation belongs to, else the method and path; outcome: the error code; HTTP status;
 *       request id: the caller's {@code X-Request-Id} (or the one generated); the response body's hash.</li>
 * </ul>
 * The cost is bounded ({@link RefusalThrottle}): per second, a few refusals per source and a hundred in all are
 * recorded one by one; the rest are counted and written every summary interval as one record per source and code,
 * request id {@code *suppressed:<count>}, from the first to the last of them. Refusals are queued without waiting
 * for their commit (no request thread waits on the database for a refusal; a refusal that finds the queue full is
 * counted too), so a crash can lose the last instant of them, never an answer's record.
 * Found by {@link HttpErrors} through the servlet context.
 */
@Component
public class GateRefusals implements ServletContextAware, DisposableBean {

    /** Request attribute: the fingerprint of the credential the caller presented (set by the API gate). */
    public static final String CREDENTIAL_ATTRIBUTE = "gateway.credential";
    /** Request ids of summary records start with this; a caller's X-Request-Id never can. */
    public static final String SUPPRESSED_PREFIX = "*suppressed:";

    private static final Logger LOG = LoggerFactory.getLogger(GateRefusals.class);
    private static final String CONTEXT_ATTRIBUTE = GateRefusals.class.getName();
    private static final int MAX_PARTNER = 64;

    private final MessageLog log;
    private final ExchangeLog exchangeLog;
    private final RefusalThrottle throttle;
    private final ScheduledExecutorService summaries;
    private final LongSupplier clock;

    @Autowired
    public GateRefusals(MessageLog log, ExchangeLog exchangeLog, RefusalLogProperties properties) {
        this(log, exchangeLog, properties, System::currentTimeMillis);
    }

    GateRefusals(MessageLog log, ExchangeLog exchangeLog, RefusalLogProperties properties, LongSupplier clock) {
        this.log = log;
        this.exchangeLog = exchangeLog;
        this.clock = clock;
        this.throttle = new RefusalThrottle(properties.perSource(), properties.perSecond(), properties.maxSources());
        this.summaries = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "gate-refusal-summaries");
            thread.setDaemon(true);
            return thread;
        });
        long every = properties.summaryInterval().toMillis();
        summaries.scheduleWithFixedDelay(this::writeSummaries, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void setServletContext(ServletContext servletContext) {
        servletContext.setAttribute(CONTEXT_ATTRIBUTE, this);
    }

    /** Records the refusal {@code body} ({@code code}) just answered to {@code request}, if this gateway records refusals. */
    static void record(HttpServletRequest request, ErrorCode code, String body) {
        ServletContext context = request.getServletContext();
        if (context != null && context.getAttribute(CONTEXT_ATTRIBUTE) instanceof GateRefusals refusals) {
            refusals.refused(request, code, body);
        }
    }

    void refused(HttpServletRequest request, ErrorCode code, String body) {
        if (!exchangeLog.isEnabled()) {
            return;
        }
        try {
            String who = who(request);
            String source = who != null ? who : "ip:" + request.getRemoteAddr();
            String partner = who != null ? who : credentialOrAddress(request);
            String service = service(request);
            long now = clock.getAsLong();
            if (!throttle.admit(source, code.name(), code.httpStatus(), service, now)) {
                return;
            }
            Instant at = Instant.ofEpochMilli(now);
            MessageLogEntry entry = MessageLogEntry.inbound(InboundRequestFilter.requestId(request))
                    .partner(partner).service(service).started(at).finished(at)
                    .responseBody(body.getBytes(StandardCharsets.UTF_8))
                    .outcome(code.name()).httpStatus(code.httpStatus()).build();
            if (!log.appendWithoutWaiting(entry)) {
                throttle.suppress(source, code.name(), code.httpStatus(), service, now);
            }
        } catch (RuntimeException e) {
            LOG.warn("A refusal ({}) could not be put into the message log", code, e); // the caller is refused all the same
        }
    }

    /** Writes the refusals counted instead of recorded: one record per source and code. */
    void writeSummaries() {
        try {
            for (RefusalThrottle.Suppressed s : throttle.drain()) {
                MessageLogEntry summary = MessageLogEntry.inbound(SUPPRESSED_PREFIX + s.count())
                        .partner(s.source()).service(s.service())
                        .started(Instant.ofEpochMilli(s.firstMillis())).finished(Instant.ofEpochMilli(s.lastMillis()))
                        .outcome(s.code()).httpStatus(s.httpStatus()).build();
                if (!log.appendWithoutWaiting(summary)) {
                    LOG.warn("The message log's queue is full: {} refusals {} from {} not recorded", s.count(), s.code(), s.source());
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Refusal summaries could not be put into the message log", e);
        }
    }

    @Override
    public void destroy() {
        summaries.shutdown(); // not shutdownNow: an interrupt during an H2 write closes the database
        writeSummaries();
    }

    /** The partner the gate authenticated, or the console user; null for a caller not (yet) known. */
    private static String who(HttpServletRequest request) {
        Object partner = request.getAttribute(RequestContext.PARTNER_ATTRIBUTE);
        if (partner != null) {
            return clip(partner.toString());
        }
        Principal user = request.getUserPrincipal();
        return user != null ? clip("console:" + user.getName()) : null;
    }

    private static String credentialOrAddress(HttpServletRequest request) {
        Object credential = request.getAttribute(CREDENTIAL_ATTRIBUTE);
        return credential != null ? clip(credential.toString()) : "ip:" + request.getRemoteAddr();
    }

    private static String service(HttpServletRequest request) {
        Object service = request.getAttribute(PartnerAuthenticationFilter.SERVICE_ATTRIBUTE);
        if (service != null) {
            return service.toString();
        }
        String path = request.getRequestURI();
        String operation = request.getMethod() + " " + (path == null ? "" : path.substring(Math.min(path.length(), request.getContextPath().length())));
        return printable(operation.length() <= 100 ? operation : operation.substring(0, 100));
    }

    /** The fingerprint of an API key: the start of its SHA-256, never the key. */
    public static String apiKeyFingerprint(String apiKey) {
        return "key:sha256:" + Hashes.sha256Hex(apiKey.getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    }

    /** A value for the partner column: printable, at most 64 characters (a longer one keeps its start and a hash of the whole). */
    public static String clip(String value) {
        String printable = printable(value);
        if (printable.length() <= MAX_PARTNER) {
            return printable;
        }
        return printable.substring(0, MAX_PARTNER - 17) + "~" + Hashes.sha256Hex(value.getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    }

    private static String printable(String value) {
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.toString();
    }
}
