package vn.lienthong.gateway.api;

import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpEngine;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Camel's platform-http routes run on the servlet container's request thread, not on a second pool.
 * <p>
 * Camel Spring Boot's engine hands every request to an executor (Spring's {@code applicationTaskExecutor}) and
 * returns a future: each request then costs a hand-over between two threads and back, and, with a bounded queue
 * in front of that pool, an overloaded gateway queued requests until their callers timed out instead of refusing
 * them at once. Run on the caller's thread ({@code Runnable::run}), the route is done when the future is returned;
 * the request still ends through Spring MVC's asynchronous dispatch, which only completes it (the route wrote the
 * answer). How many requests run at once: {@code gateway.http.max-concurrent-requests} ({@code security.AdmissionGate}),
 * within Tomcat's {@code server.tomcat.threads.max}. {@code gateway.http.routes-on-request-thread=false} restores
 * Camel's own hand-over (the benchmark compares both).
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

    /** The engine of Camel Spring Boot, with an executor that runs the route where it is called. */
    static final class OnRequestThread extends SpringBootPlatformHttpEngine {
        OnRequestThread(int port) {
            super(port, Runnable::run);
        }
    }
}
