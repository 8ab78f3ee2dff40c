package vn.lienthong.gateway.dossier;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import vn.lienthong.gateway.sandbox.IgateSimulator;
import vn.lienthong.gateway.sandbox.NationalPortalSimulator;
import vn.lienthong.gateway.sandbox.SandboxFaults;

/**
 * The portal simulator (with the iGate simulator, which receives the portal's online dossiers) alone in its own small web application, so that it outlives a gateway that is
 * stopped and started again: its counters then see every request of both gateway lives. Deliberately not a
 * {@code @Configuration}: the gateway's component scan must never pick it up.
 */
@ImportAutoConfiguration({ServletWebServerFactoryAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
        WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class})
@Import({NationalPortalSimulator.class, IgateSimulator.class})
public class PortalHost {

    @Bean
    SandboxFaults sandboxFaults() {
        return new SandboxFaults();
    }

    public static ConfigurableApplicationContext start(int port) {
        return new SpringApplicationBuilder(PortalHost.class).run(
                "--server.port=" + port, "--gateway.sandbox.enabled=true", "--spring.jmx.enabled=false",
                "--logging.level.root=WARN");
    }
}
