package vn.lienthong.gateway.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/add-a-national-system.md teaches by the civil-status flow: the route it shows is the shipped one, word for word,
 * and it names no file or step the flow no longer has.
 */
class CivilStatusGuideTest {

    @Test
    void theGuideShowsTheShippedRoute() throws IOException {
        String guide = Files.readString(Path.of("docs/add-a-national-system.md"), StandardCharsets.UTF_8);
        String route = Files.readString(Path.of("routes/civil-status-lookup.camel.yaml"), StandardCharsets.UTF_8);
        String shipped = route.substring(route.indexOf("- route:\n    id: civil-status-record\n"),
                route.indexOf("- route:\n    id: civil-status-records\n")).stripTrailing();

        String section = guide.substring(guide.indexOf("## 4. The route"));
        int start = section.indexOf("```yaml\n") + "```yaml\n".length();
        String shown = section.substring(start, section.indexOf("```", start)).stripTrailing();

        assertThat(shown).isEqualTo(shipped);
        assertThat(guide).doesNotContain("civil-status-refuse", "RequestContext", "LookupAccessLog.begin", "error-codes.civil-status.yaml");
    }
}
