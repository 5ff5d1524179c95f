package org.bootctl.engine.loop;

import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.device.RegulationMode;
import org.bootctl.api.session.Fault;
import org.bootctl.api.session.SessionState;
import org.bootctl.api.time.Timebase;
import org.bootctl.engine.safety.FaultMessages;
import org.bootctl.engine.safety.Supervisor;

/**
 * The one control loop of one device (docs/DESIGN.md principles 2 and 3). Each tick, on the device's
 * timebase ({@link #runTick}): its inputs taken once ({@link TickInputs}) → newest sample → requests
 * ({@link SessionStage}) → safety supervisor (on a {@link SafetyView}) → session (fit check,
 * sequencer), which says what it intends ({@link Intent}) → regulator → one command
 * ({@link DriverGate}) → trace row ({@link TickTrace}) and telemetry ({@link TickRecord}). Nothing
 * else writes to the device.
 *
 * <p>Other threads only leave things for the loop, through its {@link DeviceHandle}: the driver its
 * newest sample and reported faults, callers their requests (a queue), an emergency stop and a
 * fault clear (the {@link LatchState}, plus an immediate vent-all). The tick lock guards the loop's
 * own state: the loop holds it for each tick; the removal and shutdown paths take it to end the
 * session at once, waiting at most {@link #HOLD_WAIT_MS} ms for a tick under way (a tick stuck in a
 * driver that is itself unregistering must not deadlock them); failing that, the tick ends the
 * session on its way out. Drivers and listeners never take it.
 *
 * <p>Foreign code is bounded. Any throwable in a tick, an {@code Error} from a driver or the engine
 * included, vents the device and latches a fault naming it ({@link #failSafe}); so does a driver
 * whose commands have all failed (thrown) for {@link FailedCommands#FAULT_AFTER_MS} ms, while one
 * that fails now and then is logged. A driver call of
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

    private final DriverGate driver;
    private final DeviceDescription device;
    private final boolean host;
    private final LoopClock clock;
    private final Timebase timebase;
    private final LoopHost events;
    private final DeviceInbox inbox;

    // left by other threads (through the handle)
    private final DeviceHandle handle;
    /** The latch and a pending emergency stop, changed together in one step. */
    private final AtomicReference<LatchState> latch;
    private final AtomicReference<SessionRun> session;
    private final ReentrantLock tickLock = new ReentrantLock();
    private volatile boolean halted;
    private volatile boolean gone;
    private final LoopEnd end = new LoopEnd();
    private final DriverCall driverCall = new DriverCall();

    // the loop's own (tick lock held)
    private final Readings readings;
    private final Supervisor supervisor;
    private final Regulator regulator;
    private final Command command;
    private final double[] commandedTargets;
    private final SessionStage sessions;
    private final TickRecord record;
    private final FailedCommands failedCommands = new FailedCommands();
    private long loopErrors;
    /** Latched when even the words for a loop error cannot be made (out of memory): made beforehand. */
    private final Latch speechless;

    DeviceLoop(DeviceHandle handle, BootConnection connection, LoopHost events) {
        this.handle = handle;
        latch = handle.latch;
        session = handle.session;
        this.events = events;
        device = handle.description(); // read once, as the device came: a driver may answer otherwise later
        host = device.regulation() == RegulationMode.HOST;
        clock = new LoopClock(connection, device.id(), this::tick);
        timebase = clock.timebase();
        inbox = new DeviceInbox(device, timebase);
        int channels = device.channelCount();
        readings = new Readings(channels);
        supervisor = new Supervisor(device);
        regulator = host ? new HostRegulator(channels) : new SetpointRegulator();
        command = new Command(channels);
        driver = new DriverGate(connection, device, driverCall);
        record = new TickRecord(device, host, readings, command, events, () -> latch.get().held() != null);
        commandedTargets = record.commanded;
        sessions = new SessionStage(handle, events, supervisor, regulator, readings, record.trace);
        speechless = new Latch(FaultMessages.fault(device, CONTROLLER_ERROR, 0, 0, CONTROLLER_ERROR
                + " in the control loop of " + device.id() + " (out of memory?); it was vented: see the log"), false, false);
    }

    /** The loop's clock: its timebase, how punctually it ticks, the thread of its latest tick. */
    LoopClock clock() {
        return clock;
    }

    DeviceDescription description() {
        return device;
    }

    DeviceInbox inbox() {
        return inbox;
    }

    // ---- life ----

    /** Ticks every {@code periodNanos} from now; false when halted or ticking already. */
    boolean start(long periodNanos) {
        tickLock.lock();
        try {
            if (halted || clock.started()) {
                return false;
            }
            inbox.connected();
            clock.start(periodNanos);
            return true;
        } finally {
            tickLock.unlock();
        }
    }

    /** Ticks at a new rate from the next tick on. */
    void retime(long periodNanos) {
        clock.retime(periodNanos);
    }

    /** No more ticks (shutdown, first part). */
    void halt() {
        halted = true;
        clock.cancel();
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
        end.ask(state, reason, fault);
        halted = true;
        gone = true;
        clock.cancel();
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

    /** Ends the session for good (tick lock held), once ({@link LoopEnd}). */
    private void finishEnd() {
        end.finish(asked -> {
            readings.update(inbox.sample());
            if (asked.state() == SessionState.STOPPED) {
                command.ventAll(); // the shutdown vented the device
            }
            endOffLoop(timebase.nanoTime(), asked.state(), asked.reason(), asked.fault());
            clock.close();
        });
    }

    /** See {@link LoopEnd#endedWithout}. */
    boolean endedWithout(SessionRun run) {
        return end.endedWithout(run);
    }

    /** Ends the session while the loop is halted (tick lock held): final row, record, trace closed. */
    private void endOffLoop(long now, SessionState state, String reason, Fault fault) {
        SessionRun run = session.get();
        if (run != null && !run.isOver()) {
            run.end(now, state, reason, fault);
            sessions.ended(run);
            record.lastRow(now, run);
        }
        record.trace.closeTail();
    }

    // ---- the tick ----

    private void tick() {
        tickLock.lock();
        try {
            if (halted) {
                clock.cancel(); // in case a retime rescheduled it as the loop was halted
            } else {
                runTick(clock.ticked());
            }
        } catch (DriverGate.TakenOver e) {
            // the watchdog gave up on this tick's driver call and owns the loop now
        } catch (Throwable e) {
            failSafe(e, null); // whatever went wrong, the boots are vented
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

    /** One tick as the design has it: sample → safety → sequencer → regulator → command → record. */
    private void runTick(long now) {
        clock.retimeIfAsked();
        TickInputs in = TickInputs.take(now, inbox, latch, handle.requests);
        sample(in);
        String misshapen = inbox.takeMisshapen();
        if (misshapen != null) { // a driver's bug: the device is vented and latched, as for any driver error
            sessions.latchFault(now, FaultMessages.withHighest(device, CONTROLLER_ERROR, ": " + misshapen,
                    readings::tripPressure), false);
        }
        sessions.beforeSafety(in);
        SessionRun run = session.get();
        Fault trip = supervisor.check(new SafetyView(device, in, readings, command, run, sessions.intent()));
        if (trip != null) {
            sessions.latchFault(now, trip, in.deviceReported());
        }
        Intent intent = sessions.sequence(now, run);
        regulate(now, intent);
        send(now);
        record.record(now, run, sessions.endedThisTick());
    }

    /** The newest sample, as it was when the tick began, is this tick's reading. */
    private void sample(TickInputs in) {
        if (in.arrival() != null) {
            readings.update(in.arrival().sample(), in.arrival().atNanos());
        }
    }

    /** The command toward what the session intends; all vented when latched. */
    private void regulate(long now, Intent intent) {
        double[] targets = intent.targets();
        regulator.regulate(targets, intent.gentle(), readings, now, command);
        System.arraycopy(targets, 0, commandedTargets, 0, targets.length);
        // checked last, right before sending: a latch set from another thread during this tick counts too
        if (latch.get().held() != null) {
            command.ventAll();
            regulator.reset();
            Arrays.fill(commandedTargets, 0);
        }
    }

    /**
     * The one command of the tick (a vent-all first if one is due), unless the device went away. A
     * driver that throws now and then is logged; one that has failed every command for
     * {@link FailedCommands#FAULT_AFTER_MS} ms goes through the fail-safe: vented and latched,
     * naming the driver and what it threw.
     */
    private void send(long now) {
        if (halted) {
            return; // the device went away or the engine stops during this tick: it gets nothing more
        }
        try {
            if (sessions.takeVentAllNow()) {
                driver.ventAll();
            }
            driver.send(command);
            failedCommands.succeeded();
        } catch (DriverGate.TakenOver e) {
            throw e;
        } catch (RuntimeException e) {
            if (failedCommands.failed(now)) {
                long lasted = failedCommands.rowNanos(now);
                failSafe(e, ": the driver of " + device.id() + " failed " + failedCommands.takeRow()
                        + " commands in a row over " + TimeUnit.NANOSECONDS.toMillis(lasted) + " ms, the last with "
                        + e + " (check the unit's cable and its driver's log)");
            } else if (failedCommands.worthSaying()) {
                LOG.log(Level.WARNING, device.id() + ": the driver failed a command (" + failedCommands.total()
                        + " so far): " + e);
            }
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
        return end.finished();
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
        end.ask(SessionState.FAULT, fault.message(), fault);
        halted = true;
        clock.cancel();
        LOG.log(Level.ERROR, device.id() + ": " + fault.message());
        if (!gone) {
            handle.ventAside("as a last try"); // one last try: a driver whose command hangs may still vent; then nothing more
        }
        finishEnd();
        handle.announce(!gone);
    }

    /**
     * A bug in the tick, or an error a driver threw, must not leave air in the boots: vent first
     * (it needs no memory), then latch a fault naming the cause, which ends the session (on the next
     * tick if not on this one); then log, seldom when it happens every tick. Nothing escapes.
     *
     * @param detail what the fault says after "controller error", or null for {@code ": " + e}
     */
    private void failSafe(Throwable e, String detail) {
        command.ventAll();
        Arrays.fill(commandedTargets, 0);
        try {
            if (!gone) {
                driver.ventAll();
            }
        } catch (DriverGate.TakenOver t) {
            return;
        } catch (Throwable again) {
            sessions.ventAllAgain(); // the next tick tries again
        }
        boolean first = latch.get().held() == null;
        try {
            long now = timebase.nanoTime();
            Fault fault = FaultMessages.withHighest(device, CONTROLLER_ERROR, detail != null ? detail : ": " + e,
                    readings::tripPressure);
            sessions.latchFault(now, fault, false);
        } catch (DriverGate.TakenOver t) {
            return;
        } catch (Throwable again) {
            latch.updateAndGet(s -> s.latch(speechless));
            sessions.ventAllAgain();
            try {
                SessionRun run = session.get();
                if (run != null && !run.isOver()) {
                    sessions.endFor(run, timebase.nanoTime(), latch.get().held());
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
