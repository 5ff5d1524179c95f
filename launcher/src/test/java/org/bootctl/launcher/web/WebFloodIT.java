package org.bootctl.launcher.web;

import static org.bootctl.launcher.web.WebRuntime.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.bootctl.api.session.LoopStatistics;
import org.bootctl.api.session.LoopTiming;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionListener;
import org.bootctl.api.session.SessionService;
import org.bootctl.api.session.SessionState;
import org.bootctl.api.session.Telemetry;
import org.bootctl.api.session.TelemetryListener;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The fault matrix's web case (issue 9): a flood of 1,000 requests a second for 10 s at the REST
 * API, from a few client threads on this machine, while a session runs in real time on the
 * simulated sim-1. The session must not notice (never FAULT, keeps progressing, still RUNNING or
 * COMPLETED); the rate limit answers the excess 429, nothing is answered 5xx, no connection fails;
 * an emergency stop (of a second simulated unit, sim-2, so sim-1's session goes on) answers 200
 * throughout. Tick lateness of sim-1's loop, the highest pressure and the flood's own figures are
 * printed for docs/RELIABILITY.md, not asserted (machines are noisy).
 */
@Tag("realtime")
class WebFloodIT {

    static final int PER_SECOND = 1000;
    static final Duration FLOOD = Duration.ofSeconds(10);
    static final int CLIENT_THREADS = 8;
    /** A quiet window before the flood, for comparison. */
    static final long QUIET_MS = 3000;
    static final String SESSION = """
            {"device": "sim-1", "program": "sequential", "level": 3, "minutes": 2, "fitCheck": false, "ramp": false}""";

    @TempDir
    Path data;

    @Test
    void aFloodOfRequestsLeavesTheSessionAloneAndTheEmergencyStopAnswers() throws Exception {
        try (WebRuntime web = WebRuntime.start(data, Map.of())) {
            SessionService sessions = web.runtime.service(SessionService.class, null).orElseThrow();
            LoopStatistics loops = web.runtime.service(LoopStatistics.class, null).orElseThrow();
            addSimulatedUnit(web, "sim-2");
            web.await("sim-2 connected", () -> sessions.device("sim-2").isPresent(), present -> present);

            Watch watch = new Watch("sim-1");
            ServiceRegistration<?> listening = web.runtime.context().registerService(
                    new String[] {SessionListener.class.getName(), TelemetryListener.class.getName()}, watch,
                    new Hashtable<>());
            try {
                HttpResponse<String> started = web.post("/api/sessions", SESSION);
                assertEquals(201, started.statusCode(), started.body());
                String id = object(started).get("id").getAsString();
                web.await("the session running", () -> sessions.session(id).orElseThrow().state(),
                        s -> s == SessionState.RUNNING);

                loops.reset();
                Thread.sleep(QUIET_MS); // a measuring window, nothing awaited
                LoopTiming quiet = timing(loops, "sim-1");

                SessionInfo before = sessions.session(id).orElseThrow();
                watch.startCounting();
                loops.reset();
                Map<String, Long> cpuBefore = cpuByRole();
                Flood flood = Flood.start(web.base, requests(web.base, id), CLIENT_THREADS, PER_SECOND, FLOOD);
                List<Long> estopMillis = new ArrayList<>();
                for (int n = 1; n <= 4; n++) { // an emergency stop every 2 s of the flood
                    long at = n * FLOOD.toMillis() / 5;
                    web.await("the flood at " + at + " ms", flood::elapsedMillis, elapsed -> elapsed >= at);
                    long sent = System.nanoTime();
                    HttpResponse<String> estop = web.send(HttpRequest.newBuilder(web.base.resolve("/api/devices/sim-2/estop"))
                            .POST(HttpRequest.BodyPublishers.noBody()));
                    estopMillis.add((System.nanoTime() - sent) / 1_000_000);
                    assertEquals(200, estop.statusCode(), "the emergency stop during the flood: " + estop.body());
                }
                flood.await();
                LoopTiming flooded = timing(loops, "sim-1");
                Map<String, Long> cpu = cpuByRole();
                cpu.replaceAll((role, nanos) -> (nanos - cpuBefore.getOrDefault(role, 0L)) / 1_000_000);
                SessionInfo after = sessions.session(id).orElseThrow();
                watch.stopCounting();

                System.out.printf("""
                        WebFloodIT: %d requests in %.1f s (%.0f a second, target %d) from %d client threads: %s; \
                        connection errors %d%s
                          admitted (not 429): %d, at most %d allowed by the rate limit
                          emergency stop of sim-2 during the flood: %s ms, all 200
                          CPU during the flood, ms: %s (web server: %.0f us a request)
                          sim-1 tick lateness, quiet %d s:   p50 %.3f ms, p99 %.3f ms, max %.3f ms (%d ticks)
                          sim-1 tick lateness, during flood: p50 %.3f ms, p99 %.3f ms, max %.3f ms (%d ticks)
                          sim-1 session %s: %s -> %s, cycle/step %d/%d -> %d/%d, elapsed %d -> %d ms; \
                        steps seen %d; highest pressure during the flood %.1f mmHg (cap %.0f mmHg); states seen %s
                        """,
                        flood.sent(), flood.seconds(), flood.sent() / flood.seconds(), PER_SECOND, CLIENT_THREADS,
                        flood.statuses(), flood.errors(), flood.firstErrors(), flood.admitted(),
                        allowed(flood.seconds()), estopMillis, cpu, cpu.getOrDefault("web server", 0L) * 1000.0 / flood.sent(),
                        QUIET_MS / 1000, quiet.latenessMillis(0.5), quiet.latenessMillis(0.99), quiet.maxLatenessMillis(),
                        quiet.ticks(), flooded.latenessMillis(0.5), flooded.latenessMillis(0.99),
                        flooded.maxLatenessMillis(), flooded.ticks(), id, before.state(), after.state(), before.cycle(),
                        before.step(), after.cycle(), after.step(), before.elapsedMs(), after.elapsedMs(), watch.steps(),
                        watch.highestMmHg(), before.settings().cap(), watch.states());

                assertEquals(0, flood.errors(), "no connection failed: " + flood.firstErrors());
                assertTrue(flood.statuses().keySet().stream().noneMatch(s -> s >= 500), "nothing 5xx: " + flood.statuses());
                assertTrue(flood.statuses().getOrDefault(429, 0L) > 0, "the excess is answered 429: " + flood.statuses());
                assertEquals(0, flood.badRefusals(), "every 429 has Retry-After and a JSON error body");
                assertTrue(flood.admitted() <= allowed(flood.seconds()),
                        flood.admitted() + " admitted in " + flood.seconds() + " s, more than the limit lets through");

                assertFalse(watch.states().contains(SessionState.FAULT), "sim-1 never faulted: " + watch.states());
                assertTrue(EnumSet.of(SessionState.RUNNING, SessionState.COMPLETED).contains(after.state()),
                        "the session goes on: " + after.state() + " " + after.endReason());
                assertTrue(after.elapsedMs() > before.elapsedMs(), "the session's time went on");
                assertTrue(watch.frames() > 0, "sim-1's telemetry kept coming during the flood");
                assertTrue(watch.highestMmHg() < sessions.device("sim-1").orElseThrow().description().hardLimitMmHg(),
                        "no pressure near the hard limit: " + watch.highestMmHg());
            } finally {
                listening.unregister();
            }
        }
    }

    /** What the rate limit lets through from one client (50 a second, bursts of 100), with a second's slack. */
    private static long allowed(double seconds) {
        return 100 + Math.round(50 * (seconds + 1));
    }

    /**
     * CPU time, ns, of this JVM's live threads by what they do: the web server (Jetty's pool), the
     * flood's clients, and everything else (the engine, the simulated units, the test).
     */
    private static Map<String, Long> cpuByRole() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> cpu = new TreeMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long nanos = threads.getThreadCpuTime(info.getThreadId());
            String name = info.getThreadName();
            String role = name.startsWith("qtp") ? "web server"
                    : name.startsWith("flood-") || name.startsWith("HttpClient") ? "flood clients" : "rest";
            cpu.merge(role, Math.max(0, nanos), Long::sum);
        }
        return cpu;
    }

    private static LoopTiming timing(LoopStatistics loops, String device) {
        return loops.loops().stream().filter(t -> device.equals(t.deviceId())).findFirst()
                .orElseThrow(() -> new AssertionError("no loop timing of " + device));
    }

    private static void addSimulatedUnit(WebRuntime web, String id) throws IOException {
        ConfigurationAdmin admin = web.runtime.service(ConfigurationAdmin.class, null).orElseThrow();
        Configuration configuration = admin.getFactoryConfiguration("org.bootctl.sim.device", id, "?");
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("id", id);
        properties.put("model", "RB2-L5");
        properties.put("faults", "");
        properties.put("virtualTime", "false");
        configuration.update(properties);
    }

    /** The mix the flood cycles through: reads of every kind and a malformed session request (400). */
    private static List<HttpRequest> requests(URI base, String sessionId) {
        List<HttpRequest> requests = new ArrayList<>();
        for (String path : List.of("/api/devices", "/api/devices/sim-1", "/api/sessions/" + sessionId,
                "/api/programs/sequential", "/api/history?limit=5", "/api/devices/nope")) {
            requests.add(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).GET().build());
        }
        requests.add(HttpRequest.newBuilder(base.resolve("/api/sessions")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"device\": \"sim-1\", \"program\": \"sequential\", \"level\": 9}"))
                .build());
        return requests;
    }

    /** sim-1 as the engine tells it: states, steps and the highest pressure while counting. */
    static final class Watch implements SessionListener, TelemetryListener {
        private final String device;
        private final Set<SessionState> states = Collections.newSetFromMap(new ConcurrentHashMap<>());
        private volatile boolean counting;
        private volatile double highest;
        private volatile long lastStepKey = Long.MIN_VALUE;
        private final LongAdder steps = new LongAdder();
        private final LongAdder frames = new LongAdder();

        Watch(String device) {
            this.device = device;
        }

        void startCounting() {
            counting = true;
        }

        void stopCounting() {
            counting = false;
        }

        @Override
        public void sessionChanged(SessionInfo session) {
            if (device.equals(session.deviceId())) {
                states.add(session.state());
            }
        }

        @Override
        public void telemetry(Telemetry frame) {
            if (!device.equals(frame.deviceId())) {
                return;
            }
            states.add(frame.state());
            if (!counting) {
                return;
            }
            frames.increment();
            for (double p : frame.pressures()) {
                if (p > highest) {
                    highest = p;
                }
            }
            long key = (long) frame.cycle() << 32 | (frame.step() & 0xffffffffL);
            if (lastStepKey != Long.MIN_VALUE && key != lastStepKey) {
                steps.increment();
            }
            lastStepKey = key;
        }

        Set<SessionState> states() {
            return Set.copyOf(states);
        }

        long steps() {
            return steps.sum();
        }

        long frames() {
            return frames.sum();
        }

        double highestMmHg() {
            return highest;
        }
    }

    /**
     * Client threads, each sending its share of the requests on a steady schedule (never more than
     * the rate, catching up when a request took long), counting every answer by status.
     */
    static final class Flood {
        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        private final List<HttpRequest> requests;
        private final ConcurrentHashMap<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        private final LongAdder errors = new LongAdder();
        private final LongAdder badRefusals = new LongAdder();
        private final List<String> firstErrors = Collections.synchronizedList(new ArrayList<>());
        private final List<Thread> threads = new ArrayList<>();
        private final AtomicLong startNanos = new AtomicLong();
        private volatile long endNanos;

        private Flood(List<HttpRequest> requests) {
            this.requests = requests;
        }

        static Flood start(URI base, List<HttpRequest> requests, int threadCount, int perSecond, Duration length) {
            Flood flood = new Flood(requests);
            long interval = 1_000_000_000L * threadCount / perSecond;
            long start = System.nanoTime();
            flood.startNanos.set(start);
            long end = start + length.toNanos();
            for (int t = 0; t < threadCount; t++) {
                int thread = t;
                long offset = interval * t / threadCount;
                Thread worker = new Thread(() -> flood.run(thread, start + offset, interval, end), "flood-" + t);
                worker.setDaemon(true);
                flood.threads.add(worker);
                worker.start();
            }
            return flood;
        }

        private void run(int thread, long first, long interval, long end) {
            for (long n = 0; ; n++) {
                long due = first + n * interval;
                if (due - end >= 0) {
                    return;
                }
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                HttpRequest request = requests.get((int) ((n + thread) % requests.size()));
                try {
                    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                    statuses.computeIfAbsent(response.statusCode(), s -> new LongAdder()).increment();
                    if (response.statusCode() == 429 && (response.headers().firstValue("Retry-After").isEmpty()
                            || !response.body().startsWith("{\"error\":"))) {
                        badRefusals.increment();
                    }
                } catch (IOException e) {
                    errors.increment();
                    if (firstErrors.size() < 5) {
                        firstErrors.add(request.method() + " " + request.uri().getPath() + ": " + e);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        long elapsedMillis() {
            return (System.nanoTime() - startNanos.get()) / 1_000_000;
        }

        void await() throws InterruptedException {
            for (Thread t : threads) {
                t.join(FLOOD.toMillis() + 30_000);
                assertFalse(t.isAlive(), t.getName() + " still sending");
            }
            endNanos = System.nanoTime();
        }

        double seconds() {
            return (endNanos - startNanos.get()) / 1e9;
        }

        Map<Integer, Long> statuses() {
            Map<Integer, Long> counts = new TreeMap<>();
            statuses.forEach((status, count) -> counts.put(status, count.sum()));
            return counts;
        }

        long sent() {
            return statuses().values().stream().mapToLong(Long::longValue).sum() + errors.sum();
        }

        long admitted() {
            return statuses().entrySet().stream().filter(e -> e.getKey() != 429).mapToLong(Map.Entry::getValue).sum();
        }

        long errors() {
            return errors.sum();
        }

        long badRefusals() {
            return badRefusals.sum();
        }

        String firstErrors() {
            return firstErrors.isEmpty() ? "" : " " + firstErrors;
        }
    }
}
