package org.bootctl.shell;

import java.io.PrintStream;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.bootctl.api.audit.AuditEvent;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.program.ProgramInfo;
import org.bootctl.api.program.Settings;
import org.bootctl.api.session.DeviceStatus;
import org.bootctl.api.session.Fault;
import org.bootctl.api.session.SessionException;
import org.bootctl.api.session.SessionHistory;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionRecord;
import org.bootctl.api.session.SessionService;
import org.bootctl.api.session.SessionState;

/**
 * What the {@code boot:} commands do, without Gogo: each command writes plain text to one stream.
 * A request the engine refuses prints its reason (never a stack trace). Emergency stops and fault
 * clears go to the audit trail, after they are done. {@code watch} lives in {@link TelemetryWatch}.
 */
final class BootCommands {

    static final int DEFAULT_HISTORY = 10;

    /**
     * The operand a command takes, and how to say so to a person who typed none or more: instead of
     * Gogo's "Cannot coerce" (an exception's name, which reads as if something ran), nothing is done.
     *
     * @param needs what is missing when no operand was typed, or null when none is fine
     * @param takes what it takes, for more words than that
     * @param hint  what to add after refusing more words, e.g. a pointer to a command that takes several; or ""
     */
    record Operand(String command, String needs, String takes, String hint) {
    }

    static final Operand STATUS = new Operand("status", null, "at most one session id or device id", "");
    static final Operand PAUSE = new Operand("pause", "a session id or a device id", "one session id or device id", "");
    static final Operand RESUME = new Operand("resume", "a session id or a device id", "one session id or device id", "");
    static final Operand STOP = new Operand("stop", "a session id or a device id (in an emergency: boot:estop, every device)",
            "one session id or device id", "; in an emergency boot:estop takes several devices");
    static final Operand CLEAR = new Operand("clear", "a device id", "one device id", "");
    static final Operand HISTORY = new Operand("history", null, "one number N", "");
    static final Operand WATCH = new Operand("watch", "a device id", "one device id", "");
    static final Operand LOG = new Operand("log", null, "one number N", "");
    /** How long a command waits to see its request carried out before it says the state there is. */
    static final long SETTLE_MS = 2000;

    private final SessionService sessions;
    private final SessionHistory history;
    private final Consumer<AuditEvent> audit;
    private final PrintStream out;
    private final ZoneId zone;

    BootCommands(SessionService sessions, SessionHistory history, Consumer<AuditEvent> audit, PrintStream out) {
        this(sessions, history, audit, out, ZoneId.systemDefault());
    }

    BootCommands(SessionService sessions, SessionHistory history, Consumer<AuditEvent> audit, PrintStream out,
                 ZoneId zone) {
        this.sessions = sessions;
        this.history = history;
        this.audit = audit;
        this.out = out;
        this.zone = zone;
    }

    void devices() {
        List<DeviceStatus> devices = sessions.devices();
        if (devices.isEmpty()) {
            out.println("no devices connected");
            return;
        }
        Text.Table table = new Text.Table("ID", "MODEL", "ZONES", "LIMBS", "REGULATION", "STATE", "SESSION", "FAULT");
        for (DeviceStatus d : devices) {
            DeviceDescription desc = d.description();
            table.row(d.id(), desc.model(), desc.zoneCount(), desc.limbs(),
                    desc.regulation().name().toLowerCase(Locale.ROOT), d.state(), d.sessionId(),
                    d.fault() == null ? null : d.fault().message());
        }
        table.print(out);
    }

    void programs() {
        List<ProgramInfo> programs = sessions.programs();
        if (programs.isEmpty()) {
            out.println("no programs available");
            return;
        }
        Text.Table table = new Text.Table("ID", "NAME", "VERSION", "ZONES");
        for (ProgramInfo p : programs) {
            table.row(p.id(), p.name(), p.version(),
                    p.minZones() == p.maxZones() ? p.minZones() : p.minZones() + ".." + p.maxZones());
        }
        table.print(out);
    }

    void start(String deviceId, String programId, StartOptions options) {
        String what = "cannot start " + programId + " on " + deviceId + ": ";
        Optional<DeviceStatus> device = sessions.device(deviceId);
        if (device.isEmpty()) {
            out.println(what + unknownDevice(sessions, deviceId));
            return;
        }
        if (sessions.programs().stream().noneMatch(p -> p.id().equals(programId))) {
            out.println(what + unknownProgram(programId));
            return;
        }
        try {
            Settings settings = options.settings();
            checkBoostZones(settings, device.get().description());
            SessionInfo s = sessions.start(deviceId, programId, settings);
            SessionInfo now = awaitState(s, state -> state != SessionState.IDLE);
            out.println("started session " + s.id() + " on " + s.deviceId() + ": " + s.programId() + ", "
                    + Text.settings(s.settings()) + "; now " + now.state() + Text.remainingOf(now));
        } catch (IllegalArgumentException | SessionException e) {
            out.println(what + e.getMessage());
        }
    }

    /** As typed: every device with its current or last session, or one session in detail. */
    void status(String... words) {
        if (takes(STATUS, words)) {
            if (words.length == 0) {
                everyStatus();
            } else {
                status(words[0]);
            }
        }
    }

    /** Every device with its current or last session. */
    private void everyStatus() {
        List<DeviceStatus> devices = sessions.devices();
        if (devices.isEmpty()) {
            out.println("no devices connected");
            return;
        }
        Text.Table table = new Text.Table("DEVICE", "STATE", "SESSION", "PROGRAM", "CYCLE", "STEP", "ELAPSED",
                "REMAINING", "REASON");
        for (DeviceStatus d : devices) {
            SessionInfo s = d.sessionId() == null ? null : sessions.session(d.sessionId()).orElse(null);
            String reason = d.fault() != null ? d.fault().message() : s == null ? null : s.endReason();
            if (s == null) {
                table.row(d.id(), d.state(), d.sessionId(), null, null, null, null, null, reason);
            } else {
                table.row(d.id(), d.state(), s.id(), s.programId(), Text.cycle(s.cycle()), Text.step(s.step()),
                        Text.duration(s.elapsedMs()), Text.duration(s.remainingMs()), reason);
            }
        }
        table.print(out);
    }

    /** One session in detail; a device id shows its current or last session. */
    private void status(String target) {
        try {
            SessionInfo s = sessions.session(sessionOf(target, true))
                    .orElseThrow(() -> new SessionException(SessionException.Reason.NOT_FOUND, "no session " + target));
            Text.fields(out,
                    "session", s.id(),
                    "device", s.deviceId(),
                    "program", s.programId() + " " + Text.orNone(s.programVersion()),
                    "state", s.state(),
                    "cycle", Text.cycle(s.cycle()),
                    "step", Text.step(s.step()),
                    "elapsed", Text.duration(s.elapsedMs()),
                    "remaining", Text.duration(s.remainingMs()),
                    "settings", Text.settings(s.settings()),
                    "started", Text.time(s.startedAt(), zone),
                    "ended", Text.time(s.endedAt(), zone),
                    "end reason", s.endReason());
        } catch (SessionException e) {
            out.println("no status for " + target + ": " + e.getMessage());
        }
    }

    void pause(String... words) {
        if (takes(PAUSE, words)) {
            act("pause", "paused", "every zone vents, the remaining time is kept", SessionState.PAUSED, words[0],
                    sessions::pause);
        }
    }

    void resume(String... words) {
        if (takes(RESUME, words)) {
            act("resume", "resumed", "its current cycle starts again", SessionState.RUNNING, words[0],
                    sessions::resume);
        }
    }

    void stop(String... words) {
        if (takes(STOP, words)) {
            act("stop", "stopped", "every zone vents", SessionState.STOPPED, words[0], sessions::stop);
        }
    }

    /**
     * Emergency stop of each device named, sent before anything else; of every device when none is
     * named. An id that names no connected device stops every device instead: whoever types estop
     * wants air out of someone's boots now, and a vented boot harms nobody while a typo must not
     * leave the wrong one under pressure. So does a null, which Gogo gives for the word {@code null}
     * or a variable never set.
     */
    void estop(String... deviceIds) {
        if (deviceIds == null || deviceIds.length == 0) {
            estopEvery();
        } else {
            estop(Arrays.asList(deviceIds)); // List.of refuses a null: nothing would be stopped
        }
    }

    /** Emergency stop of every device: sent first, reported after. */
    private void estopEvery() {
        sessions.emergencyStopAll();
        List<DeviceStatus> devices = sessions.devices();
        if (devices.isEmpty()) {
            out.println("EMERGENCY STOP sent; no devices are connected");
            return;
        }
        out.println("EMERGENCY STOP: every channel of " + ids(devices) + " vents now");
        out.println("each device stays latched until a person clears it: boot:clear DEVICE");
        devices.forEach(d -> audit.accept(new AuditEvent(AuditEvent.ESTOP, AuditEvent.SHELL, d.id())));
    }

    /** Emergency stop of each device named, every one sent before anything is reported. */
    private void estop(List<String> deviceIds) {
        List<String> stopped = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String deviceId : deviceIds) {
            (deviceId != null && sessions.emergencyStop(deviceId) ? stopped : unknown).add(deviceId);
        }
        if (!unknown.isEmpty()) {
            out.println("no device " + String.join(", ", unknown) + ": stopping every device instead");
            estopEvery();
            return;
        }
        for (String deviceId : stopped) {
            out.println("EMERGENCY STOP: every channel of " + deviceId + " vents now");
            out.println(deviceId + " stays latched until a person clears it: boot:clear " + deviceId);
            audit.accept(new AuditEvent(AuditEvent.ESTOP, AuditEvent.SHELL, deviceId));
        }
    }

    void clear(String... words) {
        if (takes(CLEAR, words)) {
            clear(words[0]);
        }
    }

    private void clear(String deviceId) {
        Optional<DeviceStatus> device = sessions.device(deviceId);
        if (device.isEmpty()) {
            out.println("cannot clear " + deviceId + ": " + unknownDevice(sessions, deviceId));
            return;
        }
        try {
            sessions.clearFault(deviceId);
        } catch (SessionException e) {
            out.println("cannot clear " + deviceId + ": " + e.getMessage());
            return;
        }
        String state = sessions.device(deviceId).map(d -> d.state().name()).orElse("gone");
        Fault cleared = device.get().fault();
        if (cleared == null) {
            out.println(deviceId + " had no latched fault; state " + state);
            return;
        }
        out.println("cleared " + deviceId + " (" + cleared.message() + "); state " + state);
        audit.accept(new AuditEvent(AuditEvent.FAULT_CLEARED, AuditEvent.SHELL, deviceId,
                Map.of("fault", Text.orNone(cleared.message()))));
    }

    /** Whether {@code words} are what {@code operand}'s command takes; if not, says what it takes. */
    boolean takes(Operand operand, String... words) {
        if (words.length == 0 && operand.needs() != null) {
            missing(operand.command(), operand.needs(), "", "");
            return false;
        }
        if (words.length > 1) {
            out.println(operand.command() + " takes " + operand.takes() + ", not '" + String.join(" ", words)
                    + "'; nothing done" + operand.hint());
            return false;
        }
        return true;
    }

    /** A command typed without its operand: the example with {@code options} before the device and {@code more} after it. */
    private void missing(String command, String operand, String options, String more) {
        List<DeviceStatus> devices = sessions.devices();
        out.println(command + " needs " + operand + ", e.g. boot:" + command + " " + options
                + (devices.isEmpty() ? "sim-1" : devices.get(0).id()) + more + "; nothing done (devices: "
                + (devices.isEmpty() ? "none" : ids(devices)) + ")");
    }

    /** {@code boot:start} without its operands. */
    void missingStart() {
        List<ProgramInfo> programs = sessions.programs();
        missing("start", "a device id, a program id and an intensity (--level or --pressure)", "--level 3 ",
                " " + (programs.isEmpty() ? "sequential" : programs.get(0).id()));
    }

    /** {@code boot:start} with words that are not its options and two operands, as typed. */
    void missingStart(List<String> words) {
        out.println("start cannot take '" + String.join(" ", words) + "' (it takes its options, a device id and a"
                + " program id; 'help boot:start' lists them)");
        missingStart();
    }

    /** As typed: the newest N sessions, or {@link #DEFAULT_HISTORY}. */
    void history(String... words) {
        if (takes(HISTORY, words)) {
            if (words.length == 0) {
                history(DEFAULT_HISTORY);
            } else {
                history(words[0]);
            }
        }
    }

    /** @param count as typed: a whole number from 1 */
    private void history(String count) {
        String text = count == null ? "" : count.strip();
        if (!text.matches("\\d{1,6}") || Integer.parseInt(text) < 1) {
            out.println("history takes how many sessions to show, a whole number from 1, not '" + count + "'");
            return;
        }
        history(Integer.parseInt(text));
    }

    private void history(int count) {
        List<SessionRecord> records = history.recent(count);
        if (records.isEmpty()) {
            out.println("no sessions yet");
            return;
        }
        Text.Table table = new Text.Table("START", "SESSION", "DEVICE", "PROGRAM", "STATE", "END REASON");
        for (SessionRecord r : records) {
            table.row(Text.time(r.start(), zone), r.id(), r.deviceId(), r.programId(), r.state(), r.endReason());
        }
        table.print(out);
    }

    /** A session request that names its session by session id or device id. */
    private interface SessionAction {
        SessionInfo apply(String sessionId) throws SessionException;
    }

    /**
     * Asks for a change, then says what was done and the state it led to, e.g. {@code paused session
     * S on sim1 (every zone vents, the remaining time is kept); now PAUSED, 12:30 left}.
     */
    private void act(String verb, String done, String what, SessionState expected, String target,
                     SessionAction action) {
        try {
            SessionInfo s = action.apply(sessionOf(target, false));
            SessionInfo now = awaitState(s, state -> state == expected || state.isFinal());
            out.println(done + " session " + s.id() + " on " + s.deviceId() + " (" + what + "); now " + now.state()
                    + Text.remainingOf(now));
        } catch (SessionException e) {
            out.println("cannot " + verb + " " + target + ": " + e.getMessage());
        }
    }

    /** The session once the engine has carried a request out on the device's loop, or after {@link #SETTLE_MS}. */
    private SessionInfo awaitState(SessionInfo asked, Predicate<SessionState> reached) {
        return sessions.settled(asked, reached, Duration.ofMillis(SETTLE_MS));
    }

    /**
     * The session a person means: a device id names that device's session (checked first), anything
     * else is taken as a session id.
     *
     * @param ended also accept a device's last session when it is over
     */
    private String sessionOf(String target, boolean ended) throws SessionException {
        Optional<DeviceStatus> device = sessions.device(target);
        if (device.isPresent()) {
            String id = device.get().sessionId();
            if (id == null) {
                throw new SessionException(SessionException.Reason.CONFLICT, "device " + target + " has no session");
            }
            Optional<SessionInfo> session = sessions.session(id);
            if (!ended && session.isPresent() && session.get().state().isFinal()) {
                throw new SessionException(SessionException.Reason.CONFLICT, "device " + target
                        + " has no session running (its last, " + id + ", ended " + session.get().state() + ")");
            }
            return id;
        }
        if (sessions.session(target).isPresent()) {
            return target;
        }
        throw new SessionException(SessionException.Reason.NOT_FOUND, "no device or session " + target + "; "
                + connected(sessions));
    }

    private static void checkBoostZones(Settings settings, DeviceDescription device) {
        for (int zone : settings.boostZones()) {
            if (zone > device.zoneCount()) {
                throw new IllegalArgumentException("--boost zone " + zone + " does not exist: " + device.id() + " ("
                        + device.model() + ") has zones 1.." + device.zoneCount());
            }
        }
    }

    /** {@code no device sim9; devices: sim1, sim2}: the refusal names what there is to choose from. */
    static String unknownDevice(SessionService sessions, String deviceId) {
        return "no device " + deviceId + "; " + connected(sessions);
    }

    private static String connected(SessionService sessions) {
        List<DeviceStatus> devices = sessions.devices();
        return devices.isEmpty() ? "no devices are connected" : "devices: " + ids(devices);
    }

    private String unknownProgram(String programId) {
        List<ProgramInfo> programs = sessions.programs();
        return "no program " + programId + "; "
                + (programs.isEmpty() ? "no programs are available"
                : "programs: " + programs.stream().map(ProgramInfo::id).collect(Collectors.joining(", ")));
    }

    private static String ids(List<DeviceStatus> devices) {
        return devices.stream().map(DeviceStatus::id).collect(Collectors.joining(", "));
    }
}
