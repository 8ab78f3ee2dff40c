package vn.lienthong.gateway.connector;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the portal's answers are read: error_code as a number, the message considered, "already exists" sent as an update. */
class PortalSessionTest {

    private final PortalSession session = new PortalSession();

    @Test
    void errorCodeZeroInAnyWritingIsSuccessAndAnythingElseIsARefusalWithItsMessage() {
        for (String answer : new String[] {"{\"error_code\": 0}", "{\"error_code\": \"0\"}", "{\"error_code\": \"00\", \"message\": \"Thành công\"}"}) {
            Exchange exchange = answer(answer);
            session.requireSuccess(exchange);
            assertThat(exchange.getMessage().getHeader("PortalErrorCode")).as(answer).isEqualTo("0");
        }
        assertThatThrownBy(() -> session.requireSuccess(answer("{\"error_code\": \"2\", \"message\": \"Thiếu MaTTHC\"}")))
                .isInstanceOf(UpstreamErrorException.class).hasMessageContaining("error_code 2").hasMessageContaining("Thiếu MaTTHC");
        assertThatThrownBy(() -> session.requireSuccess(answer("{\"error_code\": \"-3\"}"))).isInstanceOf(UpstreamErrorException.class);
        assertThatThrownBy(() -> session.requireSuccess(answer("<html>oops</html>"))).isInstanceOf(UpstreamErrorException.class);
        assertThatThrownBy(() -> session.requireSuccess(answer("{\"error_code\": \"0x\"}"))).isInstanceOf(UpstreamErrorException.class);
    }

    @Test
    void alreadyExistsIsReadFromTheMessageWhateverTheCode() {
        assertThat(session.alreadyExists("{\"error_code\": \"-3\", \"message\": \"Hồ sơ 000.00.00.H41-261123-0001 đã tồn tại\"}")).isTrue();
        assertThat(session.alreadyExists("{\"error_code\": \"0\", \"message\": \"HỒ SƠ ĐÃ TỒN TẠI\"}")).isTrue();
        assertThat(session.alreadyExists("{\"error_code\": \"3\", \"message\": \"Dịch vụ không tồn tại\"}")).isFalse();
        assertThat(session.alreadyExists("{\"error_code\": \"2\"}")).isFalse();
    }

    @Test
    void aDossierSentAsNewIsRewrittenAsAnUpdateInTheStyleItUsed() throws Exception {
        assertThat(PortalSession.asUpdate("{\"service\":\"DongBoHoSoMC\",\"isUpdating\":false,\"data\":[]}"))
                .isEqualTo("{\"service\":\"DongBoHoSoMC\",\"isUpdating\":true,\"data\":[]}");
        assertThat(PortalSession.asUpdate("{\"service\":\"DongBoHoSoMC\",\"isUpdating\":\"False\"}")).contains("\"isUpdating\":\"True\"");
        assertThat(PortalSession.asUpdate("{\"service\":\"DongBoHoSoMC\",\"isUpdating\":\"0\"}")).contains("\"isUpdating\":\"1\"");
        // already an update, or not a dossier: nothing to send again
        assertThat(PortalSession.asUpdate("{\"service\":\"DongBoHoSoMC\",\"isUpdating\":true}")).isNull();
        assertThat(PortalSession.asUpdate("{\"service\":\"CapNhatTienDoHoSoMC\",\"data\":[]}")).isNull();
    }

    private static Exchange answer(String body) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody(body);
        return exchange;
    }
}
