package vn.lienthong.gateway.operations;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.activemq.artemis.api.core.management.QueueControl;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import vn.lienthong.gateway.security.messagelog.MessageLog;
import vn.lienthong.gateway.security.messagelog.MessageLogEntry;

/**
 * The broker's queues and dead letters in business terms, through the embedded Artemis broker's management
 * API in-process ({@link QueueControl}): every queue with its depth, consumers and oldest message's age; the
 * dead-letter queues' messages with the business id the flows put on them (dossier event id, dossier code,
 * online dossier code), the reason ({@code DeadLetterReason}) and where a retry sends them
 * ({@code _AMQ_ORIG_ADDRESS}); retry and delete of one message, recorded in the message log with the user's
 * name (partner = the console user, service {@code console.dead-letter.retry|delete}, request id = the
 * message's business id, so the dossier's trail shows the repair).
 * <p>
 * With an external broker (GATEWAY_ARTEMIS_URL) no broker runs in this process: {@link #available()} is false
 * and the view says so; that broker's own console shows its queues.
 */
@Component
public class DeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    /** The headers the flows put on their messages that name the business object, most specific first. */
    static final List<String> BUSINESS_IDS = List.of("DossierEventId", "MaHoSo", "DossierCode", "DocumentId");
    static final String REASON = "DeadLetterReason";
    static final String ORIGINAL_ADDRESS = "_AMQ_ORIG_ADDRESS";
    private static final int LIST_LIMIT = 500;

    private final ObjectProvider<EmbeddedActiveMQ> broker;
    private final MessageLog messageLog;
    private final MeterRegistry registry;
    private final Set<String> metered = ConcurrentHashMap.newKeySet();

    public DeadLetters(ObjectProvider<EmbeddedActiveMQ> broker, MessageLog messageLog, MeterRegistry registry) {
        this.broker = broker;
        this.messageLog = messageLog;
        this.registry = registry;
    }

    /** One dead-lettered message, as the view lists it. */
    public record Letter(String queue, long messageId, String businessIdName, String businessId, String dossierCode,
                         String reason, String originalAddress, Instant deadLetteredAt) {
    }

    /** One queue's figures. */
    public record QueueFigures(String name, String address, long depth, int consumers, Long oldestMessageAgeMs,
                               long messagesAdded, boolean deadLetterQueue) {
    }

    /** What happened to a retry or a delete. */
    public enum Result { DONE, NOT_FOUND, NOT_RETRYABLE, CONFIRMATION_MISMATCH }

    public boolean available() {
        return server().isPresent();
    }

    static boolean isDeadLetterQueue(String name) {
        return name.startsWith("DLQ.") || name.endsWith(".DLQ") || name.equals("DLQ");
    }

    public List<QueueFigures> queues() {
        List<QueueFigures> figures = new ArrayList<>();
        for (QueueControl queue : controls()) {
            if (queue.isTemporary() || queue.isInternalQueue() || queue.getName().startsWith("$") || queue.getName().startsWith("activemq.")) {
                continue;
            }
            Long age;
            try {
                age = queue.getFirstMessageAge();
            } catch (Exception e) {
                age = null;
            }
            boolean dlq = isDeadLetterQueue(queue.getName());
            figures.add(new QueueFigures(queue.getName(), queue.getAddress(), queue.getMessageCount(), queue.getConsumerCount(),
                    age, queue.getMessagesAdded(), dlq));
            if (dlq) {
                meter(queue.getName());
            }
        }
        figures.sort(Comparator.comparing(QueueFigures::name));
        return figures;
    }

    /** Every dead letter, or those whose business id (event id, dossier code, online dossier code) is {@code businessId}. */
    public List<Letter> letters(String businessId) {
        List<Letter> letters = new ArrayList<>();
        for (QueueControl queue : controls()) {
            if (!isDeadLetterQueue(queue.getName())) {
                continue;
            }
            meter(queue.getName());
            for (Map<String, Object> message : list(queue)) {
                Letter letter = letter(queue.getName(), message);
                if (businessId == null || businessId.isBlank() || matches(message, businessId.strip())) {
                    letters.add(letter);
                }
                if (letters.size() >= LIST_LIMIT) {
                    return letters;
                }
            }
        }
        return letters;
    }

    /** The dead-letter queues' depths: {queue: messages}. */
    public Map<String, Long> depths() {
        Map<String, Long> depths = new LinkedHashMap<>();
        for (QueueFigures queue : queues()) {
            if (queue.deadLetterQueue()) {
                depths.put(queue.name(), queue.depth());
            }
        }
        return depths;
    }

    /**
     * Sends the message back where it was dead-lettered from ({@code _AMQ_ORIG_ADDRESS}). {@code confirmation} must be
     * the message's business id (the page asks the user to type it): a retry names what it repairs.
     */
    public Result retry(String queueName, long messageId, String confirmation, String user) {
        return act("retry", queueName, messageId, confirmation, user);
    }

    /** Deletes the message for good; confirmed like {@link #retry}. */
    public Result delete(String queueName, long messageId, String confirmation, String user) {
        return act("delete", queueName, messageId, confirmation, user);
    }

    private Result act(String action, String queueName, long messageId, String confirmation, String user) {
        Optional<QueueControl> found = isDeadLetterQueue(queueName) ? control(queueName) : Optional.empty();
        if (found.isEmpty()) {
            return Result.NOT_FOUND;
        }
        QueueControl queue = found.get();
        Map<String, Object> message = list(queue).stream()
                .filter(m -> m.get("messageID") instanceof Number id && id.longValue() == messageId).findFirst().orElse(null);
        if (message == null) {
            return Result.NOT_FOUND;
        }
        Letter letter = letter(queueName, message);
        String expected = letter.businessId() != null ? letter.businessId() : Long.toString(messageId);
        if (confirmation == null || !expected.equals(confirmation.strip())) {
            return Result.CONFIRMATION_MISMATCH;
        }
        if (action.equals("retry") && letter.originalAddress() == null) {
            return Result.NOT_RETRYABLE;
        }
        Instant started = Instant.now();
        boolean done;
        try {
            done = action.equals("retry") ? queue.retryMessage(messageId) : queue.removeMessage(messageId);
        } catch (Exception e) {
            throw new IllegalStateException("The broker could not " + action + " message " + messageId + " of " + queueName, e);
        }
        if (!done) {
            return Result.NOT_FOUND;
        }
        // the trail: who repaired which business object, in the same hash-chained log as the exchanges themselves
        messageLog.append(MessageLogEntry.inbound(expected.length() <= 64 ? expected : Long.toString(messageId))
                .partner(user)
                .service("console.dead-letter." + action)
                .started(started)
                .finished(Instant.now())
                .outcome("OK")
                .build());
        LOG.warn("Dead letter {} ({}={}) of {} {} by console user {}{}", messageId, letter.businessIdName(), letter.businessId(), queueName,
                action.equals("retry") ? "sent back to " + letter.originalAddress() : "deleted", user,
                letter.reason() == null ? "" : "; it had failed with: " + letter.reason());
        return Result.DONE;
    }

    private static boolean matches(Map<String, Object> message, String businessId) {
        for (String header : BUSINESS_IDS) {
            Object value = message.get(header);
            if (value != null && businessId.equals(String.valueOf(value))) {
                return true;
            }
        }
        return false;
    }

    private static Letter letter(String queue, Map<String, Object> message) {
        String idName = null;
        String id = null;
        for (String header : BUSINESS_IDS) {
            Object value = message.get(header);
            if (value != null) {
                idName = header;
                id = String.valueOf(value);
                break;
            }
        }
        Object dossier = message.get("DossierCode");
        Object reason = message.get(REASON);
        Object original = message.get(ORIGINAL_ADDRESS);
        Object timestamp = message.get("timestamp");
        return new Letter(queue, ((Number) message.get("messageID")).longValue(), idName, id, dossier == null ? null : String.valueOf(dossier),
                reason == null ? null : String.valueOf(reason), original == null ? null : String.valueOf(original),
                timestamp instanceof Number t && t.longValue() > 0 ? Instant.ofEpochMilli(t.longValue()) : null);
    }

    private static List<Map<String, Object>> list(QueueControl queue) {
        try {
            return List.of(queue.listMessages(null));
        } catch (Exception e) {
            throw new IllegalStateException("The broker could not list the messages of " + queue.getName(), e);
        }
    }

    private void meter(String queue) {
        if (metered.add(queue)) {
            Gauge.builder("gateway.dead.letters", this, d -> d.control(queue).map(QueueControl::getMessageCount).orElse(0L))
                    .description("Messages waiting in a dead-letter queue").tag("queue", queue).register(registry);
            FunctionCounter.builder("gateway.dead.letters.added", this, d -> d.control(queue).map(QueueControl::getMessagesAdded).orElse(0L))
                    .description("Messages dead-lettered into the queue since the broker started").tag("queue", queue).register(registry);
        }
    }

    private Optional<ActiveMQServer> server() {
        EmbeddedActiveMQ embedded = broker.getIfAvailable();
        return Optional.ofNullable(embedded == null ? null : embedded.getActiveMQServer()).filter(ActiveMQServer::isActive);
    }

    private List<QueueControl> controls() {
        List<QueueControl> controls = new ArrayList<>();
        server().ifPresent(s -> {
            for (Object resource : s.getManagementService().getResources(QueueControl.class)) {
                controls.add((QueueControl) resource);
            }
        });
        return controls;
    }

    private Optional<QueueControl> control(String queue) {
        return controls().stream().filter(q -> q.getName().equals(queue)).findFirst();
    }
}
