package vn.lienthong.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class AdmissionGateTest {

    @Test
    void oneRequestMoreThanTheLimitIsRefusedAtOnceWithACodeAndRetryAfterAndNothingDone() throws Exception {
        AdmissionGate gate = new AdmissionGate(2);
        CountDownLatch inside = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger served = new AtomicInteger();
        FilterChain slow = (request, response) -> {
            served.incrementAndGet();
            inside.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try {
            Future<?> first = callers.submit(() -> call(gate, slow));
            Future<?> second = callers.submit(() -> call(gate, slow));
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(gate.inProgress()).isEqualTo(2);

            long started = System.nanoTime();
            MockHttpServletResponse refused = call(gate, slow);
            assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(1_000);
            assertThat(refused.getStatus()).isEqualTo(503);
            assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
            assertThat(refused.getContentAsString()).contains("\"code\":\"GATEWAY_BUSY\"").contains("\"requestId\"");
            assertThat(served).hasValue(2);

            release.countDown();
            first.get(10, TimeUnit.SECONDS);
            second.get(10, TimeUnit.SECONDS);
            assertThat(gate.inProgress()).isZero();
            assertThat(call(gate, (request, response) -> served.incrementAndGet()).getStatus()).isEqualTo(200);
            assertThat(served).hasValue(3);
        } finally {
            release.countDown();
            callers.shutdownNow();
        }
    }

    @Test
    void aRequestThatFailsGivesItsPlaceBack() {
        AdmissionGate gate = new AdmissionGate(1);
        assertThatThrownBy(() -> call(gate, (request, response) -> {
            throw new IllegalStateException("route failed");
        })).hasMessageContaining("route failed");
        assertThat(gate.inProgress()).isZero();
    }

    @Test
    void aLimitBelowOneIsAConfigurationError() {
        assertThatThrownBy(() -> new AdmissionGate(0)).hasMessageContaining("max-concurrent-requests");
    }

    private static MockHttpServletResponse call(AdmissionGate gate, FilterChain chain) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/citizens/001099012345");
        MockHttpServletResponse response = new MockHttpServletResponse();
        try {
            gate.doFilter(request, response, chain);
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
        return response;
    }
}
