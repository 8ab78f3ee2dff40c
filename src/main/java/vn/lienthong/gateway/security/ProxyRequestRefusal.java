package vn.lienthong.gateway.security;

import org.jolokia.server.core.request.JolokiaRequest;
import org.jolokia.server.core.service.request.AbstractRequestHandler;

/**
 * Jolokia's JSR-160 proxy is off: its module is excluded from the build (pom.xml), and this handler,
 * registered in {@code META-INF/jolokia/services} ahead of Jolokia's own, refuses every request that names
 * a {@code target} (another JVM to connect to) instead of letting it run against this JVM unnoticed.
 */
public final class ProxyRequestRefusal extends AbstractRequestHandler {

    public ProxyRequestRefusal() {
        this(1);
    }

    public ProxyRequestRefusal(int order) {
        super("proxy-refusal", order);
    }

    @Override
    public boolean canHandle(JolokiaRequest request) {
        return request.getOption("target") != null || request.getOption("targetId") != null;
    }

    @Override
    public <R extends JolokiaRequest> Object handleRequest(R request, Object previous) {
        throw new SecurityException("The console does not proxy to other JVMs (no 'target').");
    }
}
