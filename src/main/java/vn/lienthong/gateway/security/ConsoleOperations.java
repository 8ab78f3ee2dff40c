package vn.lienthong.gateway.security;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * The one place that says which JMX operations the console may execute, and for whom. Everything
 * not listed here is refused by {@link ConsoleJolokiaRestrictor}, to every role: an allow-list, not a
 * deny-list. An operation is named without its signature ({@code dumpRouteAsXml} covers every
 * overload); an MBean by an {@link ObjectName} pattern.
 * <p>
 * What is deliberately absent: everything that sends to or creates an endpoint ({@code sendBody*},
 * {@code requestBody*}, {@code sendStringBody}, {@code createEndpoint}, {@code canSendToEndpoint}, which
 * creates the endpoint it asks about), evaluates an expression or language, adds, updates or removes
 * routes ({@code addOrUpdateRoutesFromXml}, {@code updateRouteFromXml}, {@code remove}), starts or stops
 * the whole Camel context or the broker, the debugger, logging levels, the JVM's diagnostic beans, heap
 * dumps, flight recordings, {@code gc}. Attribute writes: none is allowed.
 */
public final class ConsoleOperations {

    private ConsoleOperations() {
    }

    /** MBean pattern and the operations allowed on it. */
    public record Rule(ObjectName mbean, Set<String> operations) {
        boolean allows(ObjectName name, String operation) {
            return mbean.apply(name) && operations.contains(operation);
        }
    }

    /**
     * Read-only operations: they change nothing. Allowed to {@code viewer} and {@code admin}, so that a viewer sees what an
     * administrator sees: the JMX tree (Hawtio decorates it with its {@code canInvoke} answers), route source, diagrams and
     * statistics, exchanges in flight, the messages of browsable endpoints and of the broker's queues (dead letters
     * included, bodies included: a viewer is a console user of the province, not a partner).
     * <p>
     * Not here on purpose: Hawtio's {@code hawtio:type=security,name=RBACRegistry} {@code list}: it lists the MBean server
     * itself, bypassing the {@link #HIDDEN} beans (Hawtio 5 with Jolokia 2 lists through Jolokia's own {@code list}
     * instead); the tracer's dumps, which remove what they dump.
     */
    public static final List<Rule> READ_ONLY = List.of(
            // Hawtio asks, before showing a button, whether the user may press it (answered by ConsoleInvokeSecurity)
            rule("hawtio:type=security,area=jmx,*", "canInvoke"),
            // Camel: route source, diagrams and statistics (names as in camel-management-api 4.18)
            rule("org.apache.camel:type=context,*", "dumpRoutesAsXml", "dumpRoutesAsYaml", "dumpRoutesStatsAsXml",
                    "dumpRouteStatsAsJSon", "dumpStepStatsAsXml", "dumpRestsAsXml", "dumpRouteTemplatesAsXml",
                    "dumpRoutesCoverageAsXml", "dumpStatsAsXml", "dumpStatsAsJSon", "componentNames", "languageNames",
                    "dataFormatNames", "routeIds", "routeGroups"),
            rule("org.apache.camel:type=routes,*", "dumpRouteAsXml", "dumpRouteAsYaml", "dumpRouteStatsAsXml",
                    "dumpRouteStatsAsJSon", "dumpStepStatsAsXml", "dumpRouteSourceLocationsAsXml", "dumpStatsAsXml",
                    "dumpStatsAsJSon", "processorIds"),
            rule("org.apache.camel:type=processors,*", "dumpProcessorAsXml", "dumpStatsAsXml", "dumpStatsAsJSon"),
            // the REST registry, endpoint statistics, and the exchanges in flight or blocked (Hawtio's Exchanges tab)
            rule("org.apache.camel:type=services,*", "listRestServices", "endpointStatistics", "browse", "size"),
            // Camel: messages held by browsable endpoints (Hawtio's endpoint Browse tab)
            rule("org.apache.camel:type=endpoints,*", "queueSize", "browseExchange", "browseMessageBody", "browseMessageAsXml",
                    "browseAllMessagesAsXml", "browseRangeMessagesAsXml", "browseMessageAsJSon", "browseAllMessagesAsJSon",
                    "browseRangeMessagesAsJSon"),
            // Artemis: how many messages wait, who consumes, and the messages themselves (dead letters with DeadLetterReason)
            rule("org.apache.activemq.artemis:component=addresses,subcomponent=queues,*", "countMessages",
                    "countDeliveringMessages", "listMessageCounter", "listMessageCounterHistory", "listConsumersAsJSON",
                    "browse", "listMessages", "listMessagesAsJSON", "listScheduledMessages", "listScheduledMessagesAsJSON",
                    "listDeliveringMessages", "listDeliveringMessagesAsJSON", "listGroupsAsJSON", "peekFirstMessageAsJSON",
                    "peekFirstScheduledMessageAsJSON"),
            // Artemis: the broker's own listings (every queue with its depth, consumers, producers, connections)
            rule("org.apache.activemq.artemis:broker=*", "listAddresses", "listQueues", "listConsumers", "listProducers",
                    "listConnections"),
            // the JVM's threads (Hawtio's Runtime > Threads)
            rule("java.lang:type=Threading", "dumpAllThreads", "findDeadlockedThreads", "findMonitorDeadlockedThreads",
                    "getThreadInfo"));

    /** Acting operations: they change a route, a queue or a statistic. Allowed to {@code admin} only, and only by POST. */
    public static final List<Rule> ADMIN_ONLY = List.of(
            // Camel routes: start, stop, suspend, resume; statistics reset
            rule("org.apache.camel:type=routes,*", "start", "stop", "suspend", "resume", "reset"),
            rule("org.apache.camel:type=context,*", "reset"),
            rule("org.apache.camel:type=processors,*", "reset"),
            // the tracer's messages: dumping them removes them (removeOnDump)
            rule("org.apache.camel:type=tracer,*", "dumpTracedMessagesAsXml", "dumpAllTracedMessagesAsXml",
                    "dumpTracedMessagesAsJSon", "dumpAllTracedMessagesAsJSon"),
            // Artemis dead letters: retry, move, remove; counter reset
            rule("org.apache.activemq.artemis:component=addresses,subcomponent=queues,*",
                    "retryMessage", "retryMessages", "moveMessage", "moveMessages", "removeMessage", "removeMessages",
                    "resetMessageCounter", "resetMessagesAdded", "resetMessagesAcknowledged",
                    "resetMessagesExpired", "resetMessagesKilled"));

    /**
     * Attributes nobody reads through the console, because they may carry secrets: the JVM's system properties and
     * command line ({@code -Dspring.datasource.password=...}, {@code -javaagent:...=password}), and an Artemis acceptor's
     * parameters (its key store password). Hawtio's Runtime > System properties page therefore stays empty.
     * <p>
     * {@code BootClassPath} is listed too, though it holds no secret: the JVM throws on every read of it. Jolokia reads
     * a whole bean attribute by attribute, checking each one just before reading it, in the order of the bean's
     * {@code MBeanInfo}, which changes from one JVM start to the next. Where {@code BootClassPath} came before
     * {@code InputArguments}, the whole-bean read failed with Jolokia's 500 instead of the console's 403.
     */
    public static final List<Rule> SECRET_ATTRIBUTES = List.of(
            rule("java.lang:type=Runtime", "SystemProperties", "InputArguments", "BootClassPath"),
            rule("org.apache.activemq.artemis:component=acceptors,*", "Parameters"));

    /** MBeans Jolokia neither shows nor reads, to anyone: flight recordings, diagnostic commands, heap dumps, MLet, Jolokia's own config. */
    public static final List<ObjectName> HIDDEN = List.of(
            name("jdk.management.jfr:*"),
            name("com.sun.management:type=DiagnosticCommand"),
            name("com.sun.management:type=HotSpotDiagnostic"),
            name("*:type=MLet,*"),
            name("jolokia:type=Config,*"));

    /** Whether an operation (Jolokia's form: a name, possibly followed by its signature) may be executed by a user of these roles. */
    public static boolean allows(boolean admin, ObjectName mbean, String operation) {
        if (mbean == null || operation == null || mbean.isPattern() || isHidden(mbean)) {
            return false;
        }
        String name = operationName(operation);
        if (READ_ONLY.stream().anyMatch(r -> r.allows(mbean, name))) {
            return true;
        }
        return admin && ADMIN_ONLY.stream().anyMatch(r -> r.allows(mbean, name));
    }

    /** Whether an attribute may be read through the console (by anyone): not of a hidden bean, not a secret one. */
    public static boolean allowsRead(ObjectName mbean, String attribute) {
        return mbean != null && !isHidden(mbean)
                && (attribute == null || SECRET_ATTRIBUTES.stream().noneMatch(r -> r.allows(mbean, attribute)));
    }

    /** Whether an operation changes something: it is listed for admin only, or not listed at all. */
    public static boolean acts(ObjectName mbean, String operation) {
        String name = operationName(operation);
        return mbean == null || READ_ONLY.stream().noneMatch(r -> r.allows(mbean, name));
    }

    public static boolean isHidden(ObjectName mbean) {
        return HIDDEN.stream().anyMatch(p -> p.apply(mbean));
    }

    /** {@code dumpRouteAsXml(boolean)} -> {@code dumpRouteAsXml}. */
    static String operationName(String operation) {
        int paren = operation.indexOf('(');
        return (paren < 0 ? operation : operation.substring(0, paren)).strip();
    }

    private static Rule rule(String mbean, String... operations) {
        for (String operation : operations) {
            if (!operation.equals(operation.strip()) || operation.toLowerCase(Locale.ROOT).startsWith("send")) {
                throw new IllegalArgumentException(operation);
            }
        }
        return new Rule(name(mbean), Set.of(operations));
    }

    private static ObjectName name(String pattern) {
        try {
            return new ObjectName(pattern);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException(pattern, e);
        }
    }
}
