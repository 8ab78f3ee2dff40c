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
        Path knownHosts = folder.resolve("keys/intake_known_hosts");
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        String firstHostLine;
        try (SandboxSftpServer server = new SandboxSftpServer(port, folder.resolve("sftp"), key, knownHosts)) {
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
        try (SandboxSftpServer again = new SandboxSftpServer(port, folder.resolve("sftp"), key, knownHosts)) {
            assertThat(Files.readString(key)).as("the same login key").isEqualTo(keyBefore);
            assertThat(Files.readString(knownHosts)).as("the same host key").isEqualTo(firstHostLine);
        }
    }

    @Test
    void aTakenPortLeavesItOffInsteadOfStoppingTheGateway() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             SandboxSftpServer server = new SandboxSftpServer(taken.getLocalPort(), folder.resolve("sftp"),
                     folder.resolve("keys/key.pem"), folder.resolve("keys/known_hosts"))) {
            assertThat(server.running()).isFalse();
        }
    }
}
