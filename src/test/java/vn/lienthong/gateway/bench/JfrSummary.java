package vn.lienthong.gateway.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a recording of the gateway spent its CPU and its allocations: {@code JfrSummary FILE [TOP] [THREAD-PREFIX] [LAST-SECONDS]}
 * (an empty THREAD-PREFIX: every thread; LAST-SECONDS: only the end of the recording, e.g. the measured rounds).
 * CPU: {@code jdk.ExecutionSample} events, each method's self share (top frame) and total share (anywhere on the
 * stack, counted once per sample). Allocation: {@code jdk.ObjectAllocationSample} weights by allocating method
 * (top frame) and by allocating method + class. Only samples of threads whose name starts with THREAD-PREFIX
 * when given (e.g. {@code http-nio} for Tomcat's request threads).
 */
public final class JfrSummary {

    private JfrSummary() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        String thread = args.length > 2 && !args[2].isEmpty() ? args[2] : null;
        // the last SECONDS of the recording only (the measured rounds, not the start and the warm-up)
        long lastSeconds = args.length > 3 ? Long.parseLong(args[3]) : 0;
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> total = new HashMap<>();
        Map<String, Long> allocSite = new HashMap<>();
        Map<String, Long> allocClass = new HashMap<>();
        Map<String, Long> threads = new HashMap<>();
        long samples = 0;
        long allocated = 0;
        List<RecordedEvent> events = RecordingFile.readAllEvents(file);
        java.time.Instant from = lastSeconds <= 0 ? java.time.Instant.MIN : events.stream().map(RecordedEvent::getStartTime)
                .max(java.util.Comparator.naturalOrder()).orElse(java.time.Instant.MIN).minusSeconds(lastSeconds);
        for (RecordedEvent e : events) {
            if (e.getStartTime().isBefore(from)) {
                continue;
            }
            String name = e.getEventType().getName();
            boolean cpu = name.equals("jdk.ExecutionSample");
            boolean alloc = name.equals("jdk.ObjectAllocationSample");
            if (!cpu && !alloc) {
                continue;
            }
            String threadName = e.getThread(cpu ? "sampledThread" : "eventThread") == null ? "?"
                    : String.valueOf(e.getThread(cpu ? "sampledThread" : "eventThread").getJavaName());
            if (thread != null && !threadName.startsWith(thread)) {
                continue;
            }
            RecordedStackTrace stack = e.getStackTrace();
            List<RecordedFrame> frames = stack == null ? List.of() : stack.getFrames();
            if (cpu) {
                samples++;
                threads.merge(threadName.replaceAll("\\d+", "#"), 1L, Long::sum);
                if (!frames.isEmpty()) {
                    self.merge(method(frames.get(0)), 1L, Long::sum);
                }
                Set<String> seen = new HashSet<>();
                for (RecordedFrame f : frames) {
                    if (seen.add(method(f))) {
                        total.merge(method(f), 1L, Long::sum);
                    }
                }
            } else {
                long weight = e.getLong("weight");
                allocated += weight;
                String site = frames.isEmpty() ? "?" : method(frames.get(0));
                allocSite.merge(site, weight, Long::sum);
                allocClass.merge(e.getClass("objectClass").getName() + " @ " + site, weight, Long::sum);
            }
        }
        System.out.printf(Locale.ROOT, "%s: %d CPU samples%s, %.1f MB allocation (sampled weight)%n", file, samples,
                thread == null ? "" : " of threads " + thread + "*", allocated / 1e6);
        print("CPU by thread", threads, samples, top);
        print("CPU self (top frame)", self, samples, top);
        print("CPU total (on the stack)", total, samples, top);
        print("allocation by site", allocSite, allocated, top);
        print("allocation by class @ site", allocClass, allocated, top);
    }

    private static String method(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static void print(String title, Map<String, Long> counts, long all, int top) {
        System.out.println("== " + title);
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(en -> System.out.printf(Locale.ROOT, "%6.2f%%  %s%n", 100.0 * en.getValue() / all, en.getKey()));
    }
}
