package vn.lienthong.gateway.bench;

import java.lang.management.ManagementFactory;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import com.sun.management.OperatingSystemMXBean;

/**
 * Samples the machine's and this JVM's CPU use while a phase runs, so that the report can say
 * when something else on the machine (a build, a test run) competed for the CPUs and the figures
 * are not to be trusted.
 */
final class CpuMonitor implements AutoCloseable {

    private final OperatingSystemMXBean os = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-cpu-monitor");
        t.setDaemon(true);
        return t;
    });
    private ScheduledFuture<?> sampling;
    private double machineSum;
    private double processSum;
    private int samples;

    /** CPU time this JVM has used so far (all its threads), in nanoseconds. */
    static long processCpuNanos() {
        return ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class).getProcessCpuTime();
    }

    /** Starts a new measurement window. */
    synchronized void start() {
        stopSampling();
        machineSum = 0;
        processSum = 0;
        samples = 0;
        os.getCpuLoad(); // the first readings of a window cover the time since the previous call
        os.getProcessCpuLoad();
        sampling = scheduler.scheduleAtFixedRate(this::sample, 250, 250, TimeUnit.MILLISECONDS);
    }

    /** Ends the window: average machine and process CPU use in percent of all CPUs. */
    synchronized Usage stop() {
        stopSampling();
        return samples == 0 ? new Usage(Double.NaN, Double.NaN) : new Usage(100 * machineSum / samples, 100 * processSum / samples);
    }

    private synchronized void sample() {
        double machine = os.getCpuLoad();
        double process = os.getProcessCpuLoad();
        if (machine >= 0 && process >= 0) {
            machineSum += machine;
            processSum += Math.min(process, machine);
            samples++;
        }
    }

    private void stopSampling() {
        if (sampling != null) {
            sampling.cancel(false);
            sampling = null;
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    /** Average CPU use over a window, in percent of all the machine's CPUs. */
    record Usage(double machinePercent, double processPercent) {
        double othersPercent() {
            return machinePercent - processPercent;
        }
    }
}
