package org.bootctl.launcher.serial;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.bootctl.api.session.DeviceStatus;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionListener;
import org.bootctl.api.session.SessionService;
import org.bootctl.api.session.SessionState;
import org.bootctl.api.session.TelemetryListener;
import org.bootctl.launcher.runtime.OsgiRuntime;
import org.bootctl.launcher.testing.Runtimes;
import org.bootctl.testing.Waits;

/**
 * The controller (feature rb2 or rb1, headless) in this JVM on the host's end of a line, with a
 * session listener that notes when each session first entered each state, and a telemetry
 * listener that counts the device loop's ticks.
 */
final class SerialHost implements AutoCloseable {

    private final OsgiRuntime runtime;
    private final SessionService sessions;
    private final String deviceId;
    /** Session id → state → System.nanoTime() it was first heard of. */
    private final Map<String, Map<SessionState, Long>> entered = new ConcurrentHashMap<>();
    private final Map<String, SessionInfo> latest = new ConcurrentHashMap<>();
    private volatile long deviceLostNanos;
    private final AtomicLong ticks = new AtomicLong();

    private SerialHost(OsgiRuntime runtime, String deviceId) throws InterruptedException {
        this.runtime = runtime;
        this.deviceId = deviceId;
        runtime.context().registerService(SessionListener.class, new SessionListener() {
            @Override
            public void sessionChanged(SessionInfo session) {
                long at = System.nanoTime();
                latest.put(session.id(), session);
                entered.computeIfAbsent(session.id(), id -> new ConcurrentHashMap<>()).putIfAbsent(session.state(), at);
            }

            @Override
            public void deviceChanged(DeviceStatus device, boolean online) {
                if (!online && device.id().equals(deviceId) && deviceLostNanos == 0) {
                    deviceLostNanos = System.nanoTime();
                }
            }
        }, null);
        runtime.context().registerService(TelemetryListener.class, frame -> {
            if (frame.deviceId().equals(deviceId)) {
                ticks.incrementAndGet();
            }
        }, null);
        this.sessions = Runtimes.sessions(runtime);
    }

    /** Starts feature {@code rb2} or {@code rb1} on {@code port}; returns once its device is there. */
    static SerialHost start(String feature, String port, Path data) throws Exception {
        OsgiRuntime runtime = Runtimes.start(feature, Map.of("port", port), data);
        try {
            SerialHost host = new SerialHost(runtime, feature + "-1");
            host.awaitDevice(15_000);
            return host;
        } catch (Exception | AssertionError e) {
            runtime.close();
            throw e;
        }
    }

    void awaitDevice(long millis) {
        Waits.until(deviceId + " connected", millis, () -> sessions.device(deviceId).isPresent());
    }

    OsgiRuntime runtime() {
        return runtime;
    }

    SessionService sessions() {
        return sessions;
    }

    String deviceId() {
        return deviceId;
    }

    Optional<DeviceStatus> device() {
        return sessions.device(deviceId);
    }

    SessionInfo info(String sessionId) {
        return sessions.session(sessionId).orElseThrow(() -> new AssertionError("no session " + sessionId));
    }

    SessionState state(String sessionId) {
        return Runtimes.state(sessions, sessionId);
    }

    /** When the session was first heard in {@code state}, on System.nanoTime(); 0 if never. */
    long entered(String sessionId, SessionState state) {
        return entered.getOrDefault(sessionId, Map.of()).getOrDefault(state, 0L);
    }

    /** When it was first heard in a final state; 0 if not yet. */
    long ended(String sessionId) {
        return entered.getOrDefault(sessionId, Map.of()).entrySet().stream().filter(e -> e.getKey().isFinal())
                .mapToLong(Map.Entry::getValue).min().orElse(0L);
    }

    void awaitState(String sessionId, SessionState state, long millis) {
        Waits.until(() -> "session " + state + ", it is " + state(sessionId), millis,
                () -> entered(sessionId, state) != 0);
    }

    void awaitEnd(String sessionId, long millis) {
        Waits.until(() -> "the session to end, it is " + state(sessionId), millis, () -> ended(sessionId) != 0);
    }

    /** Until the device's loop has ticked {@code count} more times (what was asked of it before has been acted on). */
    void awaitTicks(int count) {
        long until = ticks.get() + count;
        Waits.until(deviceId + "'s loop ticking", 5000, () -> ticks.get() >= until);
    }

    /** When the device first went away; 0 if it has not. */
    long deviceLost() {
        return deviceLostNanos;
    }

    @Override
    public void close() {
        runtime.close();
    }
}
