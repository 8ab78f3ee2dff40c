package vn.lienthong.gateway.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The landing page ({@code /}) and the partner API's description ({@code /openapi.yaml}): static
 * files that hold no data, readable without login so that a partner's developer (or an iGate
 * vendor) can read the contract before receiving a credential. Only GET of exactly these paths;
 * everything else stays behind the other chains of {@link GatewaySecurityConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
class PublicPagesSecurity {

    static final String[] PUBLIC_PAGES = {"/", "/index.html", "/openapi.yaml"};

    @Bean
    @Order(0)
    SecurityFilterChain publicPages(HttpSecurity http) throws Exception {
        return http.securityMatcher(request -> HttpMethod.GET.matches(request.getMethod())
                        && java.util.Arrays.asList(PUBLIC_PAGES).contains(request.getRequestURI().substring(request.getContextPath().length())))
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .build();
    }
}
