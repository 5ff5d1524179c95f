package org.bootctl.engine.loop;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.program.Plan;
import org.bootctl.api.program.Settings;
import org.bootctl.api.session.Fault;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionRecord;
import org.bootctl.api.session.SessionState;
import org.bootctl.engine.safety.FaultMessages;

/**
 * One session: its state machine, its clock and what it leaves behind.
 * <pre>
 * IDLE → FIT_CHECK → RUNNING ⇄ PAUSED → VENTING → COMPLETED
 * stop: → VENTING → STOPPED      emergency stop: → STOPPED      any state: → FAULT
 * </pre>
 * Elapsed time counts RUNNING only. Everything but {@link #info()} and the getters runs on the
 * device's loop (or while the loop is halted).
 */
public final class SessionRun {

    public static final double VENTED_MMHG = 5;
    public static final long VENT_LIMIT_NANOS = 10_000_000_000L;
    public static final String COMPLETED = "completed";
    public static final String STOPPED = "stopped";
    public static final String EMERGENCY_STOP = "emergency stop";

    private final String id;
    private final DeviceDescription device;
    private final Plan plan;
    private final Settings settings;
    private final Clock wall;
    private final Instant startedAt;
    private final long durationNanos;
    private final double[] limits;
    private final Sequencer sequencer;
    private final FitCheck fitCheck;
    private final double[] peaks;

    private volatile SessionInfo snapshot;
    private volatile long elapsedNanos;

    private SessionState state = SessionState.IDLE;
    private long startNanos;
    private long lastTickNanos;
    private long ventStart;
    private SessionState endState;
    private String endReason;
    private Instant endedAt;
    private Fault fault;
    private boolean recorded;
    private boolean begun;
    private Intent intent;

    public SessionRun(String id, DeviceDescription device, Plan plan, Settings settings, Clock wall) {
        this.id = id;
        this.device = device;
        this.plan = plan;
        this.settings = settings;
        this.wall = wall;
        startedAt = wall.instant();
        durationNanos = settings.durationMs() * 1_000_000;
        ChannelMap map = new ChannelMap(device);
        limits = new double[map.channels()];
        for (int c = 0; c < limits.length; c++) {
            limits[c] = settings.limit(map.zoneOf(c));
        }
        sequencer = new Sequencer(plan, map, settings.rampIn());
        fitCheck = settings.fitCheck() ? new FitCheck(device, map) : null;
        peaks = new double[map.channels()];
        Arrays.fill(peaks, Double.NEGATIVE_INFINITY);
        publish();
    }

    public String id() {
        return id;
    }

    public DeviceDescription device() {
        return device;
    }

    public Plan plan() {
        return plan;
    }

    public Settings settings() {
        return settings;
    }

    /** The state now; any thread. */
    public SessionState state() {
        return snapshot.state();
    }

    public boolean isOver() {
        return state().isFinal();
    }

    /** The session now, elapsed time included; any thread. */
    public SessionInfo info() {
        SessionInfo s = snapshot;
        long elapsedMs = elapsedNanos / 1_000_000;
        return new SessionInfo(s.id(), s.deviceId(), s.programId(), s.programVersion(), s.settings(), s.state(),
                s.cycle(), s.step(), elapsedMs, Math.max(0, settings.durationMs() - elapsedMs), s.startedAt(),
                s.endedAt(), s.endReason(), s.fault());
    }

    /** Under way on the device: fit check, running, paused or venting. */
    boolean active() {
        return state != SessionState.IDLE && !state.isFinal();
    }

    /** The session limit of a channel's zone: cap, or cap + boost. */
    double limit(int channel) {
        return limits[channel];
    }

    /** What the session intends for its device now (the step's targets, limits and fills); null before it begins. */
    Intent intent() {
        return intent;
    }

    /**
     * State, cycle and step as last published, without the elapsed time: what a trace row shows. A
     * new one (a new object) each time one of them changes, and only then.
     */
    SessionInfo published() {
        return snapshot;
    }

    /** True the first time only: the session's end is recorded once. */
    boolean markRecorded() {
        boolean first = !recorded && state.isFinal();
        recorded |= first;
        return first;
    }

    /** Session time: since the start was applied, fit check included. */
    long sessionMs(long now) {
        return begun ? (now - startNanos) / 1_000_000 : 0;
    }

    // ---- transitions, on the loop ----

    /** Begins on the device, whose intent so far ({@code from}: the steps before) it carries on. */
    void begin(long now, Readings readings, Intent from) {
        begun = true;
        startNanos = now;
        lastTickNanos = now;
        intent = from;
        if (fitCheck != null) {
            enter(SessionState.FIT_CHECK);
            intent = fitCheck.begin(now, readings, intent);
        } else {
            startCycle(1, now, readings);
        }
    }

    void pause(long now) {
        if (state == SessionState.RUNNING) {
            account(now);
            ventEverything();
            enter(SessionState.PAUSED);
        }
    }

    /** Resumes a paused session by restarting its current cycle. */
    void resume(long now, Readings readings) {
        if (state == SessionState.PAUSED) {
            account(now);
            startCycle(Math.max(1, sequencer.cycle()), now, readings);
        }
    }

    /** Vents and ends STOPPED; a session not begun ends at once. */
    void stop(long now) {
        if (state == SessionState.IDLE) {
            finish(SessionState.STOPPED, STOPPED, null);
        } else if (state == SessionState.FIT_CHECK || state == SessionState.RUNNING || state == SessionState.PAUSED) {
            startVenting(now, SessionState.STOPPED, STOPPED);
        }
    }

    void emergencyStop(long now) {
        end(now, SessionState.STOPPED, EMERGENCY_STOP, null);
    }

    void fault(long now, Fault cause) {
        end(now, SessionState.FAULT, cause.message(), cause);
    }

    /** Ends at once, without venting here (the loop has vented or cannot). */
    void end(long now, SessionState finalState, String reason, Fault cause) {
        if (!state.isFinal()) {
            account(now);
            finish(finalState, reason, cause);
        }
    }

    // ---- the tick, on the loop ----

    /**
     * Moves the session on by one tick.
     *
     * @return a fault the session found itself (the fit check's zero), for the loop to latch; or null
     */
    Fault tick(long now, Readings readings) {
        account(now);
        for (int c = 0; c < peaks.length; c++) {
            if (readings.hasSample()) {
                peaks[c] = Math.max(peaks[c], readings.pressure(c));
            }
        }
        switch (state) {
            case FIT_CHECK -> {
                return fitCheck(now, readings);
            }
            case RUNNING -> run(now, readings);
            case VENTING -> vent(now, readings);
            default -> {
            }
        }
        return null;
    }

    private Fault fitCheck(long now, Readings readings) {
        intent = fitCheck.tick(now, readings, intent);
        FitCheck.Phase phase = fitCheck.phase();
        if (phase == FitCheck.Phase.DONE) {
            startCycle(1, now, readings);
        }
        return phase == FitCheck.Phase.FAILED ? fitCheck.fault() : null;
    }

    private void run(long now, Readings readings) {
        if (elapsedNanos >= durationNanos) {
            startVenting(now, SessionState.COMPLETED, COMPLETED);
            return;
        }
        int cycle = sequencer.cycle();
        int step = sequencer.step();
        intent = sequencer.tick(now, readings, intent);
        if (sequencer.cycle() != cycle || sequencer.step() != step) {
            publish();
        }
    }

    private void vent(long now, Readings readings) {
        if (readings.allBelow(VENTED_MMHG)) {
            finish(endState, endReason, null);
        } else if (now - ventStart >= VENT_LIMIT_NANOS) {
            int c = FaultMessages.highest(readings.channels(), readings::pressure);
            finish(endState, endReason + " (vent incomplete after " + FaultMessages.seconds(VENT_LIMIT_NANOS) + ": "
                    + device.describe(c) + " still at " + FaultMessages.mmHg(readings.pressure(c)) + " mmHg)", null);
        }
    }

    private void startCycle(int cycle, long now, Readings readings) {
        enter(SessionState.RUNNING);
        intent = sequencer.startCycle(cycle, now, readings, intent);
        publish();
    }

    private void startVenting(long now, SessionState end, String reason) {
        account(now);
        endState = end;
        endReason = reason;
        ventStart = now;
        ventEverything();
        enter(SessionState.VENTING);
    }

    /**
     * Pause, stop and the end of a session vent within the current step rather than begin a new
     * one: the air of the last fills is still leaving, and the channel trip keeps measuring
     * against those targets (a new step would forget them and trip on the vent itself).
     */
    private void ventEverything() {
        intent = intent.vent();
    }

    /** Elapsed time counts RUNNING only: the time since the last tick goes to the state it was spent in. */
    private void account(long now) {
        if (state == SessionState.RUNNING) {
            elapsedNanos += now - lastTickNanos;
        }
        lastTickNanos = now;
    }

    private void enter(SessionState next) {
        state = next;
        if (intent != null) {
            intent = intent.gentle(next == SessionState.FIT_CHECK); // the fit check's fills check rather than treat
        }
        publish();
    }

    private void finish(SessionState finalState, String reason, Fault cause) {
        endState = finalState;
        endReason = reason;
        fault = cause;
        endedAt = wall.instant();
        if (intent != null) {
            intent = intent.zeroTargets();
        }
        enter(finalState);
    }

    private void publish() {
        boolean stepping = state == SessionState.RUNNING;
        snapshot = new SessionInfo(id, device.id(), plan.programId(), plan.programVersion(), settings, state,
                sequencer.cycle(), stepping ? sequencer.step() : -1, elapsedNanos / 1_000_000,
                Math.max(0, settings.durationMs() - elapsedNanos / 1_000_000), startedAt,
                state.isFinal() ? endedAt : null, state.isFinal() ? endReason : null, fault);
    }

    // ---- what it leaves behind ----

    /** What the history gets now that the session is over. */
    SessionRecord record() {
        Map<String, Double> peakMmHg = new LinkedHashMap<>();
        for (int c = 0; c < peaks.length; c++) {
            if (peaks[c] != Double.NEGATIVE_INFINITY) {
                peakMmHg.put(device.channel(c).id(), Math.round(peaks[c] * 10) / 10.0);
            }
        }
        Map<String, Long> fit = fitCheck == null ? Map.of() : new LinkedHashMap<>(fitCheck.fillMs());
        return begun().end(endedAt).endReason(endReason).fault(fault).cycles(sequencer.cycle())
                .peakMmHg(peakMmHg).fitCheckMs(fit).build();
    }

    /** What the open-session marker holds: enough to record the session if a crash cuts it off. */
    public SessionRecord begunRecord() {
        return begun().peakMmHg(Map.of()).fitCheckMs(Map.of()).build();
    }

    private SessionRecord.Builder begun() {
        return SessionRecord.builder().id(id).deviceId(device.id()).model(device.model()).serial(device.serial())
                .programId(plan.programId()).programVersion(plan.programVersion()).settings(settings)
                .start(startedAt).state(state);
    }
}
