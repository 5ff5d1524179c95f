package org.bootctl.driver.rb1;

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.device.DeviceFault;
import org.bootctl.api.device.ModelDescription;
import org.bootctl.api.device.RegulationMode;
import org.bootctl.api.device.Sample;
import org.bootctl.driver.rb1.codec.LineDecoder;
import org.bootctl.driver.rb1.codec.SerialLink;
import org.bootctl.serial.RepeatLimit;
import org.bootctl.serial.SerialConnection;

/**
 * The RB1 line protocol on one open port: handshake, streaming, setpoints with keep-alive,
 * faults and resets. Two threads meet here: the port's manager thread runs {@link #handshake()},
 * {@link #serve()} and {@link #letGo()} and is the only one that writes; the reader thread
 * delivers lines through {@link SerialLink.Handler}. The engine's calls only queue work and wake
 * the manager.
 */
final class Rb1Session implements SerialLink.Handler, SerialConnection.Session {

    /** A command line at least this often keeps the device's 2 s watchdog quiet with room for a retry or two. */
    static final long KEEPALIVE_NANOS = 500_000_000L;
    /**
     * The engine sends setpoints on every tick. When it has sent nothing for this long while the
     * device holds pressure, its loop has stalled: keep-alives stop, so the device's own 2 s
     * watchdog vents it — the firmware's layer of safety must not be kept quiet by the driver alone.
     */
    static final long ENGINE_STALL_NANOS = 1_000_000_000L;
    /** How long one handshake command may take, resends included. */
    static final long CALL_TIMEOUT_NANOS = 1_000_000_000L;
    /** How long letting go waits for VENT's answer. */
    static final long LET_GO_NANOS = 300_000_000L;
    private static final long TICK_NANOS = 50_000_000L;
    private static final long FOREVER = Long.MAX_VALUE / 4;
    /** A refusal of setpoints with one ERR code, and a latch of one FLT code, is logged at most this often. */
    private static final long REFUSAL_LOG_INTERVAL_NANOS = 10_000_000_000L;
    /** The ERR codes of the protocol. */
    private static final Set<String> KNOWN_ERRORS = Set.of("CMD", "ARG", "RANGE", "FAULT", "CHK");
    private static final System.Logger LOG = System.getLogger(Rb1Session.class.getName());

    /** The port failed, went away or went silent; or the unit talks, but not as its model must. */
    static final class Lost extends Exception {
        private final boolean unitAtFault;

        Lost(String message) {
            this(message, false);
        }

        Lost(String message, boolean unitAtFault) {
            super(message);
            this.unitAtFault = unitAtFault;
        }

        /** Samples of the wrong shape, or no answer to commands: opening the port again soon will not help. */
        boolean unitAtFault() {
            return unitAtFault;
        }
    }

    /** The handshake did not find a device this driver may serve: no answer, wrong model or protocol. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    /** The device reset: a command in flight will never be answered. */
    private static final class DeviceReset extends RuntimeException {
        DeviceReset() {
            super("the device reset", null, false, false);
        }
    }

    /** A line the session wrote, and when the write returned: for diagnostics. */
    record Written(long nanos, String line) {
    }

    /** Where command lines go: the port's writer. */
    interface LineOutput {
        boolean write(String body);
    }

    private final DriverSettings settings;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final CommandScheduler commands = new CommandScheduler();
    private volatile LineOutput out = body -> false;

    // guarded by lock
    private int[] wanted;
    private int[] applied;
    private String lostReason;
    private boolean unitAtFault;
    private boolean bootSeen;
    private boolean stopRequested;
    private boolean streaming;
    /** The code of the latch last told to the engine, null when none is latched: each latch is told once. */
    private String toldCode;
    /** The JVM is exiting and the unit was vented: nothing may fill it again. */
    private boolean exiting;
    /** Nothing is written any more (lost, or let go): a request fails at once instead of waiting for ever. */
    private boolean ended;
    /** Setpoints were refused with ERR,FAULT: a fault is latched whose FLT line was lost; ST? tells which. */
    private volatile boolean statusWanted;

    private volatile DeviceDescription description;
    private volatile BootConnection.Listener listener;
    private volatile DeviceFault latched;
    private volatile double[] lastPressures;
    private volatile long lastSampleAt;
    private volatile long lastEngineCall = System.nanoTime();
    private boolean starving; // guarded by lock: keep-alives withheld from a stalled engine's device
    private final AtomicLong samples = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong refusals = new AtomicLong();
    private final RepeatLimit refusalLogged = new RepeatLimit(REFUSAL_LOG_INTERVAL_NANOS);
    /** Latches the device reported, and which are logged: a code that alternates with another (A, B, A...) is one line each. */
    private final AtomicLong latches = new AtomicLong();
    private final RepeatLimit latchLogged = new RepeatLimit(REFUSAL_LOG_INTERVAL_NANOS);
    private final ArrayDeque<Written> written = new ArrayDeque<>(); // guarded by lock
    private static final int WRITTEN_KEPT = 1000;

    Rb1Session(DriverSettings settings) {
        this.settings = settings;
    }

    void attach(LineOutput output) {
        this.out = output;
    }

    // ---------------------------------------------------------------- manager thread

    /**
     * {@code ID?} and {@code ST?}: who the device is and how it was found. A device found with
     * setpoints above 0 or a fault latched is vented at once (docs/DESIGN.md, "on connect"); then
     * streaming is switched on.
     */
    DeviceDescription handshake() throws Lost, Refused {
        for (int attempt = 1; ; attempt++) {
            try {
                return handshakeOnce();
            } catch (DeviceReset reset) {
                lock.lock();
                try {
                    bootSeen = false;
                } finally {
                    lock.unlock();
                }
                if (attempt == 3) {
                    throw new Refused(where() + ": the device keeps resetting during the handshake");
                }
            }
        }
    }

    private DeviceDescription handshakeOnce() throws Lost, Refused {
        DeviceLine.Identity id = call("ID?", DeviceLine.Identity.class);
        DeviceDescription found = describe(id);
        DeviceLine.Status status = call("ST?", DeviceLine.Status.class);
        if (status.setpoints().length != found.zoneCount()) {
            throw new Refused(where() + ": ST? gives " + status.setpoints().length + " setpoints for a "
                    + found.zoneCount() + "-zone " + found.model());
        }
        lock.lock();
        try {
            description = found;
            wanted = new int[found.zoneCount()];
            applied = new int[found.zoneCount()];
        } finally {
            lock.unlock();
        }
        latched = status.fault() == null ? null
                : new DeviceFault(kind(status.fault()), -1, "FLT," + status.fault() + " latched when found");
        if (status.pressurised() || status.fault() != null) {
            LOG.log(Level.WARNING, where() + ": found " + (status.fault() != null ? "with " + status.fault() + " latched" : "")
                    + (status.pressurised() ? " with setpoints " + Arrays.toString(status.setpoints()) : "")
                    + ": venting at once");
            CompletableFuture<DeviceLine> vent;
            lock.lock();
            try {
                vent = commands.vent();
            } finally {
                lock.unlock();
            }
            await(vent, "VENT", DeviceLine.Ok.class);
        }
        call("STREAM," + settings.streamHz(), DeviceLine.Ok.class);
        lock.lock();
        try {
            streaming = true;
            lastSampleAt = System.nanoTime();
        } finally {
            lock.unlock();
        }
        return found;
    }

    /** Serves the device until {@link #stop()}; a reset is reported and answered with a new handshake. */
    void serve() throws Lost, Refused {
        DeviceDescription serving = description;
        while (true) {
            pump(() -> stopRequested || bootSeen, FOREVER, true);
            lock.lock();
            try {
                if (stopRequested) {
                    return;
                }
                bootSeen = false;
                streaming = false;
                toldCode = null; // a reset clears the latch: a FLT after it is a new latch
                Arrays.fill(wanted, 0);
                Arrays.fill(applied, 0);
            } finally {
                lock.unlock();
            }
            latched = null;
            LOG.log(Level.WARNING, where() + ": the device restarted");
            notifyFault(new DeviceFault(DeviceFault.Kind.RESTARTED, -1, "BOOT"));
            DeviceDescription again = handshake();
            if (!again.equals(serving)) {
                throw new Lost(where() + ": the device came back from its reset as another unit ("
                        + again.model() + " " + again.serial() + ")");
            }
        }
    }

    /** Vents the device when the port still answers; waits briefly for the answer. */
    void letGo() {
        CompletableFuture<DeviceLine> vent;
        lock.lock();
        try {
            if (lostReason != null) {
                return;
            }
            vent = commands.vent();
        } finally {
            lock.unlock();
        }
        try {
            pump(vent::isDone, LET_GO_NANOS, false);
        } catch (Lost e) {
            LOG.log(Level.DEBUG, where() + ": lost while letting go: " + e.getMessage());
        } finally {
            end(new CancellationException("the unit was let go"));
        }
    }

    /** Nothing more is written: every command still waiting fails (a clear answers false), and so does every later one. */
    private void end(Throwable why) {
        List<CommandScheduler.Finished> finished;
        lock.lock();
        try {
            ended = true;
            commands.failAll(why);
            finished = commands.takeFinished();
        } finally {
            lock.unlock();
        }
        finished.forEach(CommandScheduler.Finished::complete);
    }

    /** Ends {@link #serve()} soon; any thread. */
    void stop() {
        lock.lock();
        try {
            stopRequested = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private boolean stopping() {
        lock.lock();
        try {
            return stopRequested;
        } finally {
            lock.unlock();
        }
    }

    private <T extends DeviceLine> T call(String line, Class<T> type) throws Lost, Refused {
        CompletableFuture<DeviceLine> answer;
        lock.lock();
        try {
            answer = commands.submit(line);
        } finally {
            lock.unlock();
        }
        return await(answer, line, type);
    }

    private <T extends DeviceLine> T await(CompletableFuture<DeviceLine> answer, String line, Class<T> type)
            throws Lost, Refused {
        pump(() -> answer.isDone() || stopRequested, CALL_TIMEOUT_NANOS, false);
        if (stopping()) {
            throw new Lost(where() + ": stopped during the handshake");
        }
        if (!answer.isDone()) {
            throw new Refused(where() + ": no RB1 answer to " + line + " within "
                    + TimeUnit.NANOSECONDS.toMillis(CALL_TIMEOUT_NANOS) + " ms" + noise()
                    + " — not an RB1 line-protocol device, or not powered");
        }
        DeviceLine got;
        try {
            got = answer.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof DeviceReset reset) {
                throw reset;
            }
            if (e.getCause() instanceof CommandScheduler.Unanswered unanswered) {
                throw new Refused(where() + ": no RB1 answer to " + line + " (" + unanswered.getMessage() + ")"
                        + noise() + " — not an RB1 line-protocol device, or not powered");
            }
            throw new Lost(where() + ": " + line + " failed: " + e.getCause());
        }
        if (got instanceof DeviceLine.Error error) {
            throw new Refused(where() + ": the device answered " + line + " with ERR," + error.code());
        }
        return type.cast(got);
    }

    /**
     * Writes what the scheduler says is due, until {@code until} holds or the time is up; while
     * serving it also sends changed setpoints, keeps the watchdog fed and watches for silence.
     */
    private void pump(BooleanSupplier until, long timeoutNanos, boolean serving) throws Lost {
        try {
            pumpLines(until, timeoutNanos, serving);
        } catch (Lost e) {
            end(e); // the opening ends: nothing will answer what still waits
            throw e;
        }
    }

    private void pumpLines(BooleanSupplier until, long timeoutNanos, boolean serving) throws Lost {
        long end = System.nanoTime() + timeoutNanos;
        while (true) {
            List<String> lines;
            List<CommandScheduler.Finished> finished;
            lock.lock();
            try {
                long now = System.nanoTime();
                if (serving && lostReason == null) {
                    keepUp(now);
                }
                if (lostReason != null) {
                    throw new Lost(lostReason, unitAtFault);
                }
                if (until.getAsBoolean() || now - end >= 0) {
                    return;
                }
                lines = commands.due(now);
                finished = commands.takeFinished();
                if (lines.isEmpty() && finished.isEmpty()) {
                    long next = commands.nextDueAt(now);
                    long wait = Math.min(TICK_NANOS, end - now);
                    if (next != Long.MAX_VALUE) {
                        wait = Math.min(wait, next - now);
                    }
                    if (wait > 0) {
                        wake.awaitNanos(wait);
                    }
                    continue;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Lost(where() + ": interrupted");
            } finally {
                lock.unlock();
            }
            finished.forEach(CommandScheduler.Finished::complete);
            for (String line : lines) {
                if (!out.write(line)) {
                    throw new Lost(where() + ": writing " + line + " failed");
                }
            }
            if (!lines.isEmpty()) {
                long at = System.nanoTime();
                lock.lock();
                try {
                    commands.written(at);
                    for (String line : lines) {
                        if (written.size() == WRITTEN_KEPT) {
                            written.pollFirst();
                        }
                        written.addLast(new Written(at, line));
                    }
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    /** Setpoints when they changed, a status poll as keep-alive, silence; under the lock. */
    private void keepUp(long now) {
        if (streaming && now - lastSampleAt > settings.silenceNanos()) {
            lostReason = where() + ": no sample for " + TimeUnit.NANOSECONDS.toMillis(now - lastSampleAt)
                    + " ms: the device went silent";
            return;
        }
        CommandScheduler.Unanswered unanswered = commands.unanswered();
        if (unanswered != null) {
            lostReason = where() + ": " + unanswered.getMessage() + ": it streams samples but takes no commands"
                    + " (check the cable's line from host to unit, and the unit's firmware)";
            unitAtFault = true;
            return;
        }
        boolean refused = latched != null && Arrays.stream(wanted).anyMatch(sp -> sp > 0); // ERR,FAULT until CLR
        if (statusWanted && commands.idle()) {
            // ahead of the next ALL: setpoints that change on every tick would never leave the 500 ms gap a keep-alive waits for
            statusWanted = false;
            commands.submit("ST?").thenAccept(this::reconcile);
        } else if (!Arrays.equals(wanted, applied) && !commands.settingPressure() && !refused) {
            applied = wanted.clone();
            String line = "ALL," + String.join(",", Arrays.stream(applied).mapToObj(Integer::toString).toList());
            commands.submit(line).thenAccept(answer -> {
                if (answer instanceof DeviceLine.Error error) {
                    refusal(line, error.code());
                    if (error.is("FAULT") && latched == null) {
                        statusWanted = true; // a latch whose FLT line was lost
                    }
                }
            });
        } else if (commands.idle() && commands.sinceLastSent(now) >= KEEPALIVE_NANOS && engineAlive(now)) {
            // ST? feeds the watchdog and tells a fault whose FLT line was lost on the way
            commands.submit("ST?").thenAccept(this::reconcile);
        }
    }

    /**
     * Logs a refused setpoint line, at most once per {@link #REFUSAL_LOG_INTERVAL_NANOS} for one
     * code: the engine may change the setpoints on every tick, and a unit that refuses them all
     * would fill the log.
     */
    private void refusal(String line, String code) {
        long count = refusals.incrementAndGet();
        long now = System.nanoTime();
        String key = KNOWN_ERRORS.contains(code) ? code : "other"; // a unit's made-up codes must not grow the map
        if (refusalLogged.allows(key, now)) {
            LOG.log(Level.WARNING, where() + ": " + line + " refused with ERR," + code + " (" + count
                    + " setpoint lines refused so far)");
        }
    }

    /** Whether keep-alives may go on: the device holds no pressure, or the engine still commands it. */
    private boolean engineAlive(long now) {
        boolean pressurised = Arrays.stream(applied).anyMatch(sp -> sp > 0);
        boolean alive = !pressurised || now - lastEngineCall <= ENGINE_STALL_NANOS;
        if (!alive && !starving) {
            LOG.log(Level.WARNING, where() + ": no command from the engine for "
                    + TimeUnit.NANOSECONDS.toMillis(now - lastEngineCall) + " ms while pressurised:"
                    + " keep-alives stop, the device's watchdog will vent it");
        }
        starving = !alive;
        return alive;
    }

    // ---------------------------------------------------------------- reader thread

    @Override
    public void line(String body, long nanos) {
        Optional<DeviceLine> parsed = DeviceLine.parse(body);
        if (parsed.isEmpty()) {
            malformed.incrementAndGet();
            return;
        }
        DeviceLine line = parsed.get();
        if (line instanceof DeviceLine.Stream stream) {
            onSample(stream, nanos);
        } else if (line instanceof DeviceLine.Fault fault) {
            onFault(fault.code());
        } else if (line instanceof DeviceLine.Boot) {
            onBoot();
        } else {
            List<CommandScheduler.Finished> finished;
            lock.lock();
            try {
                commands.answer(line, nanos);
                finished = commands.takeFinished();
                wake.signalAll();
            } finally {
                lock.unlock();
            }
            finished.forEach(CommandScheduler.Finished::complete);
        }
    }

    @Override
    public void rejected(LineDecoder.Reject reason, String text, long nanos) {
        dropped.incrementAndGet();
    }

    @Override
    public void lost(String why) {
        lock.lock();
        try {
            lostReason = why;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void onSample(DeviceLine.Stream stream, long nanos) {
        DeviceDescription known = description;
        if (known == null) {
            lastSampleAt = nanos;
            return; // streaming before the handshake: a previous host asked for it
        }
        if (stream.zones() != known.channelCount()) {
            // no sign of life: a unit whose samples the engine cannot use is not served
            malformed.incrementAndGet();
            wrongGeometry(stream.zones(), known);
            return;
        }
        lastSampleAt = nanos;
        lastPressures = stream.mmHg();
        samples.incrementAndGet();
        BootConnection.Listener to = listener;
        if (to != null) {
            to.sample(new Sample(stream.uptimeMs(), stream.mmHg(), latched));
        }
    }

    /** The unit sends samples of another shape than its model's: it is dropped, naming the mismatch. */
    private void wrongGeometry(int zones, DeviceDescription known) {
        lock.lock();
        try {
            if (lostReason == null) {
                lostReason = where() + " sends " + zones + " zones per sample, its model " + known.model() + " has "
                        + known.channelCount() + ": no sample of it can be used, so it is not served"
                        + " (check that the unit's firmware belongs to its model)";
                unitAtFault = true;
                wake.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    private void onFault(String code) {
        DeviceFault.Kind kind = kind(code);
        int channel = kind == DeviceFault.Kind.OVERPRESSURE ? highestChannel() : -1;
        DeviceDescription known = description;
        double[] seen = lastPressures;
        String detail = channel < 0 || known == null || seen == null ? "FLT," + code
                : String.format(Locale.ROOT, "FLT,%s (the device names no zone; highest last reading: %s, %.1f mmHg)",
                        code, known.describe(channel), seen[channel]);
        DeviceFault fault = new DeviceFault(kind, channel, detail);
        lock.lock();
        try {
            if (code.equals(toldCode)) {
                return; // the same latch repeated (a unit may send FLT with every line): told once
            }
            toldCode = code;
            latched = fault;
            if (applied != null) {
                Arrays.fill(applied, 0); // the device vented everything as it latched
            }
            wake.signalAll();
        } finally {
            lock.unlock();
        }
        long count = latches.incrementAndGet();
        if (latchLogged.allows(code, System.nanoTime())) { // told every time all the same, below
            LOG.log(Level.WARNING, where() + ": the device latched " + code + " (" + count + " latches so far)");
        }
        notifyFault(fault);
    }

    private void onBoot() {
        List<CommandScheduler.Finished> finished;
        lock.lock();
        try {
            bootSeen = true;
            commands.failAll(new DeviceReset());
            finished = commands.takeFinished();
            wake.signalAll();
        } finally {
            lock.unlock();
        }
        finished.forEach(CommandScheduler.Finished::complete);
    }

    /** A keep-alive's status: a fault whose FLT line was lost is taken from here. Runs in line order. */
    private void reconcile(DeviceLine answer) {
        if (answer instanceof DeviceLine.Status status) {
            if (status.fault() != null && latched == null) {
                onFault(status.fault());
            } else if (status.fault() == null && latched != null) {
                unlatch();
            }
        }
    }

    /** The device cleared its fault: setpoints wanted meanwhile may go out now. */
    private void unlatch() {
        lock.lock();
        try {
            latched = null;
            toldCode = null;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- engine's calls

    @Override
    public void listen(BootConnection.Listener listener) {
        this.listener = listener;
    }

    void setpoints(int[] mmHg) {
        lastEngineCall = System.nanoTime();
        lock.lock();
        try {
            // exiting is set under this lock too: a setpoint either lands before the exit vent, which zeroes it, or not at all
            if (!exiting && wanted != null && mmHg.length == wanted.length && !Arrays.equals(mmHg, wanted)) {
                wanted = mmHg.clone();
                wake.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void ventAll() {
        lastEngineCall = System.nanoTime();
        lock.lock();
        try {
            commands.vent().whenComplete((answer, failure) -> {
                if (failure != null || answer instanceof DeviceLine.Error) {
                    LOG.log(Level.WARNING, where() + ": VENT not confirmed: " + (failure != null ? failure : answer));
                }
            });
            if (wanted != null) {
                Arrays.fill(wanted, 0);
                Arrays.fill(applied, 0);
            }
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The JVM is exiting: {@link #ventAll()} that no later setpoint undoes; true on the unit's OK. */
    @Override
    public CompletableFuture<Boolean> ventForExit() {
        lock.lock();
        try {
            exiting = true;
            if (lostReason != null || ended) {
                return CompletableFuture.completedFuture(false); // letting go vents it, if it still listens
            }
            CompletableFuture<DeviceLine> vent = commands.vent();
            if (wanted != null) {
                Arrays.fill(wanted, 0);
                Arrays.fill(applied, 0);
            }
            wake.signalAll();
            return vent.thenApply(DeviceLine.Ok.class::isInstance);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public CompletionStage<Boolean> clearFault() {
        CompletableFuture<DeviceLine> answer;
        lock.lock();
        try {
            if (lostReason != null || ended) {
                return CompletableFuture.completedFuture(false); // the unit is gone: nothing will answer
            }
            answer = commands.submitOnce("CLR"); // one waiting CLR answers a flood of requests
            wake.signalAll();
        } finally {
            lock.unlock();
        }
        return answer.handle((line, failure) -> {
            if (line instanceof DeviceLine.Ok) {
                unlatch();
                return true;
            }
            return false; // ERR,FAULT: the cause persists; or the device went away or reset
        });
    }

    // ---------------------------------------------------------------- helpers

    /** The device's description from its ID and the driver's model description ({@link Rb1Models}); where they disagree on a limit the lower holds. */
    private DeviceDescription describe(DeviceLine.Identity id) throws Refused {
        if (!settings.anyModel() && !settings.model().equalsIgnoreCase(id.model())) {
            throw new Refused("wrong model on " + settings.port() + ": the device is " + id.model()
                    + " (serial " + id.serial() + "), expected " + settings.model());
        }
        ModelDescription spec = Rb1Models.find(id.model()).orElseThrow(() -> new Refused("unknown model on " + settings.port()
                + ": the device is " + id.model() + " (serial " + id.serial() + "), which is not in the model catalogue:"
                + " not an RB1 line-protocol model this driver knows (" + Rb1Models.ALL.stream().map(ModelDescription::model)
                .collect(java.util.stream.Collectors.joining(", ")) + ")"));
        if (spec.regulation() != RegulationMode.DEVICE || spec.pressurePerLimb()) {
            throw new Refused("wrong protocol on " + settings.port() + ": " + id.model()
                    + " is not an RB1 line-protocol model");
        }
        if (id.zones() != spec.zones()) {
            throw new Refused("wrong model on " + settings.port() + ": the device says " + id.model() + " with "
                    + id.zones() + " zones; the catalogue's " + spec.model() + " has " + spec.zones());
        }
        if (id.maxMmHg() <= 0) {
            // registered, it made the engine latch "over-pressure in zone 1 (foot): 0.0 mmHg" at rest
            throw new Refused("RB1 on " + settings.port() + ": the device " + id.model() + " (serial " + id.serial()
                    + ") says it has a hard limit of " + mmHg(id.maxMmHg()) + " mmHg: it cannot hold any pressure; check its firmware");
        }
        return DeviceDescription.builder(settings.deviceId()).model(spec)
                .hardLimitMmHg(Math.min(id.maxMmHg(), spec.hardLimitMmHg()))
                .serial(id.serial()).firmware(id.firmware()).sampleRateHz(settings.streamHz()).build();
    }

    private static String mmHg(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    static DeviceFault.Kind kind(String code) {
        return switch (code) {
            case "OVERPRESSURE" -> DeviceFault.Kind.OVERPRESSURE;
            case "WATCHDOG" -> DeviceFault.Kind.WATCHDOG;
            case "SENSOR" -> DeviceFault.Kind.SENSOR;
            case "PUMP" -> DeviceFault.Kind.PUMP;
            default -> DeviceFault.Kind.OTHER;
        };
    }

    /** The channel with the highest last reading: where an over-pressure the device does not place most likely is. */
    private int highestChannel() {
        double[] p = lastPressures;
        if (p == null || p.length == 0) {
            return -1;
        }
        int highest = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[highest]) {
                highest = i;
            }
        }
        return highest;
    }

    private void notifyFault(DeviceFault fault) {
        BootConnection.Listener to = listener;
        if (to != null) {
            to.deviceFault(fault);
        }
    }

    private String noise() {
        long bad = dropped.get() + malformed.get();
        return bad == 0 ? "" : " (" + bad + " unreadable lines)";
    }

    private String where() {
        DeviceDescription d = description;
        return "RB1 on " + settings.port() + (d == null ? "" : " (" + d.model() + " " + d.serial() + ")");
    }

    DeviceDescription description() {
        return description;
    }

    DeviceFault latchedFault() {
        return latched;
    }

    long samples() {
        return samples.get();
    }

    /** Lines dropped by the decoder or unreadable as device lines. */
    long unreadable() {
        return dropped.get() + malformed.get();
    }

    /** The last 1000 lines written, oldest first. */
    List<Written> written() {
        lock.lock();
        try {
            return List.copyOf(written);
        } finally {
            lock.unlock();
        }
    }

    long resends() {
        lock.lock();
        try {
            return commands.resends();
        } finally {
            lock.unlock();
        }
    }
}
