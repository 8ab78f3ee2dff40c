package vn.lienthong.gateway.security;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.TabularData;
import javax.management.openmbean.TabularDataSupport;

import io.hawt.jmx.JMXSecurityMBean;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * What Hawtio's UI asks before it shows a button ({@code canInvoke} on {@code hawtio:type=security,area=jmx,*}),
 * answered from {@link ConsoleOperations} for the user asking, so that the console greys out what
 * {@link ConsoleJolokiaRestrictor} would refuse. Hawtio prefers this bean to its own dummy that says yes to all.
 */
public final class ConsoleInvokeSecurity implements JMXSecurityMBean, InitializingBean, DisposableBean {

    static final String NAME = "hawtio:type=security,area=jmx,name=LienThongConsoleSecurity";

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final ObjectName name;
    /** Whether this instance put its bean under {@link #NAME}: only then does it take it away (another gateway in the JVM may own it). */
    private boolean registered;

    public ConsoleInvokeSecurity() throws MalformedObjectNameException {
        this.name = new ObjectName(NAME);
    }

    @Override
    public void afterPropertiesSet() throws Exception {
        if (!server.isRegistered(name)) {
            server.registerMBean(new StandardMBean(this, JMXSecurityMBean.class), name);
            registered = true;
        }
    }

    @Override
    public void destroy() throws Exception {
        if (registered && server.isRegistered(name)) {
            server.unregisterMBean(name);
            registered = false;
        }
    }

    @Override
    public boolean canInvoke(String objectName) throws Exception {
        ObjectName mbean = new ObjectName(objectName);
        return Stream.concat(ConsoleOperations.READ_ONLY.stream(), admin() ? ConsoleOperations.ADMIN_ONLY.stream() : Stream.empty())
                .anyMatch(rule -> rule.mbean().apply(mbean)) && !ConsoleOperations.isHidden(mbean);
    }

    @Override
    public boolean canInvoke(String objectName, String methodName) throws Exception {
        return ConsoleOperations.allows(admin(), new ObjectName(objectName), methodName);
    }

    @Override
    public boolean canInvoke(String objectName, String methodName, String[] argumentTypes) throws Exception {
        return canInvoke(objectName, methodName);
    }

    @Override
    public TabularData canInvoke(Map<String, List<String>> bulkQuery) throws Exception {
        TabularData result = new TabularDataSupport(CAN_INVOKE_TABULAR_TYPE);
        for (Map.Entry<String, List<String>> entry : bulkQuery.entrySet()) {
            if (entry.getValue() == null || entry.getValue().isEmpty()) {
                result.put(row(entry.getKey(), "", canInvoke(entry.getKey())));
            } else {
                for (String method : entry.getValue()) {
                    result.put(row(entry.getKey(), method, canInvoke(entry.getKey(), method)));
                }
            }
        }
        return result;
    }

    private static CompositeDataSupport row(String objectName, String method, boolean can) throws OpenDataException {
        return new CompositeDataSupport(CAN_INVOKE_RESULT_ROW_TYPE, CAN_INVOKE_RESULT_COLUMNS, new Object[]{objectName, method, can});
    }

    private static boolean admin() {
        return ConsoleJolokiaRestrictor.isAdmin(SecurityContextHolder.getContext().getAuthentication());
    }
}
