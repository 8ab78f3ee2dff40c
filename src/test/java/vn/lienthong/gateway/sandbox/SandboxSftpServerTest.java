package vn.lienthong.gateway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sandbox SFTP server on its own: keys it leaves for the connector, and a taken port. */
class SandboxSftpServerTest {

    @TempDir
    Path folder;

    @Test
    void itLeavesTheConnectorItsLoginKeyAndItsOwnHostKeyAndKeepsThemAcrossRestarts() throws Exception {
        Path key = folder.resolve("keys/intake_vnpost_key.pem");
        Path knownHosts = folder.resolve("sftp/known_hosts");
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        String firstHostLine;
        try (SandboxSftpServer server = new SandboxSftpServer(port, folder.resolve("sftp"), key)) {
            assertThat(server.running()).isTrue();
            assertThat(Files.readString(key)).startsWith("-----BEGIN RSA PRIVATE KEY-----");
            firstHostLine = Files.readString(knownHosts);
            assertThat(firstHostLine).startsWith("[localhost]:" + port + " ssh-rsa ");
            String batch = server.deliverDemoBatch();
            assertThat(server.inbox().resolve(batch).resolve("manifest.xml")).exists();
            assertThat(Files.readString(server.inbox().resolve(batch).resolve("giay-khai-sinh-1.pdf"), StandardCharsets.US_ASCII))
                    .startsWith("%PDF-1.7").endsWith("%%EOF\n");
        }
        String keyBefore = Files.readString(key);
        try (SandboxSftpServer again = new SandboxSftpServer(port, folder.resolve("sftp"), key)) {
            assertThat(Files.readString(key)).as("the same login key").isEqualTo(keyBefore);
            assertThat(Files.readString(knownHosts)).as("the same host key").isEqualTo(firstHostLine);
        }
    }

    @Test
    void aKnownHostsFileConfiguredForARealPartnerIsLeftByteIdentical() throws Exception {
        // the README's recipe for a partner's server with the sandbox on: ssh-keyscan wrote the partner's key here
        Path configured = Files.createDirectories(folder.resolve("keys")).resolve("intake_known_hosts");
        byte[] partner = "sftp.partner.example ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPartnerKeyFromSshKeyscan\n".getBytes(StandardCharsets.US_ASCII);
        Files.write(configured, partner);
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        new org.springframework.boot.test.context.runner.ApplicationContextRunner()
                .withUserConfiguration(SandboxSftpConfiguration.class)
                .withPropertyValues("gateway.sandbox.enabled=true", "gateway.sandbox.sftp.enabled=true", "gateway.sandbox.sftp.port=" + port,
                        "gateway.data-dir=" + folder,
                        "camel.kamelet.vnpost-digitization-source.privateKeyFile=" + folder.resolve("keys/intake_vnpost_key.pem"),
                        "camel.kamelet.vnpost-digitization-source.knownHostsFile=" + configured)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    SandboxSftpServer server = context.getBean(SandboxSftpServer.class);
                    assertThat(server.running()).isTrue();
                    assertThat(Files.readString(server.knownHosts())).startsWith("[localhost]:" + port + " ssh-rsa ");
                });
        assertThat(Files.readAllBytes(configured)).as("the partner's known_hosts").isEqualTo(partner);
    }

    @Test
    void aTakenPortLeavesItOffInsteadOfStoppingTheGateway() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             SandboxSftpServer server = new SandboxSftpServer(taken.getLocalPort(), folder.resolve("sftp"),
                     folder.resolve("keys/key.pem"))) {
            assertThat(server.running()).isFalse();
        }
    }
}
