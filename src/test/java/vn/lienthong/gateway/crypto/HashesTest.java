package vn.lienthong.gateway.crypto;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HashesTest {

    @Test
    void knownVectors() throws Exception {
        assertThat(Hashes.sha256Hex(new byte[0]))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(Hashes.sha256Hex("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void streamingAndInMemoryAgree() throws Exception {
        byte[] content = new byte[300_000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31);
        }
        assertThat(Hashes.sha256Hex(new ByteArrayInputStream(content))).isEqualTo(Hashes.sha256Hex(content));
    }

    @Test
    void recognisesItsOwnFormat() {
        assertThat(Hashes.isSha256Hex(Hashes.sha256Hex(new byte[]{1}))).isTrue();
        assertThat(Hashes.isSha256Hex("E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855")).isFalse();
        assertThat(Hashes.isSha256Hex("abc")).isFalse();
        assertThat(Hashes.isSha256Hex(null)).isFalse();
    }
}
