package vn.lienthong.gateway.api;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.spi.PlatformHttpConsumer;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpConsumer;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Camel's platform-http routes run on the servlet container's request thread, and the request ends there.
 * <p>
 * Camel Spring Boot's engine hands every request to an executor (Spring's {@code applicationTaskExecutor}) and
 * returns a future that Spring MVC completes with an asynchronous dispatch: each request then cost a hand-over between
 * two threads and back, a second pass through the dispatcher (its handler look-up included) to end it, and, with a
 * bounded queue in front of that pool, an overloaded gateway queued requests until their callers timed out instead of
 * refusing them at once. Here the route runs where it is called and writes its answer, and the handler returns no
 * future: Spring MVC takes the request as handled, and it ends with the call. How many requests run at once:
 * {@code gateway.http.max-concurrent-requests} ({@code security.AdmissionGate}), within Tomcat's
 * {@code server.tomcat.threads.max}. {@code gateway.http.routes-on-request-thread=false} restores Camel's own
 * hand-over (the benchmark compares both).
 */
@Component
@ConditionalOnProperty(name = "gateway.http.routes-on-request-thread", havingValue = "true", matchIfMissing = true)
class RequestThreadEngine implements BeanPostProcessor {

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof SpringBootPlatformHttpEngine engine && !(bean instanceof OnRequestThread)) {
            return new OnRequestThread(engine.getServerPort());
        }
        return bean;
    }

    /** The engine of Camel Spring Boot, whose consumers run the route on the request's thread. */
    static final class OnRequestThread extends SpringBootPlatformHttpEngine {
        OnRequestThread(int port) {
            super(port, Runnable::run);
        }

        @Override
        public PlatformHttpConsumer createConsumer(PlatformHttpEndpoint endpoint, Processor processor) {
            return new OnRequestThreadConsumer(endpoint, processor);
        }
    }

    /**
     * Camel Spring Boot's consumer, serving the request synchronously. Spring MVC calls {@link #service} as the
     * handler method Camel registered (it returns a future); a null future is a request the handler has handled.
     */
    static final class OnRequestThreadConsumer extends SpringBootPlatformHttpConsumer {

        private static final Logger LOG = LoggerFactory.getLogger(OnRequestThreadConsumer.class);

        OnRequestThreadConsumer(PlatformHttpEndpoint endpoint, Processor processor) {
            super(endpoint, processor, Runnable::run);
        }

        /** Runs the route and writes its answer; on a failure outside the route, a 500 as Camel's own consumer answers it. */
        @Override
        public CompletableFuture<Void> service(HttpServletRequest request, HttpServletResponse response) {
            try {
                handleService(request, response);
            } catch (Exception e) {
                LOG.warn("Error handling request due to: {}", e.getMessage(), e);
                if (!response.isCommitted()) {
                    try {
                        response.sendError(500);
                    } catch (IOException ignored) {
                        // the caller has gone; nothing left to tell it
                    }
                }
            }
            return null;
        }
    }
}
