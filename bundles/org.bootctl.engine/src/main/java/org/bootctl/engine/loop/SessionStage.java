package org.bootctl.engine.loop;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.session.Fault;
import org.bootctl.engine.safety.FaultMessages;
import org.bootctl.engine.safety.Supervisor;

/**
 * The session side of a tick: a cleared latch forgotten, an emergency stop, the callers' requests
 * (start, pause, resume, stop), latched faults ending the session, and the sequencer's step. It
 * keeps what the session last said it intends ({@link #intent()}: the supervisor holds the session
 * to it), and hands the regulator what it intends now ({@link #sequence}). Loop thread only; the
 * latch state and the session are shared with the {@link DeviceHandle}, whose threads only leave
 * things there.
 */
final class SessionStage {

    private static final System.Logger LOG = System.getLogger(DeviceLoop.class.getName());

    private final DeviceDescription device;
    private final DeviceHandle handle;
    private final AtomicReference<LatchState> latch;
    private final AtomicReference<SessionRun> session;
    private final LoopHost events;
    private final Supervisor supervisor;
    private final Regulator regulator;
    private final Readings readings;
    private final TickTrace trace;
    /** Nothing to regulate: no session under way. */
    private final Intent idle;
    /** What the session last said it intends, carried on across sessions (the channel trip remembers the previous step). */
    private Intent intent;
    private Latch seenLatch;
    private boolean ventAllNow;
    private SessionRun deferred;
    private SessionRun endedThisTick;

    SessionStage(DeviceHandle handle, LoopHost events, Supervisor supervisor, Regulator regulator, Readings readings,
                 TickTrace trace) {
        this.handle = handle;
        device = handle.description();
        latch = handle.latch;
        session = handle.session;
        this.events = events;
        this.supervisor = supervisor;
        this.regulator = regulator;
        this.readings = readings;
        this.trace = trace;
        idle = Intent.idle(device.channelCount());
        intent = idle;
    }

    /** Before the safety check: a latch a person cleared is forgotten, then an emergency stop, then the requests. */
    void beforeSafety(TickInputs in) {
        endedThisTick = null;
        LatchState current = in.latch();
        if (current.clearedSince(seenLatch)) {
            forgetFault(); // cleared by a person (perhaps latched again since)
        }
        seenLatch = current.held();
        if (current.estopPending()) {
            applyEmergencyStop(in.now());
        }
        applyRequests(in);
    }

    /** What the session last said it intends (as the previous tick and this tick's requests left it): what the supervisor checks against. */
    Intent intent() {
        return intent;
    }

    /**
     * After the safety check: a latch ends the session under way; else the sequencer steps it.
     *
     * @return what the session intends now, for the regulator (nothing, all vented, without one)
     */
    Intent sequence(long now, SessionRun run) {
        Latch held = latch.get().held();
        if (held != null && run != null && !run.isOver()) {
            endFor(run, now, held); // a latch set while a tick failed half-way still ends the session
            deferred = null;
        }
        if (run != null && run.active()) {
            Fault found = run.tick(now, readings);
            follow(run);
            if (found != null) {
                latchFault(now, found, false);
            } else if (run.isOver()) {
                ended(run);
            } else {
                return intent;
            }
        }
        return idle;
    }

    /** The session that ended on this tick, or null. */
    SessionRun endedThisTick() {
        return endedThisTick;
    }

    /** Whether the device is to be vented at once, before this tick's command (asked once). */
    boolean takeVentAllNow() {
        boolean now = ventAllNow;
        ventAllNow = false;
        return now;
    }

    /** A vent-all failed: the next tick tries again. */
    void ventAllAgain() {
        ventAllNow = true;
    }

    private void applyRequests(TickInputs in) {
        long now = in.now();
        List<Request> requests = in.requests();
        for (int i = 0; i < requests.size(); i++) { // no iterator: this runs every tick
            Request r = requests.get(i);
            SessionRun run = r.run();
            if (run != session.get() || run.isOver()) {
                continue; // stale: the session ended meanwhile
            }
            if (r instanceof Request.Start) {
                start(run, now);
            } else if (r instanceof Request.Pause) {
                run.pause(now);
            } else if (r instanceof Request.Resume) {
                run.resume(now, readings);
            } else if (r instanceof Request.Stop) {
                if (run == deferred) {
                    deferred = null;
                }
                run.stop(now);
            }
            follow(run);
            if (run.isOver()) {
                ended(run);
            }
        }
        if (deferred != null && supervisor.connectChecked()) {
            SessionRun run = deferred;
            deferred = null;
            begin(run, now);
        }
    }

    /** A start waits for the on-connect check of the device's first sample. */
    private void start(SessionRun run, long now) {
        Latch l = latch.get().held();
        if (l != null) {
            endFor(run, now, l);
        } else if (!supervisor.connectChecked()) {
            deferred = run;
        } else {
            begin(run, now);
        }
    }

    private void begin(SessionRun run, long now) {
        trace.closeTail();
        regulator.reset();
        events.sessionBegan(run, run.begunRecord()); // the open-session marker first: a crash cannot lose it
        trace.open(run);
        run.begin(now, readings, intent.noFills());
        follow(run);
    }

    /** The session has said what it intends now (null before it began: then it has said nothing). */
    private void follow(SessionRun run) {
        Intent said = run.intent();
        if (said != null) {
            intent = said;
        }
    }

    private void applyEmergencyStop(long now) {
        Latch estop = new Latch(FaultMessages.withHighest(device, SessionRun.EMERGENCY_STOP, null, readings::tripPressure),
                false, true);
        Latch l = latch.updateAndGet(s -> s.latch(estop)).held();
        seenLatch = l;
        ventAllNow = true;
        SessionRun run = session.get();
        if (run != null && !run.isOver()) {
            if (l.estop()) {
                endFor(run, now, l);
            } else {
                run.emergencyStop(now);
                ended(run);
            }
        }
        deferred = null;
    }

    void latchFault(long now, Fault fault, boolean fromDevice) {
        Latch fresh = new Latch(fault, fromDevice, false);
        Latch l = latch.updateAndGet(s -> s.latch(fresh)).held();
        boolean mine = l == fresh;
        seenLatch = l;
        ventAllNow = true;
        SessionRun run = session.get();
        if (run != null && !run.isOver()) {
            endFor(run, now, l);
        }
        deferred = null;
        if (mine) {
            LOG.log(Level.WARNING, device.id() + ": " + fault.message());
            handle.announce(true);
        } else {
            LOG.log(Level.DEBUG, device.id() + " (already latched): " + fault.message());
        }
    }

    /** Ends a session because of the device's latch: STOPPED for an emergency stop, else FAULT. */
    void endFor(SessionRun run, long now, Latch l) {
        if (l.estop()) {
            run.emergencyStop(now);
        } else {
            run.fault(now, l.fault());
        }
        ended(run);
    }

    void ended(SessionRun run) {
        if (!run.markRecorded()) {
            return;
        }
        endedThisTick = run;
        intent = intent.ended();
        events.sessionEnded(run, run.record());
    }

    /** After a person cleared the latch: rules, regulator and the session's last intent start afresh. */
    private void forgetFault() {
        supervisor.reset();
        regulator.reset();
        intent = idle;
    }
}
