package vn.lienthong.gateway.security;

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
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfFilter;
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
import org.springframework.web.util.UrlPathHelper;
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

    /**
     * No observation of Spring Security's own filters. With an observation registry present (actuator), Spring Security
     * wraps every filter of every chain in an observation, and {@code management.observations.enable.spring.security=false}
     * only makes those observations no-ops: the wrapping stays, a few objects per filter per request. This removes it;
     * {@code http.server.requests} still times each request.
     */
    @Bean
    static org.springframework.security.config.observation.SecurityObservationSettings securityObservationSettings() {
        return org.springframework.security.config.observation.SecurityObservationSettings.noObservations();
    }

    /**
     * Spring Security's string patterns ({@code "/api/**"}, {@code "/admin/**"} ...) match the request's path within the
     * application as Spring MVC parses it ({@code PathPatternRequestMatcher}), not by asking Spring MVC which handler
     * would take the request ({@code MvcRequestMatcher}).
     */
    @Bean
    static org.springframework.security.config.web.PathPatternRequestMatcherBuilderFactoryBean pathPatternRequestMatchers() {
        return new org.springframework.security.config.web.PathPatternRequestMatcherBuilderFactoryBean();
    }

    /**
     * No handler look-up ahead of the security chain. With Spring MVC present, Spring Security puts
     * {@code HandlerMappingIntrospector.createCacheFilter()} in front of its chain: for every request it finds the handler
     * Spring MVC will use, once more than the dispatcher does, for matchers that ask Spring MVC ({@code MvcRequestMatcher})
     * and for CORS. This gateway uses neither (path patterns above; no CORS), and a look-up through every registered
     * mapping was on a tenth of a look-up profile's samples (the same-run benchmark saw no change beyond its noise).
     * Run after every registry post-processor, so after Spring Security's.
     */
    @Bean
    static org.springframework.beans.factory.config.BeanFactoryPostProcessor securityChainWithoutHandlerLookup() {
        return beanFactory -> SecurityChainDefinition.unwrapIntrospectorCache(
                (org.springframework.beans.factory.support.BeanDefinitionRegistry) beanFactory);
    }

    /**
     * A request the firewall refuses (an encoded slash, semicolon or percent in its path, a control character in a header
     * ...) gets the gateway's coded error body, like every other refusal, instead of Spring Boot's default error page.
     */
    @Bean
    org.springframework.security.web.firewall.RequestRejectedHandler requestRejectedHandler() {
        return (request, response, rejected) -> HttpErrors.write(request, response, ErrorCode.REQUEST_INVALID,
                "The request's path or headers hold characters or sequences the gateway refuses.");
    }

    /** Spring Security's strict firewall with its character rules as loops (see {@link GatewayFirewall}). */
    @Bean
    org.springframework.security.web.firewall.HttpFirewall httpFirewall() {
        return GatewayFirewall.create();
    }

    @Bean
    FilterRegistrationBean<InboundRequestFilter> inboundRequestFilter(@Value("${gateway.http.max-body-bytes}") DataSize maxBody) {
        FilterRegistrationBean<InboundRequestFilter> registration = new FilterRegistrationBean<>(new InboundRequestFilter(maxBody.toBytes()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.addUrlPatterns("/*");
        return registration;
    }

    /** How many partner requests run at once: the excess is refused with 503 at once (after the request id is set). */
    @Bean
    FilterRegistrationBean<AdmissionGate> admissionGate(@Value("${gateway.http.max-concurrent-requests}") int limit) {
        FilterRegistrationBean<AdmissionGate> registration = new FilterRegistrationBean<>(new AdmissionGate(limit));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        registration.addUrlPatterns("/api/*");
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
                // with Camel's own engine (gateway.http.routes-on-request-thread=false) a request ends in an async
                // dispatch, whose request was authorised already
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
        // matched on the decoded path, the one Spring MVC dispatches on: /sandbox/%66aults is /sandbox/faults
        http.securityMatcher(request -> {
                    String path = decodedPath(request);
                    return path.startsWith("/sandbox/") && !isSandboxControl(path);
                })
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
        return stateless(http).build();
    }

    /** The sandbox's fault switches, counters and SFTP demo batches: for an administrator (HTTP Basic), not for partners. */
    @Bean
    @Order(3)
    SecurityFilterChain sandboxControl(HttpSecurity http) throws Exception {
        http.securityMatcher(request -> isSandboxControl(decodedPath(request)))
                .authorizeHttpRequests(auth -> auth.anyRequest().hasRole("admin"))
                // no CSRF token here (curl with Basic): a browser's cached login cannot be used by another site's form
                .addFilterBefore(new CrossSiteRequestFilter(), BasicAuthenticationFilter.class)
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

    /**
     * The sandbox's switches, on the decoded path; case-insensitive, so that no spelling can reach a switch around this
     * check (Spring MVC's own matching is case-sensitive: a mixed-case spelling finds no switch, and needs the login anyway).
     */
    static boolean isSandboxControl(String path) {
        String lower = path.toLowerCase(java.util.Locale.ROOT);
        return lower.startsWith("/sandbox/faults") || lower.startsWith("/sandbox/sftp") || lower.matches("/sandbox/[^/]+/stats/?");
    }

    /** The request's path inside the application, %-decoded and without path parameters, as Spring MVC matches it. */
    static String decodedPath(HttpServletRequest request) {
        return new UrlPathHelper().getPathWithinApplication(request);
    }

    @Bean
    @Order(4)
    SecurityFilterChain console(HttpSecurity http, ConsoleAudit audit) throws Exception {
        MediaTypeRequestMatcher browser = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        browser.setIgnoredMediaTypes(java.util.Set.of(MediaType.ALL));
        CookieCsrfTokenRepository csrfTokens = CookieCsrfTokenRepository.withHttpOnlyFalse();
        csrfTokens.setCookieCustomizer(cookie -> cookie.sameSite("Strict"));
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers(EndpointRequest.to(HealthEndpoint.class)).permitAll()
                        .requestMatchers("/login", "/error").permitAll()
                        .requestMatchers("/admin/**").hasRole("admin")
                        // Jolokia decides per request, as it parsed it (ConsoleJolokiaRestrictor)
                        .requestMatchers("/actuator/jolokia/**", "/actuator/hawtio/**").hasAnyRole("viewer", "admin")
                        // no actuator endpoint is changed over HTTP (camelroutes' stop/start, loggers, ...): 403 with a JSON body
                        .requestMatchers(GatewaySecurityConfiguration::isActuatorWrite).denyAll()
                        .anyRequest().hasAnyRole("viewer", "admin"))
                // after login: the console page asked for, else the console (ConsoleSession)
                .formLogin(form -> form.defaultSuccessUrl(ConsoleSession.CONSOLE, false))
                .requestCache(cache -> cache.requestCache(ConsoleSession.pagesOnly()))
                // Hawtio's "Log out" (GET /actuator/hawtio/auth/logout) ends the Spring Security session
                .logout(logout -> logout.logoutRequestMatcher(ConsoleSession.LOGOUT_REQUEST).logoutSuccessUrl("/login?logout"))
                .httpBasic(basic -> basic.authenticationEntryPoint(UNAUTHORIZED))
                .exceptionHandling(e -> e
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), browser)
                        .defaultAuthenticationEntryPointFor(UNAUTHORIZED, request -> true)
                        .accessDeniedHandler(GatewaySecurityConfiguration::refuse))
                // Hawtio's console sends the CSRF token from a cookie it can read
                .csrf(csrf -> csrf
                        .csrfTokenRepository(csrfTokens)
                        .csrfTokenRequestHandler(new SpaCsrfTokenRequestHandler())
                        // a request carrying no credential at all cannot be forged into acting for anyone:
                        // it is simply unauthenticated (401); every other unsafe request, and every login, needs the token
                        .requireCsrfProtectionMatcher(GatewaySecurityConfiguration::needsCsrfToken))
                // a page of another site is refused before anything else looks at its request
                .addFilterBefore(new CrossSiteRequestFilter(), CsrfFilter.class)
                .addFilterAfter(new CsrfCookieFilter(), BasicAuthenticationFilter.class)
                // Hawtio's header shows the user's name (ConsoleSession); every acting Jolokia request is recorded (ConsoleActionLog)
                .addFilterAfter(new ConsoleSession(), AuthorizationFilter.class)
                .addFilterAfter(new ConsoleActionLog(audit), AuthorizationFilter.class);
        return http.build();
    }

    /**
     * The console's Jolokia authorisation: roles and the allow-list of {@link ConsoleOperations}, applied by Jolokia
     * to each request it parsed (Jolokia's Spring Boot support picks this bean up for its servlet).
     */
    @Bean
    ConsoleJolokiaRestrictor consoleJolokiaRestrictor() {
        return new ConsoleJolokiaRestrictor();
    }

    /** Hawtio's UI greys out what the restrictor would refuse (its canInvoke questions, answered from ConsoleOperations). */
    @Bean
    ConsoleInvokeSecurity consoleInvokeSecurity() throws javax.management.MalformedObjectNameException {
        return new ConsoleInvokeSecurity();
    }

    /** An unsafe method on an actuator endpoint other than the console's Jolokia and Hawtio. */
    static boolean isActuatorWrite(HttpServletRequest request) {
        String path = decodedPath(request);
        return isUnsafe(request.getMethod()) && (path.equals("/actuator") || path.startsWith("/actuator/"));
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws java.io.IOException {
        if (denied instanceof CsrfException) {
            HttpErrors.write(request, response, ErrorCode.CONSOLE_CROSS_SITE_REFUSED,
                    "This console request lacks the CSRF token of the console's own pages (cookie XSRF-TOKEN, header X-XSRF-TOKEN).");
        } else {
            HttpErrors.write(request, response, ErrorCode.CONSOLE_ACTION_FORBIDDEN,
                    "The console does not allow this to your role: actuator endpoints are read-only, /admin needs the admin role.");
        }
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
        boolean carriesCredential = request.getHeader("Authorization") != null || request.getRequestedSessionId() != null;
        // a forged login would sign the victim's browser into the attacker's session
        boolean login = "/login".equals(decodedPath(request));
        return isUnsafe(request.getMethod()) && (carriesCredential || login);
    }

    private static boolean isUnsafe(String method) {
        return !("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method) || "TRACE".equals(method));
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
