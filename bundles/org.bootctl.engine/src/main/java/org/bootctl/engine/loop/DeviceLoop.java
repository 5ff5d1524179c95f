package org.bootctl.engine.loop;

import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.device.RegulationMode;
import org.bootctl.api.device.SimulatedUnit;
import org.bootctl.api.session.Fault;
import org.bootctl.api.session.SessionState;
import org.bootctl.api.session.Telemetry;
import org.bootctl.api.time.Cancellable;
import org.bootctl.api.time.Timebase;
import org.bootctl.api.time.VirtualTimebase;
import org.bootctl.engine.record.TraceFormat;
import org.bootctl.engine.safety.FaultMessages;
import org.bootctl.engine.safety.FillWatch;
import org.bootctl.engine.safety.StepTargets;
import org.bootctl.engine.safety.Supervisor;
import org.bootctl.timebase.SystemTimebase;

/**
 * The one control loop of one device (docs/DESIGN.md principles 2 and 3). Each tick, on the device's
 * timebase: newest sample → requests → safety supervisor → session (fit check, sequencer) →
 * regulator → one command. Nothing else writes to the device.
 *
 * <p>Other threads only leave things for the loop: the driver its newest sample and reported
 * faults, callers their requests (a queue), an emergency stop (a flag checked before anything
 * else, plus an immediate vent-all) and a fault clear (the latch). The tick lock guards the loop's
 * own state: the loop holds it for each tick; the removal and shutdown paths take it to end the
 * session at once, waiting at most {@link #HOLD_WAIT_MS} ms for a tick under way (a tick stuck in a
 * driver that is itself unregistering must not deadlock them); failing that, the tick ends the
 * session on its way out. Drivers and listeners never take it.
 *
 * <p>Foreign code is bounded. Any throwable in a tick, an {@code Error} from a driver or the engine
 * included, vents the device and latches a fault naming it ({@link #failSafe}). A driver call of
 * the tick that has not returned within {@link DriverWatchdog#LIMIT_MS} ms is abandoned by the
 * {@link DriverWatchdog}, whose thread then takes the loop over from the stuck tick (which touches
 * nothing more should its call ever return): the device latches "driver not responding", the
 * session ends in FAULT, and no command is sent to the connection again, so the driver stops
 * feeding the unit's watchdog (the SPI's contract) and the firmware vents the unit. Vent-alls from
 * other threads (one last try at once, an emergency stop) then go from a thread of their own.
 */
public final class DeviceLoop {

    private static final System.Logger LOG = System.getLogger(DeviceLoop.class.getName());
    public static final String DISCONNECTED = "device disconnected";
    public static final String DRIVER_NOT_RESPONDING = "driver not responding";
    public static final String CONTROLLER_ERROR = "controller error";
    static final long HOLD_WAIT_MS = 100;

    private final BootConnection connection;
    /** The connection's kind of command (valves and pump, or setpoints), chosen once. */
    private final CommandSink sink;
    private final DeviceDescription device;
    private final boolean host;
    private final Timebase timebase;
    private final SystemTimebase ownTimebase;
    private final Optional<VirtualTimebase> ownTime;
    private final LoopHost events;
    private final DeviceInbox inbox;

    // left by other threads (through the handle)
    private final DeviceHandle handle;
    private final ConcurrentLinkedQueue<Request> requests;
    /** The latch and a pending emergency stop, changed together in one step. */
    private final AtomicReference<LatchState> latch;
    private final AtomicReference<SessionRun> session;
    private final ReentrantLock tickLock = new ReentrantLock();
    private volatile boolean halted;
    private volatile boolean gone;
    private volatile long tickNanos;
    private volatile long wantedTickNanos;
    private volatile Cancellable ticking;
    private final AtomicReference<PendingEnd> pendingEnd = new AtomicReference<>();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final DriverCall driverCall = new DriverCall();
    private final TickTiming timing = new TickTiming();
    private volatile Thread tickThread;

    // the loop's own (tick lock held)
    private final Readings readings;
    private final Supervisor supervisor;
    private final Regulator regulator;
    private final StepTargets stepTargets;
    private final FillWatch fillWatch;
    private final RunContext ctx;
    private final Command command;
    private final double[] commandedTargets;
    private final double[] idleTargets;
    private final TickInputs inputs;
    private final String traceHeader;
    private Latch seenLatch;
    private boolean ventAllNow;
    private SessionRun deferred;
    private SessionRun endedThisTick;
    private SessionRun tail;
    private long tailStart;
    private long driverFailures;
    private long loopErrors;
    /** Latched when even the words for a loop error cannot be made (out of memory): made beforehand. */
    private final Latch speechless;

    /** How the session ends when the device goes away or the engine stops. */
    private record PendingEnd(SessionState state, String reason, Fault fault) {
    }

    DeviceLoop(DeviceHandle handle, BootConnection connection, LoopHost events) {
        this.handle = handle;
        requests = handle.requests;
        latch = handle.latch;
        session = handle.session;
        this.connection = connection;
        this.events = events;
        device = connection.description();
        sink = CommandSink.of(connection, device);
        host = device.regulation() == RegulationMode.HOST;
        // a simulated unit may live on virtual time; every other unit lives on real time
        ownTime = connection instanceof SimulatedUnit simulated ? simulated.timebase() : Optional.empty();
        ownTimebase = ownTime.isEmpty() ? new SystemTimebase("bootctl-loop-" + device.id()) : null;
        timebase = ownTime.isPresent() ? ownTime.get() : ownTimebase;
        inbox = new DeviceInbox(device, timebase);
        int channels = device.channelCount();
        readings = new Readings(channels);
        supervisor = new Supervisor(device);
        regulator = host ? new HostRegulator(channels) : new SetpointRegulator();
        stepTargets = new StepTargets(channels);
        fillWatch = new FillWatch(channels);
        ctx = new RunContext(readings, fillWatch, stepTargets);
        command = new Command(channels);
        commandedTargets = new double[channels];
        idleTargets = new double[channels];
        traceHeader = TraceFormat.header(device, host);
        inputs = new TickInputs(device, inbox, readings, command, stepTargets, fillWatch, session::get);
        speechless = new Latch(FaultMessages.fault(device, CONTROLLER_ERROR, 0, 0, CONTROLLER_ERROR
                + " in the control loop of " + device.id() + " (out of memory?); it was vented: see the log"), false, false);
    }

    Timebase timebase() {
        return timebase;
    }

    /** How punctually this loop ticks. */
    TickTiming timing() {
        return timing;
    }

    /** The thread the latest tick ran on, or null before the first. */
    Thread tickThread() {
        return tickThread;
    }

    DeviceDescription description() {
        return device;
    }

    DeviceInbox inbox() {
        return inbox;
    }

    /** The device's own (simulated) time, which only moves when someone runs it; empty on real time. */
    Optional<VirtualTimebase> ownTime() {
        return ownTime;
    }

    // ---- life ----

    /** Ticks every {@code periodNanos} from now; false when halted or ticking already. */
    boolean start(long periodNanos) {
        tickLock.lock();
        try {
            if (halted || ticking != null) {
                return false;
            }
            inbox.connected();
            tickNanos = periodNanos;
            wantedTickNanos = periodNanos;
            timing.scheduled(periodNanos);
            ticking = timebase.scheduleAtFixedRate(periodNanos, this::tick);
            return true;
        } finally {
            tickLock.unlock();
        }
    }

    /** Ticks at a new rate from the next tick on. */
    void retime(long periodNanos) {
        wantedTickNanos = periodNanos;
    }

    /** No more ticks (shutdown, first part). */
    void halt() {
        halted = true;
        cancelTicking();
    }

    /** The device went away or the engine stopped: nothing is sent to it again. */
    boolean gone() {
        return gone;
    }

    /** Whether this thread is inside one of this loop's ticks (or ending it). */
    boolean inTickHere() {
        return tickLock.isHeldByCurrentThread();
    }

    /** The driver call the tick is in, if any. */
    DriverCall driverCall() {
        return driverCall;
    }

    /** From now on no tick runs and nothing is sent; the session ends here, or on the way out of a tick under way. */
    void end(SessionState state, String reason, Fault fault) {
        pendingEnd.compareAndSet(null, new PendingEnd(state, reason, fault));
        halted = true;
        gone = true;
        cancelTicking();
        boolean held = false;
        try {
            held = tickLock.tryLock(HOLD_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (held) {
            try {
                finishEnd();
            } finally {
                tickLock.unlock();
            }
        } else {
            LOG.log(Level.WARNING, device.id() + ": a tick is under way; it ends the session on its way out");
        }
    }

    /** Ends the session for good (tick lock held), once. */
    private void finishEnd() {
        PendingEnd end = pendingEnd.get();
        if (end == null || !finished.compareAndSet(false, true)) {
            return;
        }
        readings.update(inbox.sample());
        if (end.state() == SessionState.STOPPED) {
            command.ventAll(); // the shutdown vented the device
        }
        endOffLoop(timebase.nanoTime(), end.state(), end.reason(), end.fault());
        closeOwnTimebase();
    }

    /** Ends the session while the loop is halted (tick lock held): final row, record, trace closed. */
    private void endOffLoop(long now, SessionState state, String reason, Fault fault) {
        SessionRun run = session.get();
        if (run != null && !run.isOver()) {
            run.end(now, state, reason, fault);
            ended(run);
            Arrays.fill(commandedTargets, 0);
            run.traceRow(now, readings, commandedTargets, command, host);
            finishTrace(run);
            if (run.takeChanged()) {
                events.sessionChanged(run.info());
            }
        }
        if (tail != null) {
            finishTrace(tail);
            tail = null;
        }
    }

    private void cancelTicking() {
        Cancellable t = ticking;
        if (t != null) {
            t.cancel();
        }
    }

    private void closeOwnTimebase() {
        if (ownTimebase != null) {
            ownTimebase.close();
        }
    }

    // ---- the tick ----

    private void tick() {
        tickLock.lock();
        try {
            if (halted) {
                cancelTicking(); // in case a retime rescheduled it as the loop was halted
            } else {
                long now = timebase.nanoTime();
                timing.tick(now);
                Thread current = Thread.currentThread();
                if (current != tickThread) {
                    tickThread = current;
                }
                runTick(now);
            }
        } catch (TakenOver e) {
            // the watchdog gave up on this tick's driver call and owns the loop now
        } catch (Throwable e) {
            failSafe(e); // whatever went wrong, the boots are vented
        } finally {
            try {
                if (gone && !driverCall.abandoned()) {
                    finishEnd(); // a removal or shutdown that could not wait for this tick
                }
            } finally {
                tickLock.unlock();
            }
        }
    }

    private void retimeIfAsked() {
        long wanted = wantedTickNanos;
        if (wanted != tickNanos) {
            cancelTicking();
            tickNanos = wanted;
            timing.scheduled(wanted);
            ticking = timebase.scheduleAtFixedRate(wanted, this::tick);
        }
    }

    private void runTick(long now) {
        retimeIfAsked();
        DeviceInbox.Arrival arrival = inbox.newest();
        inputs.begin(now, arrival);
        if (arrival != null) {
            readings.update(arrival.sample(), arrival.atNanos());
        }
        endedThisTick = null;
        LatchState current = latch.get();
        if (current.clearedSince(seenLatch)) {
            forgetFault(); // cleared by a person (perhaps latched again since)
        }
        seenLatch = current.held();
        if (latch.getAndUpdate(LatchState::estopApplied).estopPending()) {
            applyEmergencyStop(now);
        }
        applyRequests(now);

        Fault trip = supervisor.check(inputs);
        if (trip != null) {
            latchFault(now, trip, inputs.deviceReported());
        }

        SessionRun run = session.get();
        Latch held = latch.get().held();
        if (held != null && run != null && !run.isOver()) {
            endFor(run, now, held); // a latch set while a tick failed half-way still ends the session
            deferred = null;
        }
        double[] targets = idleTargets;
        if (run != null && run.active()) {
            Fault found = run.tick(now, ctx);
            if (found != null) {
                latchFault(now, found, false);
            } else if (run.isOver()) {
                ended(run);
            } else {
                targets = run.targets();
            }
        }
        regulator.gentle(run != null && run.state() == SessionState.FIT_CHECK);
        regulateAndSend(now, targets);
        report(now, run);
    }

    private void applyRequests(long now) {
        for (Request r = requests.poll(); r != null; r = requests.poll()) {
            SessionRun run = r.run();
            if (run != session.get() || run.isOver()) {
                continue; // stale: the session ended meanwhile
            }
            if (r instanceof Request.Start) {
                start(run, now);
            } else if (r instanceof Request.Pause) {
                run.pause(now, ctx);
            } else if (r instanceof Request.Resume) {
                run.resume(now, ctx);
            } else if (r instanceof Request.Stop) {
                if (run == deferred) {
                    deferred = null;
                }
                run.stop(now, ctx);
            }
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
        if (tail != null) {
            finishTrace(tail);
            tail = null;
        }
        regulator.reset();
        fillWatch.clearAll();
        events.sessionBegan(run, run.begunRecord()); // the open-session marker first: a crash cannot lose it
        run.begin(now, ctx, events.openTrace(run.id(), traceHeader));
    }

    private void applyEmergencyStop(long now) {
        Latch estop = new Latch(FaultMessages.withHighest(device, SessionRun.EMERGENCY_STOP, null, inputs::tripPressure),
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

    private void latchFault(long now, Fault fault, boolean fromDevice) {
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
            events.deviceChanged(handle.status(), true);
        } else {
            LOG.log(Level.DEBUG, device.id() + " (already latched): " + fault.message());
        }
    }

    /** Ends a session because of the device's latch: STOPPED for an emergency stop, else FAULT. */
    private void endFor(SessionRun run, long now, Latch l) {
        if (l.estop()) {
            run.emergencyStop(now);
        } else {
            run.fault(now, l.fault());
        }
        ended(run);
    }

    private void ended(SessionRun run) {
        if (!run.markRecorded()) {
            return;
        }
        endedThisTick = run;
        stepTargets.beginStep();
        fillWatch.clearAll();
        events.sessionEnded(run, run.record());
    }

    /** After a person cleared the latch: rules, regulator and watch lists start afresh. */
    private void forgetFault() {
        supervisor.reset();
        regulator.reset();
        stepTargets.reset();
        fillWatch.clearAll();
    }

    private void regulateAndSend(long now, double[] targets) {
        regulator.regulate(targets, readings, now, command);
        System.arraycopy(targets, 0, commandedTargets, 0, targets.length);
        // checked last, right before sending: a latch set from another thread during this tick counts too
        if (latch.get().held() != null) {
            command.ventAll();
            regulator.reset();
            Arrays.fill(commandedTargets, 0);
        }
        if (halted) {
            return; // the device went away or the engine stops during this tick: it gets nothing more
        }
        try {
            if (ventAllNow) {
                ventAllNow = false;
                sendVentAll();
            }
            enterDriver(sink.call);
            try {
                sink.send(command);
            } finally {
                leaveDriver();
            }
        } catch (TakenOver e) {
            throw e;
        } catch (RuntimeException e) {
            if (driverFailures++ % 500 == 0) { // a broken driver would fail every tick: say it now and then
                LOG.log(Level.WARNING, device.id() + ": the driver failed a command (" + driverFailures + " so far): " + e);
            }
        }
    }

    private void sendVentAll() {
        enterDriver("vent-all");
        try {
            connection.ventAll();
        } finally {
            leaveDriver();
        }
    }

    private void enterDriver(String call) {
        if (!driverCall.enter(call)) {
            throw TakenOver.INSTANCE;
        }
    }

    private void leaveDriver() {
        if (!driverCall.leave()) {
            throw TakenOver.INSTANCE;
        }
    }

    /** The watchdog took the loop over while the tick was in a driver call: the tick touches nothing more. */
    private static final class TakenOver extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final TakenOver INSTANCE = new TakenOver();

        private TakenOver() {
            super("the driver watchdog took the loop over", null, false, false);
        }
    }

    // ---- the driver watchdog's (its thread) ----

    /** One round of the watchdog: {@code watchedNanos} of its time went by; a call under way longer than {@code limitNanos} is abandoned. */
    void watchDriver(long watchedNanos, long limitNanos) {
        if (driverCall.overdue(watchedNanos, limitNanos)) {
            driverNotResponding(driverCall.seenForNanos());
        }
    }

    /** The loop has ended for good: its session is over and nothing more runs on it. */
    boolean endedForGood() {
        return finished.get();
    }

    /**
     * This thread has taken the loop over from a tick stuck in the driver for {@code stuckNanos}:
     * the device latches "driver not responding", its session ends in FAULT and is recorded, and
     * nothing is called on the connection again (so the driver stops feeding the unit's watchdog and
     * the firmware vents). The device stays latched until its connection goes and comes back.
     */
    private void driverNotResponding(long stuckNanos) {
        Fault found = FaultMessages.withHighest(device, DRIVER_NOT_RESPONDING, ": " + driverCall.what()
                + " has not returned for " + TimeUnit.NANOSECONDS.toMillis(stuckNanos) + " ms", inbox::lastReading);
        Fault fault = new Fault(found.cause(), found.channel(), found.zone(), found.pressureMmHg(), found.message()
                + ". Nothing more is sent to it, so the unit's own watchdog vents it: check that it did, then unplug"
                + " and replug the unit (or restart its driver) before the next session");
        Latch stuck = new Latch(fault, false, false);
        latch.updateAndGet(s -> s.replace(stuck));
        pendingEnd.compareAndSet(null, new PendingEnd(SessionState.FAULT, fault.message(), fault));
        halted = true;
        cancelTicking();
        LOG.log(Level.ERROR, device.id() + ": " + fault.message());
        if (!gone) {
            handle.ventAside(); // one last try: a driver whose command hangs may still vent; then nothing more
        }
        finishEnd();
        events.deviceChanged(handle.status(), !gone);
    }

    /** Trace rows, session events and telemetry for this tick. */
    private void report(long now, SessionRun current) {
        if (tail != null) {
            tail.traceRow(now, readings, commandedTargets, command, host);
            if (readings.allBelow(SessionRun.VENTED_MMHG) || now - tailStart >= SessionRun.VENT_LIMIT_NANOS) {
                finishTrace(tail);
                tail = null;
            }
        }
        // the session of this tick: one that ended on it (a caller may already have reserved the
        // device for the next), or the one under way
        SessionRun run = endedThisTick != null ? endedThisTick
                : current != null && current.active() ? current : null;
        if (run != null) {
            run.traceRow(now, readings, commandedTargets, command, host);
            if (run == endedThisTick) {
                if (latch.get().held() != null && !readings.allBelow(SessionRun.VENTED_MMHG)) {
                    tail = run; // keep tracing the vent after a fault or emergency stop
                    tailStart = now;
                } else {
                    finishTrace(run);
                }
            }
            if (run.takeChanged()) {
                events.sessionChanged(run.info());
            }
        }
        if (events.wantsTelemetry()) {
            events.telemetry(frame(now, run));
        }
    }

    private void finishTrace(SessionRun run) {
        run.closeTrace();
        readings.clearOffsets();
    }

    private Telemetry frame(long now, SessionRun run) {
        boolean inSession = run != null;
        SessionState state = inSession ? run.state() : latch.get().held() != null ? SessionState.FAULT : SessionState.IDLE;
        long timeMs = inSession ? run.sessionMs(now) : readings.hasSample() ? readings.sample().deviceTimeMs() : 0;
        int cycle = 0;
        int step = -1;
        if (inSession) {
            var info = run.info();
            cycle = info.cycle();
            step = info.step();
        }
        return new Telemetry(device.id(), inSession ? run.id() : null, timeMs, state, cycle, step,
                readings.pressures(), commandedTargets.clone(), host ? command.valves.clone() : null,
                host ? command.pump : -1);
    }

    /**
     * A bug in the tick, or an error a driver threw, must not leave air in the boots: vent first
     * (it needs no memory), then latch a fault naming the cause, which ends the session (on the next
     * tick if not on this one); then log, seldom when it happens every tick. Nothing escapes.
     */
    private void failSafe(Throwable e) {
        command.ventAll();
        Arrays.fill(commandedTargets, 0);
        try {
            if (!gone) {
                sendVentAll();
            }
        } catch (TakenOver t) {
            return;
        } catch (Throwable again) {
            ventAllNow = true; // the next tick tries again
        }
        boolean first = latch.get().held() == null;
        try {
            long now = timebase.nanoTime();
            Fault fault = FaultMessages.withHighest(device, CONTROLLER_ERROR, ": " + e, inputs::tripPressure);
            latchFault(now, fault, false);
        } catch (TakenOver t) {
            return;
        } catch (Throwable again) {
            latch.updateAndGet(s -> s.latch(speechless));
            ventAllNow = true;
            try {
                SessionRun run = session.get();
                if (run != null && !run.isOver()) {
                    endFor(run, timebase.nanoTime(), latch.get().held());
                }
            } catch (Throwable stillFailing) {
                // the next tick ends it: a latch ends any session under way
            }
        }
        if (first || loopErrors % 500 == 0) {
            try {
                LOG.log(Level.ERROR, device.id() + ": control loop error (" + (loopErrors + 1) + " so far); vented and latched", e);
            } catch (Throwable ignored) {
                // no memory even for the log: the latch says it
            }
        }
        loopErrors++;
    }
}
