package vn.lienthong.gateway.registry;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.PreDestroy;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.springframework.stereotype.Component;
import vn.lienthong.gateway.api.RequestContext;

/**
 * Asks the national registries from Java, through the same connector Kamelets the look-up routes
 * use (so the same authentication, circuit breakers, timeouts and message log apply), each call on
 * its own thread so that a caller can ask several registries at once and wait for all within one
 * time budget. Every method answers a future that fails with the connector's
 * {@link vn.lienthong.gateway.connector.UpstreamUnavailableException} (or UpstreamErrorException).
 */
@Component
public class RegistryClient {

    private final ProducerTemplate template;
    private final CamelContext camel;
    /** Threads that wait on registries (I/O, not CPU): a registry that hangs holds one only until its connector's timeout. */
    private final ExecutorService callers = Executors.newFixedThreadPool(64, new DaemonThreads());

    public RegistryClient(CamelContext camel) {
        this.camel = camel;
        this.template = camel.createProducerTemplate();
    }

    /** Who is asking: carried into the message log of each registry call. */
    public record Caller(String requestId, String service) {
    }

    /** The enterprise (or branch) the business registry knows by this code, normalised ({@link RegistryFacts#enterprise}). */
    public CompletableFuture<Optional<Map<String, Object>>> enterprise(EnterpriseCode code, Caller caller) {
        return call("kamelet:business-registry-action", RegistryLookups.enterpriseQuery(code), null, caller)
                .thenApply(answer -> answer.found() ? Optional.of(RegistryFacts.enterprise((JsonNode) answer.body())) : Optional.empty());
    }

    /** The citizen's permanent residence from the population registry (the connector answers the mapped citizen JSON). */
    public CompletableFuture<Optional<Map<String, Object>>> residence(CitizenId id, Caller caller) {
        return call("kamelet:population-registry-action", id.value(), null, caller)
                .thenApply(answer -> answer.found() ? Optional.of(residenceOf((JsonNode) answer.body())) : Optional.empty());
    }

    /** The facts the reuse check takes from a citizen: who, whether deceased, the permanent residence. */
    static Map<String, Object> residenceOf(JsonNode citizen) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("personalId", citizen.path("id").asText(null));
        out.put("deceased", citizen.path("deceased").asBoolean(false));
        JsonNode permanent = citizen.path("permanentResidence");
        if (permanent.isObject()) {
            out.put("provinceCode", permanent.path("provinceCode").asText(null));
            out.put("communeCode", permanent.path("communeCode").asText(null));
            out.put("detail", permanent.path("detail").isNull() ? null : permanent.path("detail").asText(null));
        }
        return out;
    }

    /** The social-insurance participants linked to this personal ID (normally one, or none). */
    public CompletableFuture<List<Map<String, Object>>> participantsOf(CitizenId id, Caller caller) {
        return call("kamelet:social-insurance-action", "soDinhDanh=" + id.value(), "search", caller)
                .thenApply(answer -> answer.found() ? RegistryFacts.participants((JsonNode) answer.body()) : List.of());
    }

    /** The parcels the land database lists with this person among their holders. */
    public CompletableFuture<List<Map<String, Object>>> parcelsHeldBy(CitizenId id, Caller caller) {
        return call("kamelet:land-registry-action", "soDinhDanh=" + id.value(), null, caller)
                .thenApply(answer -> answer.found() ? RegistryFacts.parcels((JsonNode) answer.body()) : List.of());
    }

    private record Answer(boolean found, Object body) {
    }

    private CompletableFuture<Answer> call(String connector, String query, String operation, Caller caller) {
        return CompletableFuture.supplyAsync(() -> {
            Exchange exchange = new DefaultExchange(camel);
            exchange.setProperty(RequestContext.REQUEST_ID, caller.requestId());
            exchange.setProperty(RequestContext.SERVICE, caller.service());
            if (operation != null) {
                exchange.setProperty(RegistryLookups.OPERATION, operation);
            }
            exchange.getMessage().setBody(query);
            Exchange done = template.send(connector, exchange);
            if (done.getException() != null) {
                throw new CompletionException(done.getException());
            }
            return new Answer(RegistryAnswers.FOUND.equals(done.getMessage().getHeader(RegistryAnswers.OUTCOME, String.class)),
                    done.getMessage().getBody());
        }, callers);
    }

    @PreDestroy
    void stop() {
        callers.shutdownNow();
    }

    private static final class DaemonThreads implements java.util.concurrent.ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread thread = new Thread(r, "registry-call-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
