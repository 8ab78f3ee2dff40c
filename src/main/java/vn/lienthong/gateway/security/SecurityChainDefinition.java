package vn.lienthong.gateway.security;

import java.util.List;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConstructorArgumentValues;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.security.web.context.AbstractSecurityWebApplicationInitializer;

/**
 * Spring Security registers its filter chain ({@code springSecurityFilterChain}) as a composite of two filters when
 * Spring MVC is present: Spring MVC's handler-look-up cache filter, then the real {@code FilterChainProxy}
 * ({@code WebMvcSecurityConfiguration}). {@link #unwrapIntrospectorCache} puts the real one back alone.
 */
final class SecurityChainDefinition {

    private static final String COMPOSITE = "CompositeFilterChainProxy";

    private SecurityChainDefinition() {
    }

    static void unwrapIntrospectorCache(BeanDefinitionRegistry registry) {
        String name = AbstractSecurityWebApplicationInitializer.DEFAULT_FILTER_NAME;
        if (!registry.containsBeanDefinition(name)) {
            return;
        }
        BeanDefinition definition = registry.getBeanDefinition(name);
        if (definition.getBeanClassName() == null || !definition.getBeanClassName().endsWith(COMPOSITE)) {
            return;
        }
        ConstructorArgumentValues.ValueHolder filters = definition.getConstructorArgumentValues().getIndexedArgumentValue(0, null);
        if (filters == null) {
            filters = definition.getConstructorArgumentValues().getGenericArgumentValue(null);
        }
        if (filters == null || !(filters.getValue() instanceof List<?> list) || list.size() != 2
                || !(list.get(1) instanceof BeanDefinition chain)) {
            throw new IllegalStateException("Spring Security's " + COMPOSITE + " no longer has the shape this gateway unwraps"
                    + " (the handler-look-up cache filter, then the FilterChainProxy): " + definition);
        }
        registry.removeBeanDefinition(name);
        registry.registerBeanDefinition(name, chain);
    }
}
