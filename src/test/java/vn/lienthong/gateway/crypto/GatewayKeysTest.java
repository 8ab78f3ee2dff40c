package vn.lienthong.gateway.crypto;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where the gateway's keys come from: a configured PKCS#12 keystore, development keys, or a clear refusal. */
class GatewayKeysTest {

    @TempDir
    Path dataDir;

    @Test
    void keystoreIsLoadedFromAPkcs12File() throws Exception {
        TestCa pki = TestCa.create("Province CA");
        SigningIdentity identity = pki.signer("lienthong-gateway");
        Path keystore = dataDir.resolve("gateway.p12");
        KeyFiles.writePkcs12(keystore, "s3cret".toCharArray(), "gw", identity);
        Path caFile = dataDir.resolve("province-ca.pem");
        KeyFiles.writePemCertificate(caFile, pki.ca);

        GatewayKeys keys = GatewayKeys.load(properties(keystore.toString(), "s3cret", "gw", List.of(caFile.toString()), false), dataDir);

        assertThat(keys.development()).isFalse();
        assertThat(keys.identity().certificate()).isEqualTo(identity.certificate());
        assertThat(keys.identity().chain()).hasSize(2);
        assertThat(keys.trusted().certificates()).containsExactly(pki.ca);
        CryptoConfiguration.requireOwnSignaturesVerify(new CmsSigner(keys.identity()), new CmsVerifier(keys.trusted()));
        assertThat(dataDir.resolve(GatewayKeys.KEYS_FOLDER)).doesNotExist();
    }

    @Test
    void wrongPasswordOrAliasNamesTheProperty() throws Exception {
        Path keystore = dataDir.resolve("gateway.p12");
        KeyFiles.writePkcs12(keystore, "s3cret".toCharArray(), "gw", TestCa.create("CA").signer("gw"));

        assertThatThrownBy(() -> GatewayKeys.load(properties(keystore.toString(), "wrong", "gw", List.of(), false), dataDir))
                .isInstanceOf(KeyMaterialException.class).hasMessageContaining("gateway.crypto.keystore.password");
        assertThatThrownBy(() -> GatewayKeys.load(properties(keystore.toString(), "s3cret", "other", List.of(), false), dataDir))
                .isInstanceOf(KeyMaterialException.class).hasMessageContaining("gateway.crypto.keystore.alias");
        assertThatThrownBy(() -> GatewayKeys.load(properties(keystore.toString(), "s3cret", null, List.of(), false), dataDir))
                .isInstanceOf(KeyMaterialException.class).hasMessageContaining("gateway.crypto.keystore.alias is not set");
        assertThatThrownBy(() -> GatewayKeys.load(properties(dataDir.resolve("missing.p12").toString(), "x", "gw", List.of(), false), dataDir))
                .isInstanceOf(KeyMaterialException.class).hasMessageContaining("gateway.crypto.keystore.path");
    }

    @Test
    void withoutKeystoreAndWithoutDevKeysStartUpIsRefused() {
        assertThatThrownBy(() -> GatewayKeys.load(properties(null, null, null, List.of(), false), dataDir))
                .isInstanceOf(KeyMaterialException.class)
                .hasMessageContaining("gateway.crypto.keystore.path is not set");
        assertThat(dataDir.resolve(GatewayKeys.KEYS_FOLDER)).doesNotExist();
    }

    @Test
    void ownSignatureThatDoesNotVerifyRefusesStartUp() {
        SigningIdentity identity = TestCa.create("Unlisted CA").signer("gw");
        assertThatThrownBy(() -> CryptoConfiguration.requireOwnSignaturesVerify(new CmsSigner(identity),
                new CmsVerifier(TestCa.create("Listed CA").trust())))
                .isInstanceOf(KeyMaterialException.class)
                .hasMessageContaining("gateway.crypto.trusted-cas");
    }

    @Test
    void developmentKeysAreGeneratedOnceAndReused() throws Exception {
        CryptoProperties dev = properties(null, null, null, List.of(), true);

        GatewayKeys first = GatewayKeys.load(dev, dataDir);
        Path folder = dataDir.resolve(GatewayKeys.KEYS_FOLDER);
        assertThat(first.development()).isTrue();
        assertThat(folder.resolve(DevelopmentKeys.CA_FILE)).exists();
        assertThat(folder.resolve(DevelopmentKeys.KEYSTORE_FILE)).exists();
        assertThat(Files.readString(folder.resolve(DevelopmentKeys.PASSWORD_FILE), StandardCharsets.US_ASCII).strip()).hasSizeGreaterThan(20);
        assertThat(((java.security.interfaces.RSAPublicKey) first.identity().certificate().getPublicKey()).getModulus().bitLength())
                .isEqualTo(DevelopmentKeys.KEY_BITS);
        if (Files.getFileAttributeView(folder, java.nio.file.attribute.PosixFileAttributeView.class) != null) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
            for (String file : List.of(DevelopmentKeys.CA_FILE, DevelopmentKeys.KEYSTORE_FILE, DevelopmentKeys.PASSWORD_FILE)) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve(file)))).as(file).isEqualTo("rw-------");
            }
        }
        byte[] signature = new CmsSigner(first.identity()).sign(new byte[]{42});

        GatewayKeys second = GatewayKeys.load(dev, dataDir);   // the next start

        assertThat(second.identity().certificate()).isEqualTo(first.identity().certificate());
        assertThat(second.identity().privateKey()).isEqualTo(first.identity().privateKey());
        assertThat(new CmsVerifier(second.trusted()).verify(new byte[]{42}, signature).valid()).isTrue();
        try (var files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(DevelopmentKeys.CA_FILE, DevelopmentKeys.KEYSTORE_FILE, DevelopmentKeys.PASSWORD_FILE);
        }
    }

    @Test
    void configuredKeystoreWinsOverDevelopmentKeys() throws Exception {
        Path keystore = dataDir.resolve("gateway.p12");
        TestCa pki = TestCa.create("CA");
        KeyFiles.writePkcs12(keystore, "pw".toCharArray(), "gw", pki.signer("gw"));

        GatewayKeys keys = GatewayKeys.load(properties(keystore.toString(), "pw", "gw", List.of(), true), dataDir);

        assertThat(keys.development()).isFalse();
        assertThat(dataDir.resolve(GatewayKeys.KEYS_FOLDER)).doesNotExist();
    }

    @Test
    void keystoreCasCanBeTrustedByTheOfflineVerifier() throws Exception {
        TestCa pki = TestCa.create("CA");
        Path keystore = dataDir.resolve("gateway.p12");
        KeyFiles.writePkcs12(keystore, "pw".toCharArray(), "gw", pki.signer("gw"));
        assertThat(KeyFiles.caCertificatesIn(keystore, "pw".toCharArray())).containsExactly(pki.ca);
    }

    private static CryptoProperties properties(String path, String password, String alias, List<String> cas, boolean dev) {
        return new CryptoProperties(new CryptoProperties.Keystore(path, password, alias), cas, dev);
    }
}
