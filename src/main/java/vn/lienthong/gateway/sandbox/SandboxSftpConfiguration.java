package vn.lienthong.gateway.sandbox;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The simulated digitization partner's SFTP server, with the sandbox and unless
 * {@code gateway.sandbox.sftp.enabled=false}. The vnpost connector's defaults (key file, known_hosts
 * {@code <data>/sandbox-sftp/known_hosts}, port) point at it, so the intake polls it out of the box.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = {"gateway.sandbox.enabled", "gateway.sandbox.sftp.enabled"}, havingValue = "true")
public class SandboxSftpConfiguration {

    @Bean(destroyMethod = "close")
    SandboxSftpServer sandboxSftpServer(@Value("${gateway.sandbox.sftp.port}") int port, @Value("${gateway.data-dir}") Path dataDir,
            @Value("${camel.kamelet.vnpost-digitization-source.privateKeyFile}") Path clientKey) {
        // its host key goes into <data>/sandbox-sftp/known_hosts, never into the connector's configured known_hosts
        return new SandboxSftpServer(port, dataDir.resolve("sandbox-sftp"), clientKey);
    }

    /** {@code POST /sandbox/sftp/demo-batch} (console admin): the partner delivers a demo batch into its inbox. */
    @RestController
    @ConditionalOnProperty(name = {"gateway.sandbox.enabled", "gateway.sandbox.sftp.enabled"}, havingValue = "true")
    static class DemoBatches {

        private final SandboxSftpServer server;

        DemoBatches(SandboxSftpServer server) {
            this.server = server;
        }

        @PostMapping(path = "/sandbox/sftp/demo-batch", produces = "application/json")
        ResponseEntity<Map<String, Object>> deliver() {
            if (!server.running()) {
                return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                        .body(Map.of("code", "SANDBOX_SFTP_OFF", "message", "The sandbox SFTP server is not running (its port was taken)."));
            }
            String batchId = server.deliverDemoBatch();
            return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("batchId", batchId,
                    "message", "Delivered to the partner's inbox: 6 items, 4 good, 1 hash mismatch, 1 invalid owner ID. "
                            + "Follow it at GET /api/v1/intake/batches/" + batchId));
        }
    }
}
