package vn.lienthong.gateway.api;

import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.DefaultPlatformHttpConsumer;
import org.apache.camel.component.platform.http.PlatformHttpConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** A platform-http request is served on the thread that calls the handler, and ends there (no asynchronous dispatch). */
class RequestThreadEngineTest {

    @Test
    void theRouteRunsOnTheRequestThreadAndTheRequestEndsWithTheCall() throws Exception {
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        try (CamelContext context = new DefaultCamelContext()) {
            context.getRegistry().bind(PlatformHttpConstants.PLATFORM_HTTP_ENGINE_NAME, new RequestThreadEngine.OnRequestThread(0));
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("platform-http:/api/v1/test").routeId("test").process(exchange -> {
                        ranOn.set(Thread.currentThread());
                        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
                        exchange.getMessage().setBody("{\"ok\":true}");
                    });
                }
            });
            context.start();
            RequestThreadEngine.OnRequestThreadConsumer consumer = (RequestThreadEngine.OnRequestThreadConsumer)
                    ((DefaultPlatformHttpConsumer) context.getRoute("test").getConsumer()).getPlatformHttpConsumer();

            MockHttpServletResponse response = new MockHttpServletResponse();
            Object future = consumer.service(new MockHttpServletRequest("GET", "/api/v1/test"), response);

            assertThat(future).as("no future: Spring MVC takes the request as handled, no asynchronous dispatch").isNull();
            assertThat(ranOn.get()).isSameAs(Thread.currentThread());
            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(response.getContentAsString()).isEqualTo("{\"ok\":true}");
        }
    }
}
