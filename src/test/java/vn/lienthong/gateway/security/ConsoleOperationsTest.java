package vn.lienthong.gateway.security;

import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import javax.management.ObjectName;

import io.hawt.jmx.JMXSecurityMBean;
import org.apache.activemq.artemis.api.core.management.QueueControl;
import org.apache.camel.api.management.mbean.ManagedBacklogTracerMBean;
import org.apache.camel.api.management.mbean.ManagedBrowsableEndpointMBean;
import org.apache.camel.api.management.mbean.ManagedCamelContextMBean;
import org.apache.camel.api.management.mbean.ManagedProcessorMBean;
import org.apache.camel.api.management.mbean.ManagedRestRegistryMBean;
import org.apache.camel.api.management.mbean.ManagedRouteMBean;
import org.apache.camel.api.management.mbean.ManagedRuntimeEndpointRegistryMBean;
import org.apache.camel.api.management.mbean.ManagedSuspendableRouteMBean;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's allow-list: what it lets through, what it never does, and that every name in it is a real operation. */
class ConsoleOperationsTest {

    private static final String ROUTE = "org.apache.camel:context=gw,type=routes,name=\"citizen-lookup\"";
    private static final String CONTEXT = "org.apache.camel:context=gw,type=context,name=\"gw\"";
    private static final String DLQ = "org.apache.activemq.artemis:broker=\"b\",component=addresses,address=\"DLQ\",subcomponent=queues,routing-type=\"anycast\",queue=\"DLQ\"";

    @Test
    void viewerReadsAdminActsNobodySends() throws Exception {
        assertThat(allows(false, ROUTE, "dumpRouteAsXml(boolean)")).isTrue();
        assertThat(allows(false, ROUTE, "stop")).isFalse();
        assertThat(allows(true, ROUTE, "stop()")).isTrue();
        assertThat(allows(true, ROUTE, " stop ")).isTrue();
        assertThat(allows(true, ROUTE, "remove()")).isFalse();
        assertThat(allows(true, ROUTE, "updateRouteFromXml")).isFalse();
        assertThat(allows(false, DLQ, "countMessages()")).isTrue();
        assertThat(allows(false, DLQ, "retryMessages")).isFalse();
        assertThat(allows(true, DLQ, "retryMessages")).isTrue();
        assertThat(allows(true, DLQ, "sendMessage")).isFalse();
        for (String op : List.of("sendBody", "sendStringBody", "sendBodyAndHeaders", "requestBody", "requestStringBody",
                "requestBodyAndHeaders", "createEndpoint", "canSendToEndpoint", "stop", "start", "suspend", "restart")) {
            assertThat(allows(true, CONTEXT, op)).as(op).isFalse();
        }
        assertThat(allows(true, "java.lang:type=Memory", "gc")).isFalse();
        assertThat(allows(true, "java.util.logging:type=Logging", "setLoggerLevel")).isFalse();
        assertThat(allows(true, "com.sun.management:type=HotSpotDiagnostic", "dumpHeap")).isFalse();
        // a pattern is not a bean
        assertThat(allows(true, "org.apache.camel:type=routes,*", "stop")).isFalse();
        assertThat(ConsoleOperations.isHidden(new ObjectName("com.sun.management:type=DiagnosticCommand"))).isTrue();
    }

    @Test
    void everyListedOperationExistsOnTheBeanItIsListedFor() {
        Map<String, List<Class<?>>> interfaces = Map.of(
                "org.apache.camel:type=context,*", List.of(ManagedCamelContextMBean.class),
                "org.apache.camel:type=routes,*", List.of(ManagedRouteMBean.class, ManagedSuspendableRouteMBean.class),
                "org.apache.camel:type=processors,*", List.of(ManagedProcessorMBean.class),
                "org.apache.camel:type=services,*", List.of(ManagedRestRegistryMBean.class, ManagedRuntimeEndpointRegistryMBean.class),
                "org.apache.camel:type=endpoints,*", List.of(ManagedBrowsableEndpointMBean.class),
                "org.apache.camel:type=tracer,*", List.of(ManagedBacklogTracerMBean.class),
                "org.apache.activemq.artemis:component=addresses,subcomponent=queues,*", List.of(QueueControl.class),
                "java.lang:type=Threading", List.of(ThreadMXBean.class, com.sun.management.ThreadMXBean.class),
                "hawtio:type=security,area=jmx,*", List.of(JMXSecurityMBean.class));
        for (List<ConsoleOperations.Rule> rules : List.of(ConsoleOperations.READ_ONLY, ConsoleOperations.ADMIN_ONLY)) {
            for (ConsoleOperations.Rule rule : rules) {
                List<Class<?>> types = interfaces.get(rule.mbean().toString());
                if (rule.mbean().toString().equals("hawtio:type=security,name=RBACRegistry")) {
                    assertThat(rule.operations()).containsExactly("list"); // io.hawt.jmx.RBACRegistryMBean
                    continue;
                }
                assertThat(types).as("interfaces of " + rule.mbean()).isNotNull();
                Set<String> real = types.stream().flatMap(t -> Arrays.stream(t.getMethods())).map(Method::getName).collect(Collectors.toSet());
                assertThat(real).as(rule.mbean().toString()).containsAll(rule.operations());
            }
        }
    }

    private static boolean allows(boolean admin, String mbean, String operation) throws Exception {
        return ConsoleOperations.allows(admin, new ObjectName(mbean), operation);
    }
}
