package vn.lienthong.gateway.security;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.RestRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import vn.lienthong.gateway.GatewayTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every HTTP endpoint the running gateway exposes — read from Spring MVC's mappings, the actuator,
 * the registered servlets and Camel's REST registry at runtime, not from a hand-written list —
 * answers 401 to a caller without credentials. The exceptions are listed below with their reason.
 */
class NoDoorLeftOpenIT extends GatewayTestSupport {

    /** Paths that must answer without credentials, and why. */
    private static final Map<String, String> PUBLIC = Map.ofEntries(
            Map.entry("/actuator/health", "the public health probe (status only, no details)"),
            Map.entry("/login", "the console's login form"),
            Map.entry("/", "the landing page: static links to the console, the API description, health and README; no data"),
            Map.entry("/error", "Spring's error page, reached only by error dispatch"),
            Map.entry("/sandbox/idp/jwks", "the sandbox identity provider's public keys, public by nature (sandbox only)"),
            Map.entry("/sandbox/population/health", "the simulated registry's own health page (sandbox only)"),
            Map.entry("/sandbox/axis/health", "the simulated document axis's own health page (sandbox only)"),
            Map.entry("/sandbox/business/health", "the simulated business registry's own health page (sandbox only)"),
            Map.entry("/sandbox/social-insurance/health", "the simulated social-insurance database's own health page (sandbox only)"),
            Map.entry("/sandbox/land/health", "the simulated land database's own health page (sandbox only)"),
            Map.entry("/sandbox/civil-status/health", "the simulated civil-status database's own health page (sandbox only)"),
            Map.entry("/sandbox/portal/health", "the simulated national portal's own health page (sandbox only)"),
            Map.entry("/sandbox/national-edata/health", "the simulated national e-data store's own health page (sandbox only)"),
            Map.entry("/sandbox/igate/health", "the simulated iGate's own health page (sandbox only)"),
            Map.entry("/sandbox/portal/login", "the simulated portal's login: credentials in the body, refused with error_code 1 as the portal does"),
            Map.entry("/sandbox/portal/service", "the simulated portal: the session in the body, refused with error_code 1 as the portal does"));

    @Autowired
    ApplicationContext spring;

    @Autowired
    CamelContext camel;

    @Test
    void everyEndpointWithoutCredentialsAnswers401() throws Exception {
        Map<String, Set<String>> endpoints = discover();
        assertThat(endpoints.keySet()).contains("/api/v1/citizens/{id}", "/actuator/hawtio/jolokia/**", "/actuator/prometheus",
                "/sandbox/faults/{system}");

        Map<String, String> open = new TreeMap<>();
        int checked = 0;
        for (Map.Entry<String, Set<String>> endpoint : endpoints.entrySet()) {
            String path = endpoint.getKey();
            if (PUBLIC.containsKey(path) || path.startsWith("/actuator/health/")) {
                continue;
            }
            for (String method : endpoint.getValue()) {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url(concrete(path))))
                                .method(method, method.equals("GET") || method.equals("DELETE")
                                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"))
                                .header("Content-Type", "application/json").build(),
                        HttpResponse.BodyHandlers.ofString());
                checked++;
                if (response.statusCode() != 401) {
                    open.put(method + " " + path, response.statusCode() + " " + response.body().substring(0, Math.min(120, response.body().length())));
                }
            }
        }
        assertThat(open).as("endpoints that answered without credentials").isEmpty();
        assertThat(checked).isGreaterThan(20);
    }

    @Test
    void thePublicHealthProbeShowsNoDetails() throws Exception {
        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).doesNotContain("url", "latencyMs", "jdbc");
    }

    /** Path pattern -> HTTP methods, from what is registered at runtime. */
    private Map<String, Set<String>> discover() {
        Map<String, Set<String>> endpoints = new TreeMap<>();
        RequestMappingHandlerMapping mvc = spring.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        for (RequestMappingInfo info : mvc.getHandlerMethods().keySet()) {
            Set<String> methods = new TreeSet<>();
            info.getMethodsCondition().getMethods().forEach(m -> methods.add(m.name()));
            if (methods.isEmpty()) {
                methods.add("GET");
            }
            for (String pattern : info.getPatternValues()) {
                endpoints.computeIfAbsent(pattern, p -> new TreeSet<>()).addAll(methods);
            }
        }
        PathMappedEndpoints actuator = spring.getBean(PathMappedEndpoints.class);
        for (String path : actuator.getAllPaths()) {
            endpoints.computeIfAbsent(path, p -> new TreeSet<>()).add("GET");
        }
        endpoints.computeIfAbsent("/actuator", p -> new TreeSet<>()).add("GET");
        endpoints.computeIfAbsent("/actuator/hawtio/jolokia/**", p -> new TreeSet<>()).addAll(Set.of("GET", "POST"));
        for (ServletRegistrationBean<?> servlet : spring.getBeansOfType(ServletRegistrationBean.class).values()) {
            for (String mapping : servlet.getUrlMappings()) {
                endpoints.computeIfAbsent(mapping, p -> new TreeSet<>()).addAll(Set.of("GET", "POST"));
            }
        }
        for (RestRegistry.RestService rest : camel.getRestRegistry().listAllRestServices()) {
            String path = rest.getBasePath() + (rest.getUriTemplate() == null ? "" : rest.getUriTemplate());
            endpoints.computeIfAbsent(path, p -> new TreeSet<>()).add(rest.getMethod().toUpperCase());
        }
        return endpoints;
    }

    /** A concrete request path for a pattern: variables and wildcards filled with plausible values. */
    private static String concrete(String pattern) {
        String path = pattern.replaceAll("\\{[^}]+}", "001203012345").replace("/**", "/version").replace("/*", "/x");
        return path.isEmpty() ? "/" : path;
    }
}
