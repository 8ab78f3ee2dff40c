package vn.lienthong.gateway.operations;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import vn.lienthong.gateway.api.ApiException;
import vn.lienthong.gateway.api.ErrorCode;
import vn.lienthong.gateway.connector.UpstreamUnavailableException;

/** How an exchange that the shared error handlers marked handled is still counted as what it was. */
class OutcomeTest {

    private final Exchange exchange = new DefaultExchange(new DefaultCamelContext());

    @Test
    void theAnswersStatusSaysOkRefusedUnavailableOrInternalError() {
        assertThat(outcomeWithStatus(200)).isEqualTo(Outcome.OK);
        assertThat(outcomeWithStatus(400)).isEqualTo(Outcome.REFUSED);
        assertThat(outcomeWithStatus(404)).isEqualTo(Outcome.REFUSED);
        assertThat(outcomeWithStatus(503)).isEqualTo(Outcome.UNAVAILABLE);
        assertThat(outcomeWithStatus(502)).isEqualTo(Outcome.UNAVAILABLE);
        assertThat(outcomeWithStatus(500)).isEqualTo(Outcome.INTERNAL_ERROR);
    }

    @Test
    void aHandledFailureWithoutAnHttpAnswerIsCountedByItsCause() {
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new UpstreamUnavailableException("down"));
        assertThat(Outcome.of(exchange, null)).isEqualTo(Outcome.UNAVAILABLE);
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new IllegalStateException("bug"));
        assertThat(Outcome.of(exchange, null)).isEqualTo(Outcome.INTERNAL_ERROR);
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new ApiException(ErrorCode.DOSSIER_EVENT_INVALID, "bad"));
        assertThat(Outcome.of(exchange, null)).isEqualTo(Outcome.REFUSED);
    }

    @Test
    void aHandledFailureSentToADeadLetterQueueIsADeadLetter() {
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new IllegalStateException("refused by the portal"));
        exchange.setProperty(Exchange.TO_ENDPOINT, "jms://queue:DLQ.dossier.events");
        assertThat(Outcome.of(exchange, null)).isEqualTo(Outcome.DEAD_LETTER);
    }

    @Test
    void aFailureCaughtBeforeTheRouteBeganIsNotCountedAgain() {
        IllegalStateException earlier = new IllegalStateException("an earlier attempt");
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, earlier);
        assertThat(Outcome.of(exchange, earlier)).isEqualTo(Outcome.OK);
    }

    @Test
    void anUnhandledExceptionCountsByItsCause() {
        exchange.setException(new RuntimeException("wrapped", new UpstreamUnavailableException("open circuit")));
        assertThat(Outcome.of(exchange, null)).isEqualTo(Outcome.UNAVAILABLE);
    }

    private Outcome outcomeWithStatus(int status) {
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        return Outcome.of(exchange, null);
    }
}
