package vn.lienthong.gateway.security;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.lienthong.gateway.GatewayTestSupport;
import vn.lienthong.gateway.sandbox.SandboxFaults;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finding 4: the sandbox's switches need the admin login however their path is spelled — %-encoded letters,
 * doubled slashes, dot segments, mixed case — because the rule is checked on the path Spring MVC dispatches on.
 */
class SandboxSwitchesIT extends GatewayTestSupport {

    @Autowired
    SandboxFaults faults;

    @AfterEach
    void landIsUp() throws Exception {
        put("/sandbox/faults/land?mode=NONE");
    }

    @Test
    void anEncodedSwitchPathWithoutLoginAnswers401AndTheFaultIsNotApplied() throws Exception {
        for (String path : new String[]{"/sandbox/%66aults/land", "/sandbox/f%61ults/land", "/%73andbox/faults/land",
                "/sandbox/%66%61%75%6C%74%73/land", "/sandbox/%66aults/%6cand"}) {
            HttpResponse<String> response = anonymous("PUT", path + "?mode=DOWN");
            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(faults.of("land").mode()).as(path).isEqualTo(SandboxFaults.Mode.NONE);
        }
        HttpResponse<String> stats = anonymous("GET", "/sandbox/population/%73tats");
        assertThat(stats.statusCode()).isEqualTo(401);
    }

    @Test
    void otherSpellingsOfASwitchAreRefusedToo() throws Exception {
        for (String path : new String[]{"/sandbox//faults/land", "/sandbox/./faults/land", "/sandbox/x/../faults/land",
                "/sandbox/%2e/faults/land", "/sandbox/Faults/land", "/sandbox/FAULTS/land", "/sandbox/faults%2Fland",
                "/sandbox/faults/land/", "/sandbox/faults;x=1/land", "/sandbox/%2566aults/land"}) {
            HttpResponse<String> response = anonymous("PUT", path + "?mode=DOWN");
            assertThat(response.statusCode()).as(path).isBetween(400, 499);
            assertThat(faults.of("land").mode()).as(path).isEqualTo(SandboxFaults.Mode.NONE);
        }
        // what the firewall refuses is answered with the gateway's coded error, not Spring Boot's default page
        HttpResponse<String> semicolon = anonymous("PUT", "/sandbox/faults;x=1/land?mode=DOWN");
        assertThat(semicolon.statusCode()).isEqualTo(400);
        assertThat(semicolon.body()).contains("\"code\":\"REQUEST_INVALID\"");
    }

    @Test
    void theSftpDemoBatchNeedsTheLoginEncodedOrNot() throws Exception {
        Path inbox = DATA_DIR.resolve("sandbox-sftp");
        long before = count(inbox);
        for (String path : new String[]{"/sandbox/%73ftp/demo-batch", "/sandbox/sftp/demo-batch", "/sandbox/SFTP/demo-batch"}) {
            assertThat(anonymous("POST", path).statusCode()).as(path).isEqualTo(401);
        }
        assertThat(count(inbox)).isEqualTo(before);
    }

    @Test
    void theAdminStillSwitchesWithTheLogin() throws Exception {
        assertThat(put("/sandbox/faults/land?mode=DOWN").statusCode()).isEqualTo(200);
        assertThat(faults.of("land").mode()).isEqualTo(SandboxFaults.Mode.DOWN);
        HttpResponse<String> viewer = HTTP.send(HttpRequest.newBuilder(URI.create(url("/sandbox/faults/land?mode=NONE")))
                .header("Authorization", basic("viewer", VIEWER_PASSWORD)).PUT(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(viewer.statusCode()).isEqualTo(403);
        assertThat(faults.of("land").mode()).isEqualTo(SandboxFaults.Mode.DOWN);
    }

    private static HttpResponse<String> anonymous(String method, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(20))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long count(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (var files = Files.walk(dir)) {
            return files.count();
        }
    }
}
