package vn.lienthong.gateway.registry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.lienthong.gateway.api.ApiException;
import vn.lienthong.gateway.api.ErrorCode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CitizenIdTest {

    @Test
    void readsTwelveDigitIdsAndOldCards() {
        assertThat(CitizenId.parse("001203012345").kind()).isEqualTo(CitizenId.Kind.PERSONAL_ID);
        assertThat(CitizenId.parse(" 012345678 ").kind()).isEqualTo(CitizenId.Kind.OLD_ID_CARD);
        assertThat(CitizenId.birthYear("001203012345")).isEqualTo(2003);
        assertThat(CitizenId.birthYear("001165004321")).isEqualTo(1965);
        assertThat(CitizenId.isFemale("001165004321")).isTrue();
        assertThat(CitizenId.isFemale("001203012345")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1234567890", "0012030123456", "00120301234x", "003203012345", "001403012345", "001２03012345"})
    void refusesWhatIsNotAnId(String raw) {
        assertThatThrownBy(() -> CitizenId.parse(raw))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(ErrorCode.CITIZEN_ID_INVALID));
    }

    @Test
    void refusesNull() {
        assertThatThrownBy(() -> CitizenId.parse(null)).isInstanceOf(ApiException.class);
    }

    @Test
    void printsMasked() {
        assertThat(CitizenId.parse("001203012345").toString()).isEqualTo("001******345");
    }
}
