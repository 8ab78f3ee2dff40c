package vn.lienthong.gateway.registry;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.xml.transform.dom.DOMSource;

import jakarta.annotation.PreDestroy;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import vn.lienthong.gateway.api.RequestContext;
import vn.lienthong.gateway.xml.JsonAsXml;
import vn.lienthong.gateway.connector.KameletEndpoints;

/**
 * Asks the national registries from Java, through the same connector Kamelets and mapping files the
 * look-up routes use (so the same authentication, circuit breakers, timeouts and message log apply),
 * each call on its own thread so that a caller can ask several registries at once and wait for all
 * within one time budget. It knows no registry: which connector, query and mapping is the caller's
 * (the reuse check reads them from {@code mappings/procedures.yaml}). The future fails with the connector's
 * {@link vn.lienthong.gateway.connector.UpstreamUnavailableException} (or UpstreamErrorException).
 */
@Component
public class RegistryClient {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryClient.class);

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

    /**
     * Asks a registry through its connector Kamelet and maps its answer with a mapping file (an XSLT run
     * as the routes' {@code xslt:} steps run it, the parameters as its {@code xsl:param}s): the future's
     * value is the mapping's output (JSON text, empty when it had nothing to say). "No such record" is
     * mapped too: the mapping says what it means.
     *
     * @param connector the Kamelet's name, e.g. {@code business-registry-action}
     * @param query     the connector's input, built from validated values only
     * @param operation the connector's operation (exchange property {@code registry.operation}), or null
     */
    public CompletableFuture<String> ask(String connector, String query, String operation, Path mapping, Map<String, String> parameters,
                                         Caller caller) {
        String mappingUri = mappingUri(mapping);
        return CompletableFuture.supplyAsync(() -> {
            Exchange exchange = new DefaultExchange(camel);
            exchange.setProperty(RequestContext.REQUEST_ID, caller.requestId());
            exchange.setProperty(RequestContext.SERVICE, caller.service());
            if (operation != null) {
                exchange.setProperty(RegistryLookups.OPERATION, operation);
            }
            exchange.getMessage().setBody(query);
            Exchange done = template.send(KameletEndpoints.resolve(template, "kamelet:" + connector), exchange);
            if (done.getException() == null) {
                done.getMessage().removeHeaders("*");
                parameters.forEach(done.getMessage()::setHeader);
                if (done.getMessage().getBody() instanceof Document document) {
                    done.getMessage().setBody(new DOMSource(document)); // what the xslt step takes directly
                } else if (done.getMessage().getBody() instanceof JsonNode json) {
                    // a connector that maps its answer itself (the population registry) hands over JSON:
                    // the mapping reads it as it reads the other registries' JSON answers
                    done.getMessage().setBody(new DOMSource(JsonAsXml.document(json)));
                }
                done = template.send(mappingUri, done);
            }
            if (done.getException() != null) {
                throw new CompletionException(done.getException());
            }
            String mapped = done.getMessage().getBody(String.class);
            return mapped == null ? "" : mapped;
        }, callers);
    }

    /**
     * Compiles a mapping now, by running it once on an empty answer (what every mapping must read as
     * "no such record"), so that the first call does not pay for it within a caller's time budget and a
     * broken mapping is reported at start with its file. False, and logged, when it fails.
     */
    public boolean prepare(Path mapping) {
        long started = System.nanoTime();
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setBody(new DOMSource(JsonAsXml.emptyObject()));
        Exchange done = template.send(mappingUri(mapping), exchange);
        if (done.getException() != null) {
            LOG.error("{}: the mapping cannot be used: {}", mapping, done.getException().getMessage());
            return false;
        }
        LOG.info("{}: mapping compiled in {} ms", mapping.getFileName(), (System.nanoTime() - started) / 1_000_000);
        return true;
    }

    private static String mappingUri(Path mapping) {
        return "xslt:file:" + mapping.toAbsolutePath().normalize() + "?transformerFactoryClass=net.sf.saxon.TransformerFactoryImpl&output=string";
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
