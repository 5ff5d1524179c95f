package org.bootctl.tools.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bootctl.api.program.Settings;
import org.bootctl.api.session.LoopStatistics;
import org.bootctl.api.session.LoopTiming;
import org.bootctl.api.session.SessionException;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionService;
import org.bootctl.launcher.cli.CommandException;
import org.bootctl.launcher.cli.Invocation;

/**
 * The real-time control loop under load: 1, then 8, then 32 simulated RB2-L5 units (real time,
 * 50 Hz telemetry) each running a session of the built-in sequential program, in one framework.
 * After a warm-up, the engine's {@link LoopStatistics} are reset and read again after the
 * measuring window: how late ticks began (every tick of every device together), and the CPU
 * time of the threads running the engine's loops per device. The process as a whole (the
 * simulated units' physics included) is shown beside it, and so is a bare 50 Hz timer thread
 * measured over the same window ({@link TimerProbe}): what the machine itself adds.
 */
final class LoopBench {

    static final String MODEL = "RB2-L5";

    /** One device count. */
    record Result(int devices, double latenessP50Ms, double latenessP99Ms, double latenessMaxMs,
                  double cpuPctPerDevice, double processCpuPctPerDevice, long ticks, int sessionsRunning,
                  String firstEnd, long gcCount, long gcMillis, double probeP99Ms, double probeMaxMs) {
    }

    private LoopBench() {
    }

    static List<Result> run(Invocation invocation, List<Integer> deviceCounts, long warmUpMillis, long measureMillis)
            throws CommandException, InterruptedException {
        List<Result> results = new ArrayList<>();
        try (BenchFramework framework = BenchFramework.start(invocation,
                Map.of("device", id(1), "model", MODEL, "virtual-time", "false"))) {
            SessionService sessions = framework.sessions();
            LoopStatistics statistics = framework.service(LoopStatistics.class);
            framework.awaitProgram("sequential");
            List<String> sessionIds = new ArrayList<>();
            int present = 0;
            for (int devices : deviceCounts) {
                for (int n = present + 1; n <= devices; n++) {
                    if (n > 1) {
                        framework.addSimulatedDevice(id(n), MODEL, false);
                    }
                }
                for (int n = present + 1; n <= devices; n++) {
                    framework.awaitDevice(id(n));
                    sessionIds.add(start(sessions, id(n)));
                }
                present = devices;
                Thread.sleep(warmUpMillis);
                statistics.reset();
                long process = processCpuNanos();
                long[] gc = gc();
                LoopTiming probe;
                try (TimerProbe timer = new TimerProbe()) {
                    Thread.sleep(measureMillis);
                    probe = timer.timing();
                }
                LoopTiming all = statistics.allLoops();
                long cpu = statistics.loopCpuNanos();
                long window = statistics.windowNanos();
                long processCpu = processCpuNanos() - process;
                long[] gcAfter = gc();
                List<SessionInfo> ended = sessionIds.stream().map(sessions::session)
                        .map(s -> s.orElse(null)).filter(s -> s == null || s.state().isFinal()).toList();
                int running = sessionIds.size() - ended.size();
                String firstEnd = ended.isEmpty() ? null : ended.get(0) == null ? "a session vanished"
                        : ended.get(0).deviceId() + " " + ended.get(0).state() + ": " + ended.get(0).endReason();
                results.add(new Result(devices, all.latenessMillis(0.50), all.latenessMillis(0.99),
                        all.maxLatenessMillis(), cpu < 0 ? Double.NaN : 100.0 * cpu / window / devices,
                        processCpu < 0 ? Double.NaN : 100.0 * processCpu / window / devices, all.ticks(), running,
                        firstEnd, gcAfter[0] - gc[0], gcAfter[1] - gc[1], probe.latenessMillis(0.99),
                        probe.maxLatenessMillis()));
            }
        }
        return results;
    }

    private static String id(int n) {
        return "loop-" + n;
    }

    private static String start(SessionService sessions, String deviceId) throws CommandException {
        try {
            SessionInfo info = sessions.start(deviceId, "sequential", Settings.level(5, 0));
            return info.id();
        } catch (SessionException e) {
            throw CommandException.failure("bench: no session on " + deviceId + ": " + e.getMessage());
        }
    }

    /** Collections so far and the milliseconds they took, over every collector of this JVM. */
    private static long[] gc() {
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, collector.getCollectionCount());
            millis += Math.max(0, collector.getCollectionTime());
        }
        return new long[] {count, millis};
    }

    /** CPU time of the whole process, ns, or -1 where the JVM does not tell. */
    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
