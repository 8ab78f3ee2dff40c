package vn.lienthong.gateway.security;

import static org.springframework.security.config.Customizer.withDefaults;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.function.Supplier;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import vn.lienthong.gateway.api.ErrorCode;
import vn.lienthong.gateway.security.partner.PartnerAuthenticationFilter;
import vn.lienthong.gateway.security.partner.LocalRateLimiter;
import vn.lienthong.gateway.security.partner.PartnerRegistry;
import vn.lienthong.gateway.security.partner.RateLimitBuckets;
import vn.lienthong.gateway.security.partner.RateLimiter;
import vn.lienthong.gateway.security.partner.SharedRateLimiter;

/**
 * Who may reach what over HTTP.
 * <ul>
 *   <li>Every request first meets the {@link InboundRequestFilter}: correlation id, no Camel header
 *       injection, body size limit; after authentication, the partner API's bodies pass the {@link RequestBodyGate}
 *       (whole, UTF-8, well-formed multipart).</li>
 *   <li>The partner API ({@code /api/**}): stateless; each call authenticated and authorised per service
 *       by the {@link PartnerAuthenticationFilter} against the partner file (gateway.partners.file).</li>
 *   <li>The sandbox simulators ({@code /sandbox/**}) check the credentials their real systems would
 *       (tokens, keys); their fault switches and counters need a console login.</li>
 *   <li>The console (Hawtio, Jolokia), {@code /admin/**} and every actuator endpoint but the health probe
 *       need a login: role viewer or admin ({@code /admin/**}: admin). Without credentials they answer
 *       401; a browser is sent to the login form.</li>
 * </ul>
 * Console credentials come from configuration (gateway.console.*). When no admin password is
 * configured, a random one is generated and printed once in the start-up log.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class GatewaySecurityConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(GatewaySecurityConfiguration.class);

    /** 401 with a Basic challenge, written directly (no error dispatch, so no second pass through security). */
    private static final AuthenticationEntryPoint UNAUTHORIZED = (request, response, e) -> {
        response.setHeader("WWW-Authenticate", "Basic realm=\"lienthong-gateway\"");
        response.setStatus(HttpStatus.UNAUTHORIZED.value());
    };

    @Bean
    FilterRegistrationBean<InboundRequestFilter> inboundRequestFilter(@Value("${gateway.http.max-body-bytes}") DataSize maxBody) {
        FilterRegistrationBean<InboundRequestFilter> registration = new FilterRegistrationBean<>(new InboundRequestFilter(maxBody.toBytes()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.addUrlPatterns("/*");
        return registration;
    }

    /** The partner API's request bodies, after authentication and before any route: whole, within the limit, readable. */
    @Bean
    FilterRegistrationBean<RequestBodyGate> requestBodyGate() {
        FilterRegistrationBean<RequestBodyGate> registration = new FilterRegistrationBean<>(new RequestBodyGate());
        // after Spring Security's chain (order -100): an unauthenticated caller's body is never read
        registration.setOrder(org.springframework.boot.autoconfigure.security.SecurityProperties.DEFAULT_FILTER_ORDER + 10);
        registration.addUrlPatterns("/api/*");
        return registration;
    }

    @Bean
    PartnerRegistry partnerRegistry(@Value("${gateway.partners.file}") String file, Environment env) {
        PartnerRegistry registry = PartnerRegistry.load(Path.of(file), env::resolveRequiredPlaceholders);
        LOG.info("Partners: {} loaded from {}", registry.partners().size(), file);
        return registry;
    }

    /**
     * Partners' rates: shared by every instance on the database (the default), or kept per instance
     * (gateway.partners.rate-limit-scope=instance) where the gateway runs alone and every request counts.
     */
    @Bean
    RateLimiter partnerRateLimiter(@Value("${gateway.partners.rate-limit-scope:shared}") String scope, JdbcTemplate jdbc,
            PlatformTransactionManager transactions) {
        return switch (scope) {
            case "shared" -> new SharedRateLimiter(new RateLimitBuckets(jdbc, new TransactionTemplate(transactions), Clock.systemUTC()));
            case "instance" -> new LocalRateLimiter();
            default -> throw new IllegalStateException("gateway.partners.rate-limit-scope must be shared or instance, not '" + scope + "'");
        };
    }

    @Bean
    @Order(1)
    SecurityFilterChain partnerApi(HttpSecurity http, PartnerRegistry partners, RateLimiter rateLimiter) throws Exception {
        http.securityMatcher("/api/**")
                // Camel answers asynchronously: the async dispatch that writes the answer was authorised already
                .authorizeHttpRequests(auth -> auth
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .anyRequest().authenticated())
                .addFilterBefore(new PartnerAuthenticationFilter(partners, rateLimiter), AuthorizationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) ->
                        HttpErrors.write(request, response, ErrorCode.AUTH_REQUIRED, "Authentication is required.")));
        return stateless(http).build();
    }

    /** The simulators' own endpoints: they check the credentials of the systems they imitate. */
    @Bean
    @Order(2)
    SecurityFilterChain sandbox(HttpSecurity http) throws Exception {
        http.securityMatcher(request -> request.getRequestURI().startsWith(request.getContextPath() + "/sandbox/")
                        && !isSandboxControl(request.getRequestURI().substring(request.getContextPath().length())))
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
        return stateless(http).build();
    }

    /** The sandbox's fault switches, counters and SFTP demo batches: for an administrator (HTTP Basic), not for partners. */
    @Bean
    @Order(3)
    SecurityFilterChain sandboxControl(HttpSecurity http) throws Exception {
        http.securityMatcher("/sandbox/faults/**", "/sandbox/*/stats", "/sandbox/sftp/**")
                .authorizeHttpRequests(auth -> auth.anyRequest().hasRole("admin"))
                .httpBasic(basic -> basic.authenticationEntryPoint(UNAUTHORIZED))
                .exceptionHandling(e -> e.authenticationEntryPoint(UNAUTHORIZED));
        return stateless(http).build();
    }

    /** No session, no CSRF cookie, no saved request: each call stands on its own credential. */
    private static HttpSecurity stateless(HttpSecurity http) throws Exception {
        return http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable());
    }

    private static boolean isSandboxControl(String path) {
        return path.startsWith("/sandbox/faults") || path.startsWith("/sandbox/sftp/") || path.matches("/sandbox/[^/]+/stats");
    }

    @Bean
    @Order(4)
    SecurityFilterChain console(HttpSecurity http) throws Exception {
        MediaTypeRequestMatcher browser = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        browser.setIgnoredMediaTypes(java.util.Set.of(MediaType.ALL));
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers(EndpointRequest.to(HealthEndpoint.class)).permitAll()
                        .requestMatchers("/login", "/error").permitAll()
                        .requestMatchers("/admin/**").hasRole("admin")
                        .anyRequest().hasAnyRole("viewer", "admin"))
                .formLogin(withDefaults())
                .httpBasic(basic -> basic.authenticationEntryPoint(UNAUTHORIZED))
                .exceptionHandling(e -> e
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), browser)
                        .defaultAuthenticationEntryPointFor(UNAUTHORIZED, request -> true))
                // Hawtio's console sends the CSRF token from a cookie it can read
                .csrf(csrf -> csrf
                        .csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                        .csrfTokenRequestHandler(new SpaCsrfTokenRequestHandler())
                        // a request carrying no credential at all cannot be forged into acting for anyone:
                        // it is simply unauthenticated (401); every other unsafe request needs the token
                        .requireCsrfProtectionMatcher(GatewaySecurityConfiguration::needsCsrfToken))
                .addFilterAfter(new CsrfCookieFilter(), BasicAuthenticationFilter.class)
                .addFilterAfter(new JolokiaRoleFilter("/actuator/hawtio/jolokia"), AuthorizationFilter.class);
        return http.build();
    }

    @Bean
    UserDetailsService consoleUsers(@Value("${gateway.console.admin.username}") String adminName,
                                    @Value("${gateway.console.admin.password:}") String adminPassword,
                                    @Value("${gateway.console.viewer.username}") String viewerName,
                                    @Value("${gateway.console.viewer.password:}") String viewerPassword) {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
        String admin = adminPassword;
        if (!StringUtils.hasText(admin)) {
            admin = randomPassword();
            LOG.warn("No console password configured (GATEWAY_ADMIN_PASSWORD). Generated for this run only — user '{}', password: {}",
                    adminName, admin);
        }
        users.createUser(User.withUsername(adminName).password(encoder.encode(admin)).roles("admin", "viewer").build());
        if (StringUtils.hasText(viewerPassword)) {
            users.createUser(User.withUsername(viewerName).password(encoder.encode(viewerPassword)).roles("viewer").build());
        }
        return users;
    }

    static boolean needsCsrfToken(HttpServletRequest request) {
        String method = request.getMethod();
        boolean unsafe = !("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method) || "TRACE".equals(method));
        boolean carriesCredential = request.getHeader("Authorization") != null || request.getRequestedSessionId() != null;
        return unsafe && carriesCredential;
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Hawtio reads the CSRF token from a cookie and echoes it in a header (Spring Security's SPA recipe). */
    static final class SpaCsrfTokenRequestHandler extends CsrfTokenRequestAttributeHandler {
        private final CsrfTokenRequestHandler delegate = new XorCsrfTokenRequestAttributeHandler();

        @Override
        public void handle(HttpServletRequest request, HttpServletResponse response, Supplier<CsrfToken> csrfToken) {
            delegate.handle(request, response, csrfToken);
        }

        @Override
        public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken csrfToken) {
            if (StringUtils.hasText(request.getHeader(csrfToken.getHeaderName()))) {
                return super.resolveCsrfTokenValue(request, csrfToken);
            }
            return delegate.resolveCsrfTokenValue(request, csrfToken);
        }
    }

    /** Makes the deferred CSRF token load, so its cookie is set on the first console response. */
    static final class CsrfCookieFilter extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, java.io.IOException {
            CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
            if (token != null) {
                token.getToken();
            }
            chain.doFilter(request, response);
        }
    }
}
