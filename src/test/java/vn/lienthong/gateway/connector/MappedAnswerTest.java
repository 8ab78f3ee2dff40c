package vn.lienthong.gateway.connector;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The connector follows the answer mapping's verdict, and nothing but a FOUND with a result is data. */
class MappedAnswerTest {

    private final MappedAnswer mappedAnswer = new MappedAnswer();

    private Exchange unwrap(String mapped) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody(mapped);
        exchange.getMessage().setHeader("leftover", "x");
        mappedAnswer.unwrap(exchange, "population registry");
        return exchange;
    }

    @Test
    void foundHandsOnTheResultAlone() {
        Exchange exchange = unwrap("{\"outcome\": \"FOUND\", \"result\": {\"id\": \"001203012345\"}}");
        assertThat(exchange.getMessage().getHeader(MappedAnswer.OUTCOME)).isEqualTo("FOUND");
        assertThat(exchange.getMessage().getHeader("leftover")).isNull();
        assertThat(exchange.getMessage().getBody(JsonNode.class).path("id").asText()).isEqualTo("001203012345");
    }

    @Test
    void notFoundIsAnOutcomeNotAnError() {
        Exchange exchange = unwrap("{\"outcome\": \"NOT_FOUND\"}");
        assertThat(exchange.getMessage().getHeader(MappedAnswer.OUTCOME)).isEqualTo("NOT_FOUND");
        assertThat(exchange.getMessage().getBody(JsonNode.class).isEmpty()).isTrue();
    }

    @Test
    void errorsUnknownVerdictsAndFoundWithoutAResultAre502() {
        for (String mapped : new String[]{"{\"outcome\": \"ERROR\", \"message\": \"SOAP fault\"}", "{\"outcome\": \"MAYBE\"}",
                "{}", "not json", "{\"outcome\": \"FOUND\"}", "{\"outcome\": \"FOUND\", \"result\": [1]}"}) {
            assertThatThrownBy(() -> unwrap(mapped)).as(mapped).isInstanceOf(UpstreamErrorException.class);
        }
    }
}
