package vn.lienthong.gateway.security;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import vn.lienthong.gateway.security.messagelog.MessageLog;
import vn.lienthong.gateway.security.messagelog.MessageLogEntry;

/**
 * The trail of what console users did: every action (a route stopped, a dead letter retried or removed, a replay), done or
 * refused, is written to the log and to the message log under the user's name, so that "who did it" has an answer that
 * the message log's seals protect. Partner {@code console:<user>}, service {@code console.<action> <target>}, outcome
 * {@code OK}, {@link vn.lienthong.gateway.api.ErrorCode#CONSOLE_ACTION_FORBIDDEN} or {@value #FAILED}; the full request
 * (bean, operation, arguments) is the record's request body: hashed always, kept when the log keeps bodies.
 * <p>
 * Jolokia's acting operations are recorded by {@link ConsoleActionLog}; a page of the gateway's own that acts (a dead letter
 * retried by its dossier code) calls {@link #record} itself.
 */
@Component
public class ConsoleAudit {

    public static final String OK = "OK";
    public static final String FAILED = "CONSOLE_ACTION_FAILED";

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleAudit.class);

    private final MessageLog messageLog;
    private final boolean enabled;

    public ConsoleAudit(MessageLog messageLog, @Value("${gateway.message-log.enabled:true}") boolean enabled) {
        this.messageLog = messageLog;
        this.enabled = enabled;
    }

    /**
     * Records one console action of the user authenticated on this thread.
     *
     * @param action     what was done, e.g. {@code stop}, {@code retryMessage}, {@code dead-letter.retry}
     * @param target     on what, e.g. {@code route citizen-lookup}, {@code queue DLQ.dossier.events}
     * @param details    the request in full (bean, operation, arguments); recorded as the request body
     * @param outcome    {@link #OK}, {@code CONSOLE_ACTION_FORBIDDEN} or {@link #FAILED}
     * @param httpStatus the status the action was answered with
     */
    public void record(HttpServletRequest request, String action, String target, String details, String outcome, int httpStatus) {
        String user = user();
        LOG.info("Console action by {}: {} {} -> {} ({})", user, action, target, outcome, httpStatus);
        if (!enabled) {
            return;
        }
        try {
            Instant now = Instant.now();
            messageLog.append(MessageLogEntry.inbound(InboundRequestFilter.requestId(request))
                    .partner(clip("console:" + user, 64))
                    .service(clip("console." + action + " " + target, 100))
                    .started(now).finished(now)
                    .requestBody(details.getBytes(StandardCharsets.UTF_8))
                    .outcome(clip(outcome, 40)).httpStatus(httpStatus < 100 || httpStatus > 599 ? null : httpStatus)
                    .build());
        } catch (RuntimeException e) {
            // the action is done (or refused) already; the log line above is its trail
            LOG.error("Console action by {} ({} {}) could not be written to the message log", user, action, target, e);
        }
    }

    /** The console user of this thread, or {@code anonymous}. */
    static String user() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null || auth.getName() == null ? "anonymous" : auth.getName();
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
