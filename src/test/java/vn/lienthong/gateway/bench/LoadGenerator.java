package vn.lienthong.gateway.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Generates load against a {@link Target} with blocking {@link HttpClient#send} calls from a fixed
 * pool of worker threads.
 * <ul>
 *   <li>closed loop: {@code clients} workers each send requests back to back; measures peak throughput;</li>
 *   <li>open loop: requests are scheduled at a fixed rate (request i at start + i/rate) and handed
 *       to a pool of {@code openLoopWorkers}; latency is counted from the <em>scheduled</em> send time,
 *       so a stalled server is charged for the requests that should have been sent meanwhile
 *       (no coordinated omission). The pool is sized well above rate x latency; if it is ever
 *       exhausted, requests go out late and the lateness is still counted.</li>
 * </ul>
 */
final class LoadGenerator implements AutoCloseable {

    private final HttpClient http;
    private final int clients;
    private final int openLoopWorkers;
    private final ExecutorService closedPool;
    private final ExecutorService openPool;

    LoadGenerator(HttpClient http, int clients, int openLoopWorkers) {
        this.http = http;
        this.clients = clients;
        this.openLoopWorkers = openLoopWorkers;
        this.closedPool = fixedPool(clients, "bench-client-");
        this.openPool = fixedPool(openLoopWorkers, "bench-open-");
    }

    HttpClient http() {
        return http;
    }

    /** N clients, back to back, for {@code duration}. Returns the merged round and its elapsed time. */
    Round closedLoop(Target target, Duration duration) throws InterruptedException {
        AtomicLong seq = new AtomicLong();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        List<Future<LatencyRecorder>> futures = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            futures.add(closedPool.submit(() -> {
                LatencyRecorder rec = new LatencyRecorder();
                while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
                    long sent = System.nanoTime();
                    exchange(target, seq.getAndIncrement(), sent, rec);
                }
                return rec;
            }));
        }
        return collect(futures, start);
    }

    /** {@code rate} requests per second for {@code duration}, latency from the scheduled send time. */
    Round openLoop(Target target, double rate, Duration duration) throws InterruptedException {
        long total = Math.max(1, Math.round(rate * duration.toNanos() / 1e9));
        double intervalNanos = 1e9 / rate;
        AtomicLong next = new AtomicLong();
        long start = System.nanoTime() + 1_000_000; // a millisecond for the workers to get going
        List<Future<LatencyRecorder>> futures = new ArrayList<>();
        for (int i = 0; i < openLoopWorkers; i++) {
            futures.add(openPool.submit(() -> {
                LatencyRecorder rec = new LatencyRecorder();
                long n;
                while ((n = next.getAndIncrement()) < total && !Thread.currentThread().isInterrupted()) {
                    long scheduled = start + (long) (n * intervalNanos);
                    long wait;
                    while ((wait = scheduled - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    exchange(target, n, scheduled, rec);
                }
                return rec;
            }));
        }
        return collect(futures, start);
    }

    private void exchange(Target target, long seq, long startNanos, LatencyRecorder rec) {
        try {
            HttpResponse<String> response = http.send(target.request().apply(seq), HttpResponse.BodyHandlers.ofString());
            long latency = System.nanoTime() - startNanos;
            String problem = target.check().problem(response);
            if (problem == null) {
                rec.success(latency);
            } else {
                rec.failure(latency, problem, abbreviate(response.body()));
            }
        } catch (IOException | RuntimeException e) {
            rec.failure(System.nanoTime() - startNanos, e.getClass().getSimpleName(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Round collect(List<Future<LatencyRecorder>> futures, long start) throws InterruptedException {
        LatencyRecorder merged = new LatencyRecorder();
        for (Future<LatencyRecorder> f : futures) {
            try {
                merged.add(f.get());
            } catch (ExecutionException e) {
                throw new IllegalStateException("A load worker failed", e.getCause());
            }
        }
        return new Round(merged, System.nanoTime() - start);
    }

    private static String abbreviate(String body) {
        if (body == null) {
            return null;
        }
        String oneLine = body.replaceAll("\\s+", " ");
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "...";
    }

    /** A fixed pool of daemon threads, all started up front so that no measured round pays for their creation. */
    private static ExecutorService fixedPool(int threads, String prefix) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), factory);
        pool.prestartAllCoreThreads();
        return pool;
    }

    @Override
    public void close() {
        closedPool.shutdownNow();
        openPool.shutdownNow();
    }

    /** One run against one target: its outcomes and the wall-clock time from first send to last answer. */
    record Round(LatencyRecorder latencies, long elapsedNanos) {
    }
}
