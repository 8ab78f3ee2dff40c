package vn.lienthong.gateway.operations;

import java.util.ArrayList;
import java.util.List;

import javax.management.JMException;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lienthong.gateway.PlatformMBeans;

/**
 * The operations view's JMX beans on the platform MBean server (Hawtio reads them through Jolokia), whatever
 * spring.jmx.enabled says. A second gateway context in the same JVM (tests) gets its own names ({@link PlatformMBeans}).
 */
final class JmxBeans {

    private static final Logger LOG = LoggerFactory.getLogger(JmxBeans.class);

    private final List<ObjectName> registered = new ArrayList<>();

    synchronized void register(Object bean, String objectName) {
        try {
            registered.add(PlatformMBeans.register(bean, objectName));
        } catch (IllegalStateException e) {
            LOG.warn("The operations view's JMX bean {} could not be registered: {}", objectName, e.getMessage());
        }
    }

    /** The name this registry used for {@code objectName}: that name, or its {@code instance=} variant; null if none. */
    synchronized ObjectName registeredAs(String objectName) {
        return registered.stream()
                .filter(name -> name.toString().equals(objectName) || name.toString().startsWith(objectName + ",instance="))
                .findFirst().orElse(null);
    }

    synchronized void unregisterAll() {
        for (ObjectName name : registered) {
            try {
                PlatformMBeans.unregister(name);
            } catch (JMException e) {
                LOG.debug("Could not unregister {}", name, e);
            }
        }
        registered.clear();
    }
}
