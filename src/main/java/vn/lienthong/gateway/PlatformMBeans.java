package vn.lienthong.gateway;

import java.lang.management.ManagementFactory;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The gateway's own JMX beans, registered on the platform MBean server directly whatever spring.jmx.enabled says:
 * Hawtio reads them through Jolokia. A second gateway context in the same JVM (tests) gets its own name instead of
 * taking the first one's.
 */
public final class PlatformMBeans {

    private PlatformMBeans() {
    }

    /** Registers {@code bean} (a standard MBean) under {@code objectName}, or a variant of it when that is taken; the name used. */
    public static ObjectName register(Object bean, String objectName) {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName(objectName);
            if (server.isRegistered(name)) {
                name = new ObjectName(objectName + ",instance=" + Integer.toHexString(System.identityHashCode(bean)));
            }
            server.registerMBean(bean, name);
            return name;
        } catch (JMException e) {
            throw new IllegalStateException("Cannot register the JMX bean " + objectName, e);
        }
    }

    public static void unregister(ObjectName name) throws JMException {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        if (name != null && server.isRegistered(name)) {
            server.unregisterMBean(name);
        }
    }
}
