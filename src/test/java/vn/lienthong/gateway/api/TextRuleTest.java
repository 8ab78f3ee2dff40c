package vn.lienthong.gateway.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextRuleTest {

    @ParameterizedTest
    @ValueSource(strings = {"\u000b", "\u0000", "\u001f", "\u007f", "\u0085", "\u009f", "\ufffe", "\uffff", "\ufdd0", "\ufdef",
            "\ud800", "\udfff", "\ud83f\udffe" /* U+1FFFE */, "\udbff\udfff" /* U+10FFFF */})
    void charactersThatCannotTravelAreRefusedNamingTheFieldAndTheCodePoint(String bad) {
        assertThatThrownBy(() -> TextRule.check("progress.handler", "Trần" + bad + "Bích"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.TEXT_NOT_ALLOWED);
                    assertThat(e.getMessage()).contains("'progress.handler'").contains(String.format("U+%04X", bad.codePointAt(0)))
                            .contains("position 5");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Nguyễn Văn An", "tab\there", "line\r\nbreak", "𠀀 (U+20000)", "✓ €", "\ufffd", "\ud83d\ude00"})
    void everyOtherCharacterTravels(String fine) {
        assertThatCode(() -> TextRule.check("f", fine)).doesNotThrowAnyException();
    }

    @Test
    void aJsonTreeIsWalkedWithPaths() throws Exception {
        var tree = new ObjectMapper().readTree("{\"a\": {\"list\": [\"ok\", {\"b\": \"x\\u000by\"}]}}");
        assertThatThrownBy(() -> TextRule.check("", tree)).hasMessageContaining("'a.list[1].b'");
    }

    public static final class Model {
        public String name = "ok";
        public Nested nested = new Nested();
        public java.util.List<Nested> items = java.util.List.of(new Nested(), new Nested("bad\u0000"));
    }

    public static final class Nested {
        public String value;
        public Integer number = 3;
        public byte[] content = {0, 1};

        Nested() {
            this("fine");
        }

        Nested(String value) {
            this.value = value;
        }
    }

    @Test
    void aModelsPublicFieldsAreWalkedWithPaths() {
        assertThatThrownBy(() -> TextRule.checkFields("", new Model())).hasMessageContaining("'items[1].value'");
    }
}
