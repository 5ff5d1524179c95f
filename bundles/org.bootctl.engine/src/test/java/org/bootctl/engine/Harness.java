package org.bootctl.engine;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.device.ModelSpec;
import org.bootctl.api.program.Program;
import org.bootctl.api.program.Settings;
import org.bootctl.api.session.DeviceStatus;
import org.bootctl.api.session.SessionException;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionListener;
import org.bootctl.api.session.SessionState;
import org.bootctl.api.time.VirtualTimebase;
import org.bootctl.engine.dispatch.ListenerDispatcher;
import org.bootctl.engine.record.Recorder;
import org.bootctl.timebase.ManualTimebase;

/**
 * An engine on virtual time with its recorder writing synchronously into a temporary data folder
 * and listener events delivered on the caller's thread: every test runs the same every time.
 */
final class Harness {

    static final long TICK_NANOS = 20_000_000L;
    static final Instant ORIGIN = Instant.parse("2025-06-01T10:00:00Z");

    final VirtualTimebase time = new ManualTimebase();
    final Path data;
    final Engine engine;
    final List<SessionInfo> sessionEvents = new CopyOnWriteArrayList<>();
    final List<DeviceStatus> deviceEvents = new CopyOnWriteArrayList<>();

    Harness(Path data) {
        this.data = data;
        engine = new Engine(new VirtualClock(time, ORIGIN), new Recorder(data, Runnable::run),
                new ListenerDispatcher(new DirectExecutorService(), Thread::new));
        engine.addSessionListener(new SessionListener() {
            @Override
            public void sessionChanged(SessionInfo session) {
                sessionEvents.add(session);
            }

            @Override
            public void deviceChanged(DeviceStatus device, boolean online) {
                deviceEvents.add(device);
            }
        });
        engine.open(50);
    }

    /** A fake unit of {@code model}, connected and reporting. */
    FakeBoot connect(ModelSpec model) {
        FakeBoot boot = FakeBoot.of("dev1", model, time);
        connect(boot);
        return boot;
    }

    void connect(BootConnection connection) {
        engine.addDevice(connection);
        seconds(0.1);
    }

    void program(Program program) {
        engine.addProgram(program, Map.of());
    }

    /** Exactly one tick of the loop. */
    void tick() {
        time.advance(TICK_NANOS);
    }

    void seconds(double s) {
        time.advance(Math.round(s * 1e9));
    }

    boolean runUntil(BooleanSupplier done, double maxSeconds) {
        return time.runUntil(done, Math.round(maxSeconds * 1e9));
    }

    SessionInfo start(String programId, Settings settings) throws SessionException {
        return engine.start("dev1", programId, settings);
    }

    SessionInfo info(String sessionId) {
        return engine.session(sessionId).orElseThrow();
    }

    SessionState state(String sessionId) {
        return info(sessionId).state();
    }

    DeviceStatus device() {
        return engine.device("dev1").orElseThrow();
    }

    /** Runs until the session is in {@code state}; false if it is not within {@code maxSeconds}. */
    boolean runUntilState(String sessionId, SessionState state, double maxSeconds) {
        return runUntil(() -> state(sessionId) == state, maxSeconds);
    }

    /** Settings for most tests: fit check and ramp-in off, so the plan runs as written. */
    static Settings plain(int level, double minutes) {
        return Settings.level(level, minutes).withFitCheck(false).withRampIn(false);
    }
}
