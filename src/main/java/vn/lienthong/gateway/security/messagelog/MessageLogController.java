package vn.lienthong.gateway.security.messagelog;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /admin/message-log/verify}: runs the verifier and answers its result as JSON —
 * 200 when the log is intact, 409 when it is not (so that {@code curl -f} in a cron job fails),
 * 503 with the code {@value MessageLogException#CODE} when the database cannot be read.
 * The chain is checked against this instance's anchor file ({@link ChainAnchor}): a chain cut off before it
 * is 409 {@code TRUNCATED}, naming the first missing record and the anchored seal.
 * Access to {@code /admin/**} is restricted by the security configuration.
 */
@RestController
public class MessageLogController {

    private static final Logger LOG = LoggerFactory.getLogger(MessageLogController.class);

    private final MessageLogVerifier verifier;

    public MessageLogController(MessageLogVerifier verifier) {
        this.verifier = verifier;
    }

    @GetMapping(path = "/admin/message-log/verify", produces = "application/json")
    public ResponseEntity<VerificationResult> verify() {
        VerificationResult result = verifier.verify();
        return ResponseEntity.status(result.ok() ? HttpStatus.OK : HttpStatus.CONFLICT).body(result);
    }

    @ExceptionHandler(MessageLogException.class)
    ResponseEntity<Map<String, String>> unavailable(MessageLogException e) {
        LOG.error("Message log verification could not run", e);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .body(Map.of("code", e.code(), "message", "The message log cannot be read; the incident was logged."));
    }
}
