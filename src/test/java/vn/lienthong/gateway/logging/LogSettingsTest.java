package vn.lienthong.gateway.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;

/**
 * What an operator reads in the log: every line with its full date and offset (a log kept for days,
 * or merged from two instances, is useless with the time of day alone), and no broker audit flood.
 */
class LogSettingsTest {

    private static final Path LOGBACK = Path.of("src/main/resources/logback-spring.xml");

    @Test
    void everyLineStartsWithAnIsoDateTimeWithItsOffset() throws IOException {
        Matcher pattern = Pattern.compile("name=\"CONSOLE_LOG_PATTERN\"\\s+value=\"([^\"]+)\"").matcher(Files.readString(LOGBACK));
        assertThat(pattern.find()).isTrue();
        Matcher date = Pattern.compile("^%d\\{[^}]+\\}").matcher(pattern.group(1).replace("&apos;", "'"));
        assertThat(date.find()).as("the line starts with the date converter").isTrue();

        LoggerContext context = new LoggerContext();
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.setPattern(date.group());
        layout.start();
        LoggingEvent event = new LoggingEvent("test", context.getLogger("test"), Level.INFO, "message", null, null);
        event.setTimeStamp(1_764_945_000_123L);

        assertThat(layout.doLayout(event)).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}(Z|[+-]\\d{2}:\\d{2})");
    }

    @Test
    void theBrokersAuditLogAndTheReadinessProbesDoNotFloodTheLog() throws IOException {
        List<PropertySource<?>> yaml = new YamlPropertySourceLoader().load("application", new FileSystemResource("src/main/resources/application.yaml"));
        StandardEnvironment env = new StandardEnvironment();
        yaml.forEach(env.getPropertySources()::addLast);
        String key = "logging.level.org.apache.activemq.audit";
        assertThat(Level.toLevel(env.getProperty(key), Level.DEBUG).isGreaterOrEqual(Level.WARN))
                .as(key + " is WARN or OFF by default, so the audit's INFO lines (one per message sent or consumed) stay out").isTrue();

        String probes = "logging.level.org.apache.camel.spring.boot.actuate.health.readiness.CamelReadinessStateHealthIndicator";
        assertThat(Level.toLevel(env.getProperty(probes), Level.DEBUG).isGreaterOrEqual(Level.ERROR))
                .as("no WARN per failing readiness probe on every health call during start").isTrue();

        env.getPropertySources().addFirst(new org.springframework.core.env.MapPropertySource("env", Map.of("GATEWAY_ARTEMIS_AUDIT_LOG", "INFO")));
        assertThat(env.getProperty(key)).as("documented switch").isEqualTo("INFO");
    }
}
