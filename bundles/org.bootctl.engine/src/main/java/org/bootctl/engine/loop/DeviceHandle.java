package org.bootctl.engine.loop;

import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.device.DeviceFault;
import org.bootctl.api.session.DeviceStatus;
import org.bootctl.api.session.Fault;
import org.bootctl.api.session.SessionState;
import org.bootctl.api.time.Timebase;
import org.bootctl.api.time.VirtualTimebase;
import org.bootctl.engine.safety.FaultMessages;

/**
 * A device's loop as other threads see it: the engine's callers (status, reserve, submit,
 * emergency stop, clear) and the service registry (start, disconnected, shutdown). They never run
 * the tick ({@link DeviceLoop}, on the device's timebase): they leave requests in a queue and change
 * the latch state in one atomic step; only a vent-all goes to the device from here, at once, from a
 * thread that never waits on a driver call under way. What acts on every device (the emergency stop
 * of all, the shutdown) calls each driver from a thread of its own ({@link AsideCalls}), so one
 * that hangs holds no other.
 */
public final class DeviceHandle {

    private static final System.Logger LOG = System.getLogger(DeviceHandle.class.getName());
    private static final CompletableFuture<Void> DONE = DriverAside.DONE;

    private final BootConnection connection;
    private final DriverAside aside;
    private final DeviceDescription device;
    private final LoopHost events;
    final AtomicReference<LatchState> latch = new AtomicReference<>(LatchState.CLEAR);
    final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();
    final AtomicReference<SessionRun> session = new AtomicReference<>();
    /** Held while the device's status is made and handed to the listeners ({@link #announce}). */
    private final Object announcing = new Object();
    private final DeviceLoop loop;
    private final DeviceInbox inbox;

    /**
     * @throws IllegalStateException when the driver does not say what its unit is: it throws, answers
     *                               null, or has not answered within {@link DriverAside#LISTEN_WAIT_MS} ms
     */
    public DeviceHandle(BootConnection connection, LoopHost events) {
        this.connection = connection;
        this.events = events;
        device = DriverAside.describe(connection);
        aside = new DriverAside(connection, device.id());
        loop = new DeviceLoop(this, connection, events);
        inbox = loop.inbox();
    }

    public String id() {
        return device.id();
    }

    public DeviceDescription description() {
        return device;
    }

    public Timebase timebase() {
        return loop.clock().timebase();
    }

    /** How punctually this loop ticks. */
    public TickTiming timing() {
        return loop.clock().timing();
    }

    /** The thread the latest tick ran on, or null before the first. */
    public Thread tickThread() {
        return loop.clock().tickThread();
    }

    /** The device's own (simulated) time, which only moves when someone runs it; empty on real time. */
    public Optional<VirtualTimebase> ownTime() {
        return loop.clock().ownTime();
    }

    /** Whether the calling thread is inside one of this device's ticks (a listener called on it). */
    public boolean calledFromTick() {
        return loop.inTickHere();
    }

    /** The loop itself, for the driver watchdog's thread. */
    DeviceLoop loop() {
        return loop;
    }

    // ---- life ----

    /**
     * Starts listening and ticking every {@code periodNanos}. A driver whose {@code listen} throws,
     * or has not returned within {@link DriverAside#LISTEN_WAIT_MS} ms (it is called from a thread of its
     * own), is not half taken on (a loop ticking with no telemetry): the device latches a fault
     * naming the driver and what it did, is vented (a try, aside), and nothing more is sent to it; it
     * stays listed, in FAULT, until its connection goes.
     *
     * @return false when the driver's listen threw or did not return
     */
    public boolean start(long periodNanos) {
        if (!loop.start(periodNanos)) {
            return true;
        }
        DriverAside.ListenFailure failed = aside.listen(inbox);
        if (failed == null) {
            return true;
        }
        listenFailed(failed.what(), failed.cause());
        return false;
    }

    private void listenFailed(String what, Throwable e) {
        Fault found = FaultMessages.withHighest(device, DeviceLoop.CONTROLLER_ERROR, ": the driver of " + device.id()
                + " (" + connection.getClass().getName() + ") " + what, inbox::lastReading);
        Fault fault = new Fault(found.cause(), found.channel(), found.zone(), found.pressureMmHg(), found.message()
                + ". The device is not controlled and nothing more is sent to it: restart its driver, or unplug and"
                + " replug the unit, and it comes back as a new device");
        Latch refused = new Latch(fault, false, false);
        latch.updateAndGet(s -> s.replace(refused));
        ventAside("as its driver failed to start"); // a vent-all never keeps air in
        loop.end(SessionState.FAULT, fault.message(), fault);
        LOG.log(Level.ERROR, device.id() + ": " + fault.message(), e);
        announce(true); // listed, in FAULT, until its connection goes
    }

    /** Ticks at a new rate from the next tick on. */
    public void retime(long periodNanos) {
        loop.retime(periodNanos);
    }

    /**
     * The device is gone (its service went away): its session ends in FAULT at once, naming the
     * last pressures, and nothing is sent to the connection again. A fault the device reported on
     * its way out that no tick has seen yet (a reset: the driver reports it, then lets go) is the
     * cause a person reads, not the disconnection it led to.
     */
    public void disconnected() {
        if (loop.gone()) {
            return;
        }
        DeviceFault last = inbox.pollReported();
        Fault fault = last != null ? FaultMessages.fromDevice(device, last, inbox::lastReading)
                : FaultMessages.withHighest(device, DeviceLoop.DISCONNECTED, null, inbox::lastReading);
        Latch lost = new Latch(fault, false, false);
        latch.updateAndGet(s -> s.latch(lost));
        loop.end(SessionState.FAULT, fault.message(), fault);
    }

    /** Shutdown, first part: no more ticks (in memory, never waits); then {@link #ventAside} vents it. */
    public void halt() {
        loop.halt();
    }

    /**
     * Shutdown, second part: the session ends STOPPED with {@code reason}; the connection is let
     * go ({@code listen(null)}) from a thread of its own, whose call the future tells of.
     */
    public CompletableFuture<Void> finishShutdown(String reason) {
        if (loop.gone()) {
            return DONE;
        }
        loop.end(SessionState.STOPPED, reason, null);
        if (loop.driverCall().abandoned()) {
            return DONE; // a driver that hangs is called no more
        }
        return aside.letGo();
    }

    /**
     * An emergency stop's immediate vent-all from a thread other than the tick's: made here while no
     * tick's call is under way; else (a tick is inside the driver, perhaps stuck, or the driver was
     * declared not responding) {@linkplain #ventAside aside}, never waited for.
     */
    private void ventFromAnyThread(String when) {
        DriverCall call = loop.driverCall();
        if (call.busy() || call.abandoned()) {
            ventAside(when);
            return;
        }
        try {
            connection.ventAll();
        } catch (Throwable e) { // an Error too: the stop is latched, the loop vents on its next tick
            try {
                LOG.log(Level.WARNING, device.id() + ": vent-all " + when + " failed: " + e);
            } catch (Throwable ignored) {
                // no memory even for the log line
            }
        }
    }

    /**
     * A vent-all on a short-lived thread of its own, which nobody has to wait for: at most one at a
     * time per device ({@link DriverAside#vent}). Nothing when the device is gone.
     *
     * @return the vent-all's call, done when it returned
     */
    public CompletableFuture<Void> ventAside(String when) {
        return loop.gone() ? DONE : aside.vent(when);
    }

    // ---- from callers' threads ----

    /**
     * Tells the listeners how the device is now. Its status is made and handed on in one step under
     * a lock of its own, whoever tells it (a caller's clear or stop, the loop's latch): a status made
     * before another change could otherwise reach a listener after that change's, which then showed
     * a latched device as free. Never waits on a listener (the dispatcher only queues).
     */
    public void announce(boolean online) {
        synchronized (announcing) {
            events.deviceChanged(status(), online);
        }
    }

    public DeviceStatus status() {
        Latch l = latch.get().held();
        SessionRun run = session.get();
        SessionState state = l != null ? SessionState.FAULT : run == null ? SessionState.IDLE : run.state();
        return new DeviceStatus(device, state, run == null ? null : run.id(), l == null ? null : l.fault());
    }

    public boolean online() {
        return !loop.gone();
    }

    public Latch latched() {
        return latch.get().held();
    }

    /** The current or last session. */
    public SessionRun session() {
        return session.get();
    }

    /**
     * Takes the device for a new session unless one is under way or the device is gone; false then.
     * A device that goes away as it is taken ends the session with its own (FAULT) if its end came
     * after; if its end came first, the session is let go here: nothing would ever begin or end it.
     */
    public boolean reserve(SessionRun run) {
        SessionRun previous = session.get();
        if (loop.gone() || !(previous == null || previous.isOver()) || !session.compareAndSet(previous, run)) {
            return false;
        }
        if (loop.gone() && loop.endedWithout(run)) {
            session.compareAndSet(run, previous);
            return false;
        }
        return true;
    }

    public void submit(Request request) {
        requests.add(request);
    }

    /**
     * Latches the device, vents it at once from this thread (defence in depth: it works even if
     * the loop were stuck; vent-all is idempotent and never refused), and has the loop end the
     * session STOPPED on its next tick, ahead of any queued request.
     *
     * @return false when the device is gone
     */
    public boolean emergencyStop() {
        if (!latchEmergencyStop()) {
            return false;
        }
        ventFromAnyThread("at once"); // the request never waits on a driver call under way
        return true;
    }

    /**
     * An emergency stop's latch alone, in memory (it never calls the driver): the loop vents the
     * device on its next tick and ends the session STOPPED, ahead of any queued request. The
     * emergency stop of all latches every device so before it vents any ({@link #ventAside}).
     *
     * @return false when the device is gone
     */
    public boolean latchEmergencyStop() {
        if (loop.gone()) {
            return false;
        }
        Fault fault = FaultMessages.withHighest(device, SessionRun.EMERGENCY_STOP, null, inbox::lastReading);
        Latch estop = new Latch(fault, false, true);
        if (latch.getAndUpdate(s -> s.estop(estop)).held() == null) {
            announce(true);
        }
        return true;
    }

    /**
     * Why the latched fault cannot be cleared now (no telemetry, an implausible reading, a channel
     * not yet vented), or null.
     */
    public String clearBlocker() {
        if (loop.gone()) {
            return device.id() + " is not controlled (its driver failed or let it go): restart its driver, or unplug"
                    + " and replug the unit, and it comes back as a new device";
        }
        if (loop.driverCall().abandoned()) {
            return "the driver of " + device.id() + " is not responding: unplug and replug the unit, or restart its"
                    + " driver, and it comes back as a new device";
        }
        if (latch.get().estopPending()) {
            // cleared before the loop applied it, the stop would latch again on the next tick and
            // end a session started in between
            return "the emergency stop of " + device.id() + " is still being applied: try again in a moment";
        }
        return inbox.clearBlocker();
    }

    /** The fault the device's firmware reports latched in its newest sample, or null. */
    public DeviceFault deviceLatchedFault() {
        return inbox.latchedIn(inbox.newest());
    }

    /**
     * Asks the device to clear its own latch (a request, not an actuation) from a thread of its own
     * ({@link DriverAside#clearFault}): the caller waits for that call as long as it likes, never forever.
     *
     * @return completed, once the driver's {@code clearFault} returned, with its answer to come
     */
    public CompletableFuture<CompletableFuture<Boolean>> clearDeviceFault() {
        return aside.clearFault();
    }

    /**
     * Releases the latch if it is still {@code expected}; the loop forgets the fault's history on
     * its next tick.
     *
     * @param deviceCleared the device confirmed its own latch cleared: samples from before now no
     *                      longer count as reporting it
     */
    public boolean unlatch(Latch expected, boolean deviceCleared) {
        if (deviceCleared) {
            inbox.deviceCleared();
        }
        LatchState was = latch.getAndUpdate(s -> s.clear(expected));
        boolean cleared = was.held() != null && was.held() == expected;
        if (cleared) {
            announce(!loop.gone());
        }
        return cleared;
    }
}
