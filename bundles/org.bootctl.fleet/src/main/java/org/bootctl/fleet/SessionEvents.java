package org.bootctl.fleet;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.bootctl.api.session.DeviceStatus;
import org.bootctl.api.session.Fault;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionState;
import org.bootctl.web.contract.Views;

/**
 * Turns the engine's session and device changes into the {@code events} words: session-started,
 * session-paused, session-resumed, session-ended, fault, fault-cleared and estop. Cheap, for the
 * engine's listener thread: it compares with the last state and queues at most a few events.
 */
final class SessionEvents {

    static final String ESTOP_CAUSE = "emergency stop";

    private final Outbox outbox;
    /** The last state of each session not yet ended. */
    private final Map<String, SessionState> running = new ConcurrentHashMap<>();
    /** The fault last told per device. */
    private final Map<String, Fault> told = new ConcurrentHashMap<>();

    SessionEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    void sessionChanged(SessionInfo s) {
        SessionState before = running.get(s.id());
        SessionState now = s.state();
        String type = null;
        if (now.isFinal()) {
            if (running.remove(s.id()) != null || before == null) {
                type = "session-ended";
            }
        } else {
            running.put(s.id(), now);
            if (before == null) {
                type = "session-started";
            } else if (now == SessionState.PAUSED && before != SessionState.PAUSED) {
                type = "session-paused";
            } else if (before == SessionState.PAUSED && now != SessionState.PAUSED) {
                type = "session-resumed";
            }
        }
        if (type != null) {
            outbox.event(new Outbox.Event(type, Instant.now(), s.deviceId(), Views.SessionView.of(s)));
        }
        outbox.deviceChanged(s.deviceId(), true);
        fault(s.deviceId(), s.id(), s.fault());
    }

    void deviceChanged(DeviceStatus device, boolean online) {
        outbox.deviceChanged(device.id(), online);
        if (device.fault() == null) {
            if (told.remove(device.id()) != null && online) {
                outbox.event(new Outbox.Event("fault-cleared", Instant.now(), device.id(), null));
            }
        } else {
            fault(device.id(), device.sessionId(), device.fault());
        }
    }

    private void fault(String deviceId, String sessionId, Fault fault) {
        if (fault != null && !Objects.equals(told.get(deviceId), fault)) {
            told.put(deviceId, fault);
            String type = ESTOP_CAUSE.equals(fault.cause()) ? "estop" : "fault";
            outbox.event(new Outbox.Event(type, Instant.now(), deviceId,
                    new Views.FaultEvent(deviceId, sessionId, Views.FaultView.of(fault))));
        }
    }
}
