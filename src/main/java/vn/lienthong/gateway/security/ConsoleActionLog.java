package vn.lienthong.gateway.security;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.security.auth.Subject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.activemq.artemis.logs.AuditLogger;
import org.apache.activemq.artemis.spi.core.security.jaas.RolePrincipal;
import org.apache.activemq.artemis.spi.core.security.jaas.UserPrincipal;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Every acting Jolokia request of the console (an exec of an operation that is not read-only, an attribute write), done
 * or refused, is recorded with the user's name by {@link ConsoleAudit}: what the answer said about each one is read from
 * Jolokia's own answer, so a bulk request of five retries is five records with five outcomes. Read-only requests (the
 * tree, attribute polls, browsing) are not recorded: they are most of the console's traffic and change nothing.
 * <p>
 * While Jolokia works, the user is also the embedded broker's caller: its audit log ({@code org.apache.activemq.audit.resource})
 * names {@code admin(admin,viewer)@127.0.0.1}, not {@code anonymous@unknown}.
 */
final class ConsoleActionLog extends OncePerRequestFilter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACTING = ConsoleActionLog.class.getName() + ".acting";

    private final ConsoleAudit audit;

    ConsoleActionLog(ConsoleAudit audit) {
        this.audit = audit;
    }

    /** Called by {@link ConsoleJolokiaRestrictor} when the request it checks contains an acting operation (allowed or not). */
    static void acting() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes != null) {
            attributes.setAttribute(ACTING, Boolean.TRUE, RequestAttributes.SCOPE_REQUEST);
        }
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = GatewaySecurityConfiguration.decodedPath(request);
        return !(path.startsWith("/actuator/jolokia") || path.startsWith("/actuator/hawtio/jolokia"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
        AuditLogger.setCurrentCaller(brokerCaller(SecurityContextHolder.getContext().getAuthentication()));
        AuditLogger.setRemoteAddress(request.getRemoteAddr());
        try {
            chain.doFilter(request, answer);
        } finally {
            AuditLogger.currentCaller.remove();
            AuditLogger.remoteAddress.remove();
            try {
                if (Boolean.TRUE.equals(request.getAttribute(ACTING))) {
                    record(request, answer.getContentAsByteArray());
                }
            } finally {
                answer.copyBodyToResponse();
            }
        }
    }

    private void record(HttpServletRequest request, byte[] body) {
        List<JsonNode> items = new ArrayList<>();
        try {
            JsonNode answer = JSON.readTree(body);
            if (answer != null && answer.isArray()) {
                answer.forEach(items::add);
            } else if (answer != null) {
                items.add(answer);
            }
        } catch (IOException | RuntimeException e) {
            audit.record(request, "jolokia", "(unreadable answer)", new String(body, java.nio.charset.StandardCharsets.UTF_8),
                    ConsoleAudit.FAILED, 500);
            return;
        }
        for (JsonNode item : items) {
            JsonNode sent = item.path("request");
            String type = sent.path("type").asText();
            ObjectName mbean = objectName(sent.path("mbean").asText());
            String action;
            if ("exec".equals(type)) {
                action = ConsoleOperations.operationName(sent.path("operation").asText());
                if (mbean != null && !ConsoleOperations.acts(mbean, sent.path("operation").asText())) {
                    continue;
                }
            } else if ("write".equals(type)) {
                action = "write " + sent.path("attribute").asText();
            } else {
                continue;
            }
            int status = item.path("status").asInt(500);
            String outcome = status == 200 ? ConsoleAudit.OK
                    : status == 403 ? vn.lienthong.gateway.api.ErrorCode.CONSOLE_ACTION_FORBIDDEN.name() : ConsoleAudit.FAILED;
            audit.record(request, action, target(mbean, sent.path("mbean").asText()), sent.toString(), outcome, status);
        }
    }

    /** What an operator calls the bean: {@code route citizen-lookup}, {@code queue DLQ.dossier.events}, else its name. */
    static String target(ObjectName mbean, String raw) {
        if (mbean == null) {
            return raw;
        }
        String queue = mbean.getKeyProperty("queue");
        if (queue != null) {
            return "queue " + unquote(queue);
        }
        String type = mbean.getKeyProperty("type");
        String name = mbean.getKeyProperty("name");
        if ("routes".equals(type) && name != null) {
            return "route " + unquote(name);
        }
        return name != null ? (type == null ? "" : type + " ") + unquote(name) : mbean.getCanonicalName();
    }

    private static String unquote(String value) {
        return value.startsWith("\"") ? ObjectName.unquote(value) : value;
    }

    private static ObjectName objectName(String name) {
        try {
            return name.isEmpty() ? null : new ObjectName(name);
        } catch (MalformedObjectNameException e) {
            return null;
        }
    }

    /** The broker's audit log reads its caller from principals whose class names end in UserPrincipal and RolePrincipal. */
    private static Subject brokerCaller(Authentication user) {
        if (user == null) {
            return null;
        }
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal(user.getName()));
        user.getAuthorities().forEach(a -> subject.getPrincipals().add(new RolePrincipal(a.getAuthority().replaceFirst("^ROLE_", ""))));
        return subject;
    }
}
