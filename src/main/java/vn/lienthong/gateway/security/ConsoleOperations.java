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
     * Read-only operations: they change nothing and show nothing personal (no message bodies).
     * Allowed to {@code viewer} and {@code admin}. Hawtio's own UI needs these to draw its pages.
     */
    public static final List<Rule> READ_ONLY = List.of(
            // Hawtio asks, before showing a button, whether the user may press it (answered by ConsoleInvokeSecurity)
            rule("hawtio:type=security,area=jmx,*", "canInvoke"),
            // Hawtio's optimised MBean tree (the same facts as Jolokia's list)
            rule("hawtio:type=security,name=RBACRegistry", "list"),
            // Camel: route source, diagrams and statistics (names as in camel-management-api 4.18)
            rule("org.apache.camel:type=context,*", "dumpRoutesAsXml", "dumpRoutesAsYaml", "dumpRoutesStatsAsXml",
                    "dumpRouteStatsAsJSon", "dumpStepStatsAsXml", "dumpRestsAsXml", "dumpRouteTemplatesAsXml",
                    "dumpRoutesCoverageAsXml", "dumpStatsAsXml", "dumpStatsAsJSon"),
            rule("org.apache.camel:type=routes,*", "dumpRouteAsXml", "dumpRouteAsYaml", "dumpRouteStatsAsXml",
                    "dumpRouteStatsAsJSon", "dumpStepStatsAsXml", "dumpRouteSourceLocationsAsXml", "dumpStatsAsXml",
                    "dumpStatsAsJSon", "processorIds"),
            rule("org.apache.camel:type=processors,*", "dumpProcessorAsXml", "dumpStatsAsXml", "dumpStatsAsJSon"),
            rule("org.apache.camel:type=services,*", "listRestServices", "endpointStatistics"),
            rule("org.apache.camel:type=endpoints,*", "queueSize"),
            // Artemis: how many messages wait, who consumes
            rule("org.apache.activemq.artemis:component=addresses,subcomponent=queues,*", "countMessages",
                    "countDeliveringMessages", "listMessageCounter", "listMessageCounterHistory", "listConsumersAsJSON"),
            // the JVM's threads (Hawtio's Runtime > Threads)
            rule("java.lang:type=Threading", "dumpAllThreads", "findDeadlockedThreads", "findMonitorDeadlockedThreads",
                    "getThreadInfo"));

    /**
     * Acting operations, and read-only ones that show message bodies (personal data). Allowed to
     * {@code admin} only.
     */
    public static final List<Rule> ADMIN_ONLY = List.of(
            // Camel routes: start, stop, suspend, resume; statistics reset
            rule("org.apache.camel:type=routes,*", "start", "stop", "suspend", "resume", "reset"),
            rule("org.apache.camel:type=context,*", "reset"),
            rule("org.apache.camel:type=processors,*", "reset"),
            // Camel: messages held by browsable endpoints and the tracer (bodies)
            rule("org.apache.camel:type=endpoints,*", "browseExchange", "browseMessageBody", "browseMessageAsXml",
                    "browseAllMessagesAsXml", "browseRangeMessagesAsXml", "browseMessageAsJSon", "browseAllMessagesAsJSon",
                    "browseRangeMessagesAsJSon"),
            rule("org.apache.camel:type=tracer,*", "dumpTracedMessagesAsXml", "dumpAllTracedMessagesAsXml",
                    "dumpTracedMessagesAsJSon", "dumpAllTracedMessagesAsJSon"),
            // Artemis dead letters: retry, move, remove; browsing (bodies); counter reset
            rule("org.apache.activemq.artemis:component=addresses,subcomponent=queues,*",
                    "retryMessage", "retryMessages", "moveMessage", "moveMessages", "removeMessage", "removeMessages",
                    "browse", "listMessages", "listMessagesAsJSON", "listScheduledMessages", "listScheduledMessagesAsJSON",
                    "peekFirstMessageAsJSON", "resetMessageCounter", "resetMessagesAdded", "resetMessagesAcknowledged",
                    "resetMessagesExpired", "resetMessagesKilled"));

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
