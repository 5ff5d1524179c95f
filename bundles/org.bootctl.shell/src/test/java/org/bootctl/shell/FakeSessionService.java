package org.bootctl.shell;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.device.ModelSpec;
import org.bootctl.api.program.Plan;
import org.bootctl.api.program.Program;
import org.bootctl.api.program.ProgramInfo;
import org.bootctl.api.program.Settings;
import org.bootctl.api.session.DeviceStatus;
import org.bootctl.api.session.Fault;
import org.bootctl.api.session.SessionException;
import org.bootctl.api.session.SessionException.Reason;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionService;
import org.bootctl.api.session.SessionState;

/** A SessionService that keeps devices and sessions in maps, behaves like the engine's contract, and records every request. */
final class FakeSessionService implements SessionService {

    static final Instant T0 = Instant.parse("2025-03-01T09:30:00Z");
    static final Fault ESTOP = new Fault("emergency stop", null, 0, 0, "emergency stop");

    final Map<String, DeviceStatus> devices = new LinkedHashMap<>();
    final Map<String, SessionInfo> sessions = new LinkedHashMap<>();
    final List<ProgramInfo> programs = new ArrayList<>();
    /** Every request that changes something, in order: {@code start sim1 sequential}, {@code estop all}, ... */
    final List<String> calls = new ArrayList<>();
    Settings lastSettings;
    /** When set, start refuses with this message. */
    String refuseStart;
    /** When set, clearFault refuses with this message. */
    String faultPersists;
    /** As the engine: a pause, resume or stop answers with the session as it was, the change comes a moment later. */
    boolean answersWithStateBefore;
    private int nextId = 1;

    FakeSessionService device(String id, ModelSpec model) {
        devices.put(id, new DeviceStatus(DeviceDescription.of(id, model, "SN-" + id, "2.1", model.defaultRateHz()),
                SessionState.IDLE, null, null));
        return this;
    }

    FakeSessionService program(String id, String name, String version, int minZones, int maxZones) {
        programs.add(new ProgramInfo(id, name, version, "bootctl", name + " program", minZones, maxZones));
        return this;
    }

    /** Puts a session on a device as if it had run for a while. */
    SessionInfo session(String deviceId, SessionState state, int cycle, int step, long elapsedMs, long remainingMs,
                        String endReason) {
        SessionInfo s = new SessionInfo("s" + nextId++, deviceId, "sequential", "1.2.0", Settings.level(4, 20), state,
                cycle, step, elapsedMs, remainingMs, T0, state.isFinal() ? T0.plusSeconds(600) : null, endReason, null);
        put(s);
        return s;
    }

    /** Latches a fault on a device. */
    void latch(String deviceId, Fault fault) {
        DeviceStatus d = devices.get(deviceId);
        devices.put(deviceId, new DeviceStatus(d.description(), SessionState.FAULT, d.sessionId(), fault));
    }

    @Override
    public List<DeviceStatus> devices() {
        return List.copyOf(devices.values());
    }

    @Override
    public Optional<DeviceStatus> device(String deviceId) {
        return Optional.ofNullable(devices.get(deviceId));
    }

    @Override
    public List<ProgramInfo> programs() {
        return List.copyOf(programs);
    }

    @Override
    public Plan preview(String deviceId, String programId, Settings settings) {
        throw new UnsupportedOperationException("the shell does not preview");
    }

    @Override
    public SessionInfo start(String deviceId, String programId, Settings settings) throws SessionException {
        calls.add("start " + deviceId + " " + programId);
        lastSettings = settings;
        DeviceStatus d = devices.get(deviceId);
        if (d == null) {
            throw new SessionException(Reason.NOT_FOUND, "unknown device " + deviceId);
        }
        if (programs.stream().noneMatch(p -> p.id().equals(programId))) {
            throw new SessionException(Reason.NOT_FOUND, "unknown program " + programId);
        }
        if (refuseStart != null) {
            throw new SessionException(Reason.REFUSED, refuseStart);
        }
        if (d.fault() != null || running(d)) {
            throw new SessionException(Reason.CONFLICT, "device " + deviceId + " is busy");
        }
        SessionInfo s = new SessionInfo("s" + nextId++, deviceId, programId, "1.2.0", settings,
                settings.fitCheck() ? SessionState.FIT_CHECK : SessionState.RUNNING, 0, -1, 0,
                settings.durationMs(), T0, null, null, null);
        put(s);
        return s;
    }

    @Override
    public SessionInfo start(String deviceId, Program program, Settings settings) {
        throw new UnsupportedOperationException("the shell starts registered programs only");
    }

    @Override
    public Optional<SessionInfo> session(String sessionId) {
        return Optional.ofNullable(sessions.get(sessionId));
    }

    @Override
    public SessionInfo pause(String sessionId) throws SessionException {
        calls.add("pause " + sessionId);
        return change(sessionId, SessionState.RUNNING, SessionState.PAUSED, null);
    }

    @Override
    public SessionInfo resume(String sessionId) throws SessionException {
        calls.add("resume " + sessionId);
        return change(sessionId, SessionState.PAUSED, SessionState.RUNNING, null);
    }

    @Override
    public SessionInfo stop(String sessionId) throws SessionException {
        calls.add("stop " + sessionId);
        SessionInfo s = find(sessionId);
        return change(sessionId, s.state().isFinal() ? SessionState.IDLE : s.state(), SessionState.STOPPED, "stopped");
    }

    @Override
    public boolean emergencyStop(String deviceId) {
        calls.add("estop " + deviceId);
        return stopNow(deviceId);
    }

    @Override
    public void emergencyStopAll() {
        calls.add("estop all");
        devices.keySet().forEach(this::stopNow);
    }

    @Override
    public void clearFault(String deviceId) throws SessionException {
        calls.add("clear " + deviceId);
        DeviceStatus d = devices.get(deviceId);
        if (d == null) {
            throw new SessionException(Reason.NOT_FOUND, "unknown device " + deviceId);
        }
        if (faultPersists != null) {
            throw new SessionException(Reason.CONFLICT, faultPersists);
        }
        devices.put(deviceId, new DeviceStatus(d.description(), SessionState.IDLE, d.sessionId(), null));
    }

    private boolean stopNow(String deviceId) {
        DeviceStatus d = devices.get(deviceId);
        if (d == null) {
            return false;
        }
        if (running(d)) {
            SessionInfo s = sessions.get(d.sessionId());
            put(with(s, SessionState.STOPPED, "emergency stop"));
        }
        latch(deviceId, ESTOP);
        return true;
    }

    private boolean running(DeviceStatus d) {
        return d.sessionId() != null && !sessions.get(d.sessionId()).state().isFinal();
    }

    private SessionInfo change(String sessionId, SessionState from, SessionState to, String endReason)
            throws SessionException {
        SessionInfo s = find(sessionId);
        if (s.state() != from) {
            throw new SessionException(Reason.CONFLICT, "session " + sessionId + " is " + s.state() + ", not " + from);
        }
        SessionInfo changed = with(s, to, endReason);
        put(changed);
        return answersWithStateBefore ? s : changed;
    }

    private SessionInfo find(String sessionId) throws SessionException {
        SessionInfo s = sessions.get(sessionId);
        if (s == null) {
            throw new SessionException(Reason.NOT_FOUND, "unknown session " + sessionId);
        }
        return s;
    }

    private void put(SessionInfo s) {
        sessions.put(s.id(), s);
        DeviceStatus d = devices.get(s.deviceId());
        devices.put(s.deviceId(), new DeviceStatus(d.description(), d.fault() != null ? SessionState.FAULT : s.state(),
                s.id(), d.fault()));
    }

    private static SessionInfo with(SessionInfo s, SessionState state, String endReason) {
        return new SessionInfo(s.id(), s.deviceId(), s.programId(), s.programVersion(), s.settings(), state, s.cycle(),
                s.step(), s.elapsedMs(), s.remainingMs(), s.startedAt(),
                state.isFinal() ? s.startedAt().plusSeconds(60) : null, endReason, s.fault());
    }
}
