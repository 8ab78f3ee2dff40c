package vn.lienthong.gateway.security;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import io.hawt.jmx.JMXSecurityMBean;
import org.apache.activemq.artemis.api.core.management.ActiveMQServerControl;
import org.apache.activemq.artemis.api.core.management.QueueControl;
import org.apache.camel.api.management.mbean.ManagedAsyncProcessorAwaitManagerMBean;
import org.apache.camel.api.management.mbean.ManagedBacklogTracerMBean;
import org.apache.camel.api.management.mbean.ManagedBrowsableEndpointMBean;
import org.apache.camel.api.management.mbean.ManagedCamelContextMBean;
import org.apache.camel.api.management.mbean.ManagedInflightRepositoryMBean;
import org.apache.camel.api.management.mbean.ManagedProcessorMBean;
import org.apache.camel.api.management.mbean.ManagedRestRegistryMBean;
import org.apache.camel.api.management.mbean.ManagedRouteMBean;
import org.apache.camel.api.management.mbean.ManagedRuntimeEndpointRegistryMBean;
import org.apache.camel.api.management.mbean.ManagedSuspendableRouteMBean;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

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
        assertThat(allows(false, DLQ, "removeMessages(java.lang.String)")).isFalse();
        assertThat(allows(false, DLQ, "moveMessages")).isFalse();
        assertThat(allows(true, DLQ, "retryMessages")).isTrue();
        assertThat(allows(true, DLQ, "sendMessage")).isFalse();
        for (String op : List.of("sendBody", "sendStringBody", "sendBodyAndHeaders", "requestBody", "requestStringBody",
                "requestBodyAndHeaders", "createEndpoint", "canSendToEndpoint", "stop", "start", "suspend", "restart")) {
            assertThat(allows(true, CONTEXT, op)).as(op).isFalse();
        }
        assertThat(allows(true, "java.lang:type=Memory", "gc")).isFalse();
        assertThat(allows(true, "java.util.logging:type=Logging", "setLoggerLevel")).isFalse();
        assertThat(allows(true, "com.sun.management:type=HotSpotDiagnostic", "dumpHeap")).isFalse();
        // Hawtio's own MBean-server listing bypasses the hidden beans: Jolokia's list serves Hawtio 5 instead
        assertThat(allows(false, "hawtio:type=security,name=RBACRegistry", "list()")).isFalse();
        // a pattern is not a bean
        assertThat(allows(true, "org.apache.camel:type=routes,*", "stop")).isFalse();
        assertThat(ConsoleOperations.isHidden(new ObjectName("com.sun.management:type=DiagnosticCommand"))).isTrue();
    }

    /** Issue #22: the viewer sees what admin sees (tree, diagrams, exchanges, queues and their messages) and changes nothing. */
    @Test
    void viewerSeesWhatAdminSeesButChangesNothing() throws Exception {
        String endpoint = "org.apache.camel:context=gw,type=endpoints,name=\"seda://x\"";
        String inflight = "org.apache.camel:context=gw,type=services,name=DefaultInflightRepository";
        String broker = "org.apache.activemq.artemis:broker=\"b\"";
        for (String[] read : new String[][]{
                {ConsoleInvokeSecurity.NAME, "canInvoke(java.util.Map)"},
                {ConsoleInvokeSecurity.NAME, "canInvoke(java.lang.String)"},
                {CONTEXT, "dumpRoutesAsXml()"}, {CONTEXT, "dumpRoutesStatsAsXml(boolean,boolean)"}, {CONTEXT, "componentNames()"},
                {ROUTE, "dumpRouteStatsAsXml(boolean,boolean)"}, {ROUTE, "dumpStepStatsAsXml(boolean)"}, {ROUTE, "dumpRouteAsYaml()"},
                {inflight, "browse()"}, {endpoint, "browseAllMessagesAsXml(java.lang.Boolean)"},
                {endpoint, "browseRangeMessagesAsXml(java.lang.Integer,java.lang.Integer, java.lang.Boolean)"},
                {DLQ, "browse()"}, {DLQ, "listMessages(java.lang.String)"}, {DLQ, "listMessagesAsJSON(java.lang.String)"},
                {DLQ, "countMessages()"}, {DLQ, "peekFirstMessageAsJSON()"}, {broker, "listQueues(java.lang.String,int,int)"}}) {
            assertThat(allows(false, read[0], read[1])).as(read[1] + " on " + read[0]).isTrue();
            assertThat(ConsoleOperations.acts(new ObjectName(read[0]), read[1])).as(read[1]).isFalse();
        }
        for (String[] act : new String[][]{{ROUTE, "stop()"}, {ROUTE, "start()"}, {ROUTE, "reset(boolean)"}, {DLQ, "retryMessage(long)"},
                {DLQ, "retryMessages()"}, {DLQ, "removeMessage(long)"}, {DLQ, "moveMessages(java.lang.String,java.lang.String)"}}) {
            assertThat(allows(false, act[0], act[1])).as("viewer " + act[1]).isFalse();
            assertThat(allows(true, act[0], act[1])).as("admin " + act[1]).isTrue();
            assertThat(ConsoleOperations.acts(new ObjectName(act[0]), act[1])).as(act[1]).isTrue();
        }
        for (String[] never : new String[][]{{DLQ, "removeAllMessages()"}, {DLQ, "sendMessageToDeadLetterAddress(long)"},
                {DLQ, "expireMessages(java.lang.String)"}, {DLQ, "pause()"}, {broker, "destroyQueue(java.lang.String)"},
                {"org.apache.camel:context=gw,type=services,name=DefaultAsyncProcessorAwaitManager", "interrupt(java.lang.String)"}}) {
            assertThat(allows(true, never[0], never[1])).as(never[1]).isFalse();
        }
    }

    /** Attributes that may carry a secret are read by nobody; everything else of a visible bean is. */
    @Test
    void secretAttributesAreReadByNobody() throws Exception {
        ObjectName runtime = new ObjectName("java.lang:type=Runtime");
        assertThat(ConsoleOperations.allowsRead(runtime, "SystemProperties")).isFalse();
        assertThat(ConsoleOperations.allowsRead(runtime, "InputArguments")).isFalse();
        assertThat(ConsoleOperations.allowsRead(runtime, "Uptime")).isTrue();
        assertThat(ConsoleOperations.allowsRead(new ObjectName("org.apache.activemq.artemis:broker=\"b\",component=acceptors,name=\"tls\""),
                "Parameters")).isFalse();
        assertThat(ConsoleOperations.allowsRead(new ObjectName("jdk.management.jfr:type=FlightRecorder"), "Recordings")).isFalse();
        assertThat(ConsoleOperations.allowsRead(new ObjectName(DLQ), "MessageCount")).isTrue();
    }

    /**
     * Jolokia checks and reads a whole bean one attribute at a time, in an order that changes between JVM starts: the
     * console's refusal (403) comes out whatever the order only if every attribute it allows can actually be read.
     */
    @Test
    void everyAllowedAttributeOfTheRuntimeBeanCanBeRead() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName runtime = new ObjectName("java.lang:type=Runtime");
        for (MBeanAttributeInfo attribute : server.getMBeanInfo(runtime).getAttributes()) {
            if (ConsoleOperations.allowsRead(runtime, attribute.getName())) {
                assertThatCode(() -> server.getAttribute(runtime, attribute.getName())).as(attribute.getName()).doesNotThrowAnyException();
            }
        }
        assertThat(ConsoleOperations.allowsRead(runtime, "BootClassPath")).isFalse();
    }

    @Test
    void everyListedOperationExistsOnTheBeanItIsListedFor() {
        Map<String, List<Class<?>>> interfaces = Map.of(
                "org.apache.camel:type=context,*", List.of(ManagedCamelContextMBean.class),
                "org.apache.camel:type=routes,*", List.of(ManagedRouteMBean.class, ManagedSuspendableRouteMBean.class),
                "org.apache.camel:type=processors,*", List.of(ManagedProcessorMBean.class),
                "org.apache.camel:type=services,*", List.of(ManagedRestRegistryMBean.class, ManagedRuntimeEndpointRegistryMBean.class,
                        ManagedInflightRepositoryMBean.class, ManagedAsyncProcessorAwaitManagerMBean.class),
                "org.apache.camel:type=endpoints,*", List.of(ManagedBrowsableEndpointMBean.class),
                "org.apache.camel:type=tracer,*", List.of(ManagedBacklogTracerMBean.class),
                "org.apache.activemq.artemis:component=addresses,subcomponent=queues,*", List.of(QueueControl.class),
                "org.apache.activemq.artemis:broker=*", List.of(ActiveMQServerControl.class),
                "java.lang:type=Threading", List.of(ThreadMXBean.class, com.sun.management.ThreadMXBean.class),
                "hawtio:type=security,area=jmx,*", List.of(JMXSecurityMBean.class));
        for (List<ConsoleOperations.Rule> rules : List.of(ConsoleOperations.READ_ONLY, ConsoleOperations.ADMIN_ONLY)) {
            for (ConsoleOperations.Rule rule : rules) {
                List<Class<?>> types = interfaces.get(rule.mbean().toString());
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
