package org.bootctl.tools.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.Optional;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.device.SimulatedUnit;
import org.bootctl.api.program.Settings;
import org.bootctl.api.session.SessionException;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionService;
import org.bootctl.api.session.SessionState;
import org.bootctl.api.time.VirtualTimebase;
import org.bootctl.launcher.cli.CommandException;
import org.bootctl.launcher.cli.Invocation;

/**
 * Virtual speed-up: simulated seconds per wall second of one simulated RB2-L5 running a whole
 * session (built-in sequential, level 5, ramp-in and fit check as a person would start it),
 * the simulator and the engine's loop both on the caller's thread, traces and history written
 * as always. A short session first warms the JIT, so the figure is the steady pace.
 */
final class SpeedBench {

    static final String DEVICE = "speed-1";
    private static final long CHUNK_NANOS = 1_000_000_000L;

    /** What one timed session showed. */
    record Result(double speedup, double simulatedSeconds, double wallSeconds, double cpuSeconds, SessionState end) {

        /** Simulated seconds per CPU second of the thread that ran the simulator and the loop: less at the mercy of other work on the machine. */
        double speedupPerCpuSecond() {
            return cpuSeconds > 0 ? simulatedSeconds / cpuSeconds : Double.NaN;
        }
    }

    private SpeedBench() {
    }

    static Result run(Invocation invocation, double warmUpMinutes, double minutes) throws CommandException,
            InterruptedException {
        try (BenchFramework framework = BenchFramework.start(invocation,
                Map.of("device", DEVICE, "model", "RB2-L5", "virtual-time", "true"))) {
            framework.awaitDevice(DEVICE);
            BootConnection connection = framework.connection(DEVICE);
            VirtualTimebase clock = (connection instanceof SimulatedUnit unit ? unit.timebase() : Optional.<VirtualTimebase>empty())
                    .orElseThrow(() -> CommandException.failure("bench: " + DEVICE + " is not a simulated unit on virtual time"));
            SessionService sessions = framework.sessions();
            framework.awaitProgram("sequential");
            if (warmUpMinutes > 0) {
                session(sessions, clock, warmUpMinutes);
            }
            return session(sessions, clock, minutes);
        }
    }

    private static Result session(SessionService sessions, VirtualTimebase clock, double minutes)
            throws CommandException {
        SessionInfo started;
        try {
            started = sessions.start(DEVICE, "sequential", Settings.level(5, minutes));
        } catch (SessionException e) {
            throw CommandException.failure("bench: the speed session did not start: " + e.getMessage());
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long simulatedStart = clock.nanoTime();
        long wallStart = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long limit = simulatedStart + Math.round(minutes * 60e9) + 600_000_000_000L;
        SessionInfo now = started;
        while (!now.state().isFinal()) {
            if (clock.nanoTime() - limit > 0) {
                throw CommandException.failure("bench: the speed session did not end in time (" + now.state() + ")");
            }
            clock.advance(CHUNK_NANOS);
            now = sessions.session(started.id()).orElseThrow();
        }
        long wall = System.nanoTime() - wallStart;
        long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
        long simulated = clock.nanoTime() - simulatedStart;
        return new Result((double) simulated / wall, simulated / 1e9, wall / 1e9, cpuStart < 0 ? Double.NaN : cpu / 1e9,
                now.state());
    }
}
