package vn.lienthong.gateway.operations;

import java.security.Principal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.lienthong.gateway.api.ErrorBody;
import vn.lienthong.gateway.api.ErrorCode;
import vn.lienthong.gateway.api.RequestContext;

/**
 * The gateway's own view for an operator who knows no JMX (page {@code /operations.html}):
 * <ul>
 *   <li>{@code GET /console-api/overview}: every national connector (probe, circuit, calls, last error), the
 *       backlogs, the queues and dead letters by flow, outcomes per route, the message log's chain — role viewer
 *       or admin (the console's rule for every path but /admin);</li>
 *   <li>{@code GET /console-api/dead-letters?id=<dossier code | event id | online dossier code>}: dead letters by business id;</li>
 *   <li>{@code POST /admin/dead-letters/{queue}/{messageId}/retry|delete?confirm=<business id>}: admin only
 *       (/admin/**), with the console's CSRF token; the confirmation must repeat the message's business id.</li>
 * </ul>
 */
@RestController
public class OperationsController {

    private final ConnectorView connectors;
    private final Backlogs backlogs;
    private final DeadLetters deadLetters;
    private final MeterRegistry registry;

    public OperationsController(ConnectorView connectors, Backlogs backlogs, DeadLetters deadLetters, MeterRegistry registry) {
        this.connectors = connectors;
        this.backlogs = backlogs;
        this.deadLetters = deadLetters;
        this.registry = registry;
    }

    @GetMapping(path = "/console-api/overview", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> overview(Principal user) {
        Map<String, Object> overview = new LinkedHashMap<>();
        overview.put("user", user == null ? null : user.getName());
        overview.put("at", Instant.now());
        overview.put("connectors", connectors.rows().stream().map(ConnectorView::asJson).toList());
        overview.put("backlogs", backlogs.counts());
        Map<String, Object> broker = new LinkedHashMap<>();
        broker.put("available", deadLetters.available());
        if (deadLetters.available()) {
            List<DeadLetters.QueueFigures> queues = deadLetters.queues();
            broker.put("queues", queues);
            Map<String, Long> byFlow = new LinkedHashMap<>();
            queues.stream().filter(DeadLetters.QueueFigures::deadLetterQueue).forEach(q -> byFlow.put(q.name(), q.depth()));
            broker.put("deadLettersByQueue", byFlow);
        } else {
            broker.put("note", "No broker runs inside the gateway (external broker: GATEWAY_ARTEMIS_URL); its own console shows its queues.");
        }
        overview.put("broker", broker);
        overview.put("routeOutcomes", routeOutcomes());
        overview.put("messageLog", backlogs.chain());
        return overview;
    }

    @GetMapping(path = "/console-api/dead-letters", produces = MediaType.APPLICATION_JSON_VALUE)
    public List<DeadLetters.Letter> deadLetters(@RequestParam(name = "id", required = false) String businessId) {
        return deadLetters.letters(businessId);
    }

    @PostMapping(path = "/admin/dead-letters/{queue}/{messageId}/retry", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> retry(@PathVariable String queue, @PathVariable long messageId,
                                        @RequestParam(name = "confirm", required = false) String confirm, Principal user,
                                        HttpServletRequest request) {
        return answer(deadLetters.retry(queue, messageId, confirm, user.getName()), "sent back to where it came from", queue, messageId, request);
    }

    @PostMapping(path = "/admin/dead-letters/{queue}/{messageId}/delete", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> delete(@PathVariable String queue, @PathVariable long messageId,
                                         @RequestParam(name = "confirm", required = false) String confirm, Principal user,
                                         HttpServletRequest request) {
        return answer(deadLetters.delete(queue, messageId, confirm, user.getName()), "deleted", queue, messageId, request);
    }

    private static ResponseEntity<?> answer(DeadLetters.Result result, String done, String queue, long messageId,
                                                 HttpServletRequest request) {
        String requestId = (String) request.getAttribute(RequestContext.REQUEST_ID_ATTRIBUTE);
        return switch (result) {
            case DONE -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("queue", queue, "messageId", messageId, "result", done));
            case NOT_FOUND -> error(ErrorCode.DEAD_LETTER_NOT_FOUND, "There is no message " + messageId + " in dead-letter queue "
                    + queue + " (already retried or deleted, or no such dead-letter queue in this gateway's broker).", requestId);
            case NOT_RETRYABLE -> error(ErrorCode.DEAD_LETTER_NOT_RETRYABLE, "Message " + messageId + " does not say where it was"
                    + " dead-lettered from (no _AMQ_ORIG_ADDRESS); use its flow's replay (e.g. POST /api/v1/axis/documents/{id}/replay).", requestId);
            case CONFIRMATION_MISMATCH -> error(ErrorCode.REQUEST_INVALID, "Confirm the action by repeating the message's business id"
                    + " (its dossier event id, online dossier code, or message id when it has none) in the parameter confirm.", requestId);
        };
    }

    private static ResponseEntity<?> error(ErrorCode code, String message, String requestId) {
        return ResponseEntity.status(code.httpStatus()).contentType(MediaType.APPLICATION_JSON).body(ErrorBody.json(code, message, requestId));
    }

    /** {route: {outcome: count}} of the routes that have counted anything but ok. */
    private Map<String, Map<String, Long>> routeOutcomes() {
        Map<String, Map<String, Long>> outcomes = new TreeMap<>();
        for (Counter counter : registry.find(OutcomeMetrics.ROUTE_OUTCOMES).counters()) {
            outcomes.computeIfAbsent(counter.getId().getTag("route"), r -> new TreeMap<>())
                    .put(counter.getId().getTag("outcome"), (long) counter.count());
        }
        outcomes.values().removeIf(byOutcome -> byOutcome.keySet().stream().allMatch("ok"::equals));
        return outcomes;
    }
}
