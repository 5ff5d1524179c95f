package org.bootctl.driver.rb2;

import com.fazecast.jSerialComm.SerialPort;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.device.DeviceFault;
import org.bootctl.api.device.Sample;
import org.bootctl.api.device.Valve;
import org.bootctl.driver.rb2.codec.FaultCode;
import org.bootctl.driver.rb2.codec.Frame;
import org.bootctl.driver.rb2.codec.FrameDecoder;
import org.bootctl.driver.rb2.codec.Message;
import org.bootctl.driver.rb2.codec.MessageFormatException;
import org.bootctl.driver.rb2.codec.NackReason;
import org.bootctl.driver.rb2.codec.SerialPorts;
import org.bootctl.serial.RepeatLimit;
import org.bootctl.serial.SerialConnection;

/**
 * One opening of a port, from the first byte to the close: a reader thread that decodes,
 * dispatches and watches for loss (the port gone, silence, a write that never returns), and a
 * writer (the link's manager thread, the only one that writes) that sends requests, the engine's
 * commands from a queue, and PINGs that keep the device's watchdog fed.
 *
 * <p>Loss is reported once, at once, from whichever thread sees it first: the link then takes the
 * device away from the engine before anything else happens.
 */
final class Rb2Session implements SerialConnection.Session {

    private static final System.Logger LOG = System.getLogger("org.bootctl.driver.rb2");

    /** A channel at or above this when the device is found is "pressurised": vented at once. */
    static final double PRESSURISED_MMHG = 5.0;
    /** NACKs of one reason, and repeats of one FAULT, are logged at most this often (the engine may send 50 a second into a latched fault). */
    private static final long NACK_LOG_INTERVAL_NANOS = 10_000_000_000L;

    private record Outgoing(Message message, CompletableFuture<Message> answer) {
    }

    /** Wakes the writer without sending anything. */
    private static final Outgoing WAKE = new Outgoing(null, null);

    private final String path;
    private final SerialPort port;
    private final Timing timing;
    private final Runnable onLost;
    private final Thread reader;
    private final FrameDecoder decoder = new FrameDecoder();
    private final LinkedBlockingDeque<Outgoing> outbox = new LinkedBlockingDeque<>();
    private final Map<Integer, CompletableFuture<Message>> answers = new ConcurrentHashMap<>();
    /** The type last sent with each seq, so that a NACK can name what it refused. */
    private final int[] sentTypes = new int[256];
    private final Stats stats;
    /** Frames of this opening that decoded but were not a message of BCP/2's shape. */
    private final AtomicLong malformedHere = new AtomicLong();

    /** Why the session ended, set once: reason and kind are seen together with the loss itself. */
    private record Loss(String reason, boolean unitAtFault) {
    }

    private final AtomicReference<Loss> lost = new AtomicReference<>();
    private volatile boolean portGone;
    private volatile boolean closing;
    /** Telemetry is the heartbeat: a streaming device sends it at 10 Hz at least, fault or not. */
    private volatile long lastTelemetryNanos = System.nanoTime();
    /** When the write in progress started, 0 when none is. */
    private volatile long writeStartedNanos;
    private volatile Message.Info info;
    private volatile DeviceDescription description;
    private volatile boolean streaming;
    private volatile BootConnection.Listener listener;
    private volatile long lastEngineCommandNanos;
    /** The JVM is exiting and the unit was vented: nothing may fill it again. Guarded by {@link #queueing}. */
    private boolean exiting;
    /** Held while the engine's calls check {@link #exiting} and queue, so that the check and the queueing are one step. */
    private final Object queueing = new Object();

    // the writer's own state (manager thread)
    private int nextSeq;
    private boolean watchdogArmed;
    /** The last ACTUATE runs the pump or keeps a channel's air in (CLOSED or FILL). */
    private boolean holdsAir;
    private long lastWriteNanos;

    // the reader's own state
    private boolean connectChecked;
    private int lastCount = -1;
    /** The latched fault last told to a listener, so that each is told once. */
    private DeviceFault told;
    private final RepeatLimit nackLogged = new RepeatLimit(NACK_LOG_INTERVAL_NANOS);
    /** FAULTs logged: each fault (code and channel) at most as often as a NACK reason, also when two alternate (A, B, A...). */
    private final RepeatLimit faultLogged = new RepeatLimit(NACK_LOG_INTERVAL_NANOS);
    private long faultFrames;

    /** Counters of one link, kept across openings. */
    static final class Stats {
        final AtomicLong nacks = new AtomicLong();
        final AtomicLong missedTelemetry = new AtomicLong();
        final AtomicLong malformed = new AtomicLong();
        final AtomicLong dropped = new AtomicLong();
        final AtomicLong ventsOnConnect = new AtomicLong();
    }

    Rb2Session(String path, SerialPort port, Timing timing, Stats stats, Runnable onLost) {
        this.path = path;
        this.port = port;
        this.timing = timing;
        this.stats = stats;
        this.onLost = onLost;
        this.reader = new Thread(this::readLoop, "bootctl-rb2-reader " + path);
        this.reader.setDaemon(true);
    }

    void start() {
        reader.start();
    }

    // ------------------------------------------------------------------ handshake (manager thread)

    /**
     * Sends a lone 0x00 (ending whatever half-frame the device holds), then HELLO until INFO answers.
     *
     * @return INFO; else the last answer to HELLO (a NACK), or null when none came in time
     */
    Message hello() {
        writeBytes(new byte[] {0});
        Message last = null;
        for (int attempt = 0; attempt < timing.helloTries() && !isLost(); attempt++) {
            Message answer = request(new Message.Hello(Message.VERSION));
            if (answer instanceof Message.Info found) {
                info = found;
                return found;
            }
            last = answer == null ? last : answer;
        }
        return last;
    }

    /** Frames of this opening that were dropped unread: broken on the line, or of no shape BCP/2 has. */
    long unreadable() {
        return decoder.stats().dropped() + malformedHere.get();
    }

    /** Samples are made from here on (a listener may still be missing). */
    void describe(DeviceDescription description) {
        this.description = description;
    }

    /** @return the device's answer to SET_RATE (ACK or NACK), or null when none came */
    Message setRate(int hz) {
        return request(new Message.SetRate(hz));
    }

    /** From now on silence (no telemetry) is loss. */
    void stream() {
        lastTelemetryNanos = System.nanoTime();
        streaming = true;
    }

    private Message request(Message message) {
        CompletableFuture<Message> answer = new CompletableFuture<>();
        write(message, answer);
        try {
            return answer.get(timing.answerMs(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    // ------------------------------------------------------------------ streaming (manager thread)

    /** Writes queued commands and watchdog feeds until the session is lost or {@link #lose} is called to stop it. */
    void serve() {
        while (!isLost()) {
            boolean feeding = watchdogArmed && engineAlive();
            long wait = feeding ? Math.max(1, timing.feedMs() - millisSince(lastWriteNanos)) : timing.feedMs();
            Outgoing next;
            try {
                next = outbox.poll(wait, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (next != null && next != WAKE) {
                write(next.message(), next.answer());
            } else if (feeding && millisSince(lastWriteNanos) >= timing.feedMs()) {
                write(new Message.Ping(), null);
            }
        }
    }

    /**
     * While the last command keeps air in the boots (pump on, or a channel not venting), feed the
     * watchdog only as long as the engine keeps commanding: if its loop stalls, or it gave up on
     * this driver (BootConnection's contract), the firmware's watchdog vents the device, as it
     * would if the host died.
     */
    private boolean engineAlive() {
        return !holdsAir || millisSince(lastEngineCommandNanos) < timing.engineStallMs();
    }

    /**
     * Ends the opening: VENT_ALL first when the device answered and the port is still there
     * (waiting a little for its ACK), then the port is closed and the reader has stopped.
     */
    void letGo() {
        if (info != null && !portGone && port.isOpen()) {
            CompletableFuture<Message> ack = new CompletableFuture<>();
            write(new Message.VentAll(), ack);
            try {
                ack.get(timing.letGoMs(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                LOG.log(Level.DEBUG, "port " + path + ": no ACK to the VENT_ALL sent when letting go");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closing = true;
        port.closePort();
        try {
            reader.join(2 * SerialPorts.READ_TIMEOUT_MS + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        answers.values().forEach(a -> a.complete(null));
        outbox.forEach(o -> {
            if (o.answer() != null) {
                o.answer().complete(null);
            }
        });
    }

    private void write(Message message, CompletableFuture<Message> answer) {
        int seq = nextSeq;
        nextSeq = (nextSeq + 1) % 0xFF; // 0..254, never 0xFF
        sentTypes[seq] = message.type();
        if (answer != null) {
            answers.put(seq, answer);
        }
        if (!writeBytes(message.frame(seq).encode())) {
            return;
        }
        switch (message.type()) {
            case Message.ACTUATE -> {
                watchdogArmed = true;
                holdsAir = holdsAir((Message.Actuate) message);
            }
            case Message.VENT_ALL -> {
                watchdogArmed = false;
                holdsAir = false;
            }
            default -> {
                // other frames feed the watchdog and change nothing else
            }
        }
    }

    private static boolean holdsAir(Message.Actuate actuate) {
        if (actuate.pump() > 0) {
            return true;
        }
        for (byte valve : actuate.valves()) {
            if (valve != Valve.VENT.ordinal()) {
                return true;
            }
        }
        return false;
    }

    private boolean writeBytes(byte[] bytes) {
        long start = System.nanoTime();
        writeStartedNanos = start | 1; // never 0 while writing
        int written = port.writeBytes(bytes, bytes.length);
        writeStartedNanos = 0;
        lastWriteNanos = System.nanoTime();
        if (written != bytes.length) {
            lose(written < 0 ? "the port is gone (unplugged?)" : "a write to the port failed", written < 0);
            return false;
        }
        return true;
    }

    // ------------------------------------------------------------------ commands (engine's thread, never blocking)

    @Override
    public void listen(BootConnection.Listener listener) {
        this.listener = listener;
    }

    void actuate(int pump, Valve[] valves) {
        lastEngineCommandNanos = System.nanoTime();
        synchronized (queueing) { // with ventForExit: no ACTUATE is queued behind the exit's VENT_ALL
            if (isLost() || exiting) {
                return;
            }
            outbox.removeIf(o -> o.message() instanceof Message.Actuate); // only the newest command matters
            outbox.offerLast(new Outgoing(Message.Actuate.of(pump, valves), null));
        }
    }

    /**
     * Ahead of anything queued; queued commands from before it are dropped, and so is a VENT_ALL still
     * waiting: one is enough, and a flood of stops while the port is stalled must not grow the queue.
     */
    @Override
    public void ventAll() {
        lastEngineCommandNanos = System.nanoTime();
        synchronized (queueing) {
            if (isLost()) {
                return;
            }
            outbox.removeIf(o -> o.message() instanceof Message.Actuate
                    || (o.message() instanceof Message.VentAll && o.answer() == null));
            outbox.offerFirst(new Outgoing(new Message.VentAll(), null));
        }
    }

    /** The JVM is exiting: VENT_ALL ahead of everything, and no ACTUATE after it; true on the unit's ACK. */
    @Override
    public CompletableFuture<Boolean> ventForExit() {
        CompletableFuture<Message> ack = new CompletableFuture<>();
        synchronized (queueing) {
            exiting = true;
            if (isLost()) {
                return CompletableFuture.completedFuture(false); // letting go vents it already
            }
            outbox.removeIf(o -> o.message() instanceof Message.Actuate);
            outbox.offerFirst(new Outgoing(new Message.VentAll(), ack));
        }
        return ack.thenApply(Message.Ack.class::isInstance);
    }

    /** A CLEAR_FAULT still waiting to be sent answers every request made meanwhile: the queue holds one at most. */
    @Override
    public CompletionStage<Boolean> clearFault() {
        if (isLost()) {
            return CompletableFuture.completedFuture(false);
        }
        CompletableFuture<Message> answer;
        synchronized (queueing) {
            answer = outbox.stream().filter(o -> o.message() instanceof Message.ClearFault).findFirst()
                    .map(Outgoing::answer).orElse(null);
            if (answer == null) {
                answer = new CompletableFuture<>();
                outbox.offerLast(new Outgoing(new Message.ClearFault(), answer));
            }
        }
        return answer.completeOnTimeout(null, timing.answerMs(), TimeUnit.MILLISECONDS)
                .thenApply(a -> {
                    if (a instanceof Message.Nack nack) {
                        LOG.log(Level.INFO, "port " + path + ": the device keeps its fault latched ("
                                + NackReason.nameOf(nack.reason()) + "): its cause persists");
                    }
                    return a instanceof Message.Ack;
                });
    }

    // ------------------------------------------------------------------ loss

    /** Reports loss once (or stops the session with a reason); the link takes the device away at once. */
    void lose(String reason, boolean gone) {
        lose(reason, gone, false);
    }

    /** @param atFault the unit talks, but not as its model must: opening the port again soon will not help */
    private void lose(String reason, boolean gone, boolean atFault) {
        portGone |= gone;
        if (!lost.compareAndSet(null, new Loss(reason, atFault))) {
            return;
        }
        answers.values().forEach(a -> a.complete(null));
        try {
            onLost.run();
        } finally {
            outbox.offerFirst(WAKE);
        }
    }

    /** Messages waiting to be written (tests). */
    int queued() {
        return outbox.size();
    }

    boolean isLost() {
        return lost.get() != null;
    }

    String lossReason() {
        Loss loss = lost.get();
        return loss == null ? null : loss.reason();
    }

    /** Whether the loss was the unit's own doing (telemetry of the wrong shape). */
    boolean unitAtFault() {
        Loss loss = lost.get();
        return loss != null && loss.unitAtFault();
    }

    FrameDecoder.Stats decoderStats() {
        return decoder.stats();
    }

    // ------------------------------------------------------------------ reader thread

    private void readLoop() {
        try {
            readFrames();
        } catch (Error e) {
            // the reader is what watches for silence: without it the unit would stay registered, unwatched, for good
            lose("the driver's reader failed: " + e, false);
            throw e;
        }
    }

    private void readFrames() {
        byte[] buffer = new byte[512];
        while (!closing) {
            int n = port.readBytes(buffer, buffer.length);
            if (n < 0) {
                if (!closing) {
                    lose("the port is gone (unplugged?)", true); // jSerialComm: -1 at once, every time, when the other end went away
                }
                return;
            }
            long droppedBefore = decoder.stats().dropped();
            List<Frame> frames = decoder.feed(buffer, 0, n);
            stats.dropped.addAndGet(decoder.stats().dropped() - droppedBefore);
            for (Frame frame : frames) {
                try {
                    dispatch(frame);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "port " + path + ": handling " + frame + " failed", e);
                }
            }
            watch();
        }
    }

    private void watch() {
        if (streaming && millisSince(lastTelemetryNanos) > timing.silenceMs()) {
            lose("silent for more than " + timing.silenceMs() + " ms (no telemetry)", false);
        }
        long writing = writeStartedNanos;
        if (writing != 0 && millisSince(writing) > timing.stuckWriteMs()) {
            lose("the device takes no data (a write has not returned for " + timing.stuckWriteMs() + " ms)", true);
            port.closePort(); // unblocks the write
        }
    }

    private void dispatch(Frame frame) {
        Message message;
        try {
            message = Message.decode(frame);
        } catch (MessageFormatException e) {
            stats.malformed.incrementAndGet();
            malformedHere.incrementAndGet();
            LOG.log(Level.DEBUG, "port " + path + ": dropped a frame: " + e.getMessage());
            return;
        }
        if (message instanceof Message.Info && frame.seq() == Frame.UNSOLICITED) {
            restarted();
        } else if (message instanceof Message.Telemetry t) {
            telemetry(t);
        } else if (message instanceof Message.Fault f) {
            fault(f.code(), f.channel());
        } else if (message instanceof Message.Nack n) {
            nack(frame.seq(), n);
        } else if (!(message instanceof Message.Pong)) { // a PONG only answers a watchdog feed
            answer(frame.seq(), message);
        }
    }

    private void answer(int seq, Message message) {
        CompletableFuture<Message> waiting = answers.remove(seq);
        if (waiting != null) {
            waiting.complete(message);
        } else if (!(message instanceof Message.Ack)) {
            stats.malformed.incrementAndGet();
            LOG.log(Level.DEBUG, "port " + path + ": unexpected " + message + " (seq " + seq + ")");
        }
    }

    private void restarted() {
        if (info == null) {
            return; // a reset before our HELLO was answered: the HELLO retry covers it
        }
        LOG.log(Level.WARNING, "port " + path + ": the device restarted (INFO after a reset)");
        BootConnection.Listener current = listener;
        if (current != null) {
            current.deviceFault(new DeviceFault(DeviceFault.Kind.RESTARTED, -1,
                    "INFO with seq 0xFF on " + path + ": the device was reset or lost power"));
        }
        lose("the device restarted", false);
    }

    private void nack(int seq, Message.Nack nack) {
        long count = stats.nacks.incrementAndGet();
        long now = System.nanoTime();
        if (nackLogged.allows(nack.reason(), now)) {
            LOG.log(Level.WARNING, "port " + path + ": the device refused " + Message.typeName(sentTypes[seq])
                    + " (seq " + seq + "): " + NackReason.nameOf(nack.reason()) + " (" + count + " NACKs so far)");
        }
        CompletableFuture<Message> waiting = answers.remove(seq);
        if (waiting != null) {
            waiting.complete(nack);
        }
    }

    private void telemetry(Message.Telemetry t) {
        DeviceDescription device = description;
        if (device == null || isLost()) {
            return; // INFO not checked yet, or the engine has let go
        }
        if (t.channels() != device.channelCount()) {
            // no sign of life: a unit whose telemetry the engine cannot use is not served
            stats.malformed.incrementAndGet();
            lose("the unit sends telemetry for " + t.channels() + " channels, its model " + device.model() + " has "
                    + device.channelCount() + ": no sample of it can be used, so it is not served"
                    + " (check that the unit's firmware belongs to its model)", false, true);
            return;
        }
        if (lastCount >= 0) {
            int gap = (t.count() - lastCount - 1) & 0xFFFF;
            if (gap > 0 && gap < 0x8000) {
                stats.missedTelemetry.addAndGet(gap);
            }
        }
        lastCount = t.count();
        lastTelemetryNanos = System.nanoTime();
        double[] pressures = new double[t.channels()];
        for (int i = 0; i < pressures.length; i++) {
            pressures[i] = t.pressure(i);
        }
        if (!connectChecked) {
            connectChecked = true;
            checkOnConnect(device, t, pressures);
        }
        DeviceFault latched = t.faultCode() != 0 || t.has(Message.STATUS_FAULT)
                ? deviceFault(device, t.faultCode(), t.faultChannel()) : null;
        BootConnection.Listener current = listener;
        if (current == null) {
            return;
        }
        if (latched == null) {
            told = null;
        } else if (!latched.equals(told)) {
            told = latched;
            current.deviceFault(latched);
        }
        current.sample(new Sample(t.uptimeMs(), pressures, latched, t.count(), t.pump(), appliedValves(t)));
    }

    /** The valves as the unit reports them applied; a value outside the protocol reads as VENT, what a unit falls back to. */
    private static Valve[] appliedValves(Message.Telemetry t) {
        Valve[] valves = new Valve[t.channels()];
        for (int c = 0; c < valves.length; c++) {
            int v = t.valve(c);
            valves[c] = v < Valve.values().length ? Valve.values()[v] : Valve.VENT;
        }
        return valves;
    }

    /** docs/DESIGN.md "on connect": a device found pressurised or faulted is vented at once (the engine sees it too). */
    private void checkOnConnect(DeviceDescription device, Message.Telemetry t, double[] pressures) {
        int highest = 0;
        for (int i = 1; i < pressures.length; i++) {
            highest = pressures[i] > pressures[highest] ? i : highest;
        }
        boolean pressurised = pressures[highest] >= PRESSURISED_MMHG;
        boolean faulted = t.has(Message.STATUS_FAULT) || t.faultCode() != 0;
        if (pressurised || faulted) {
            stats.ventsOnConnect.incrementAndGet();
            LOG.log(Level.WARNING, "port " + path + ": " + device.model() + " found "
                    + (pressurised ? "pressurised (" + String.format(java.util.Locale.ROOT, "%.1f", pressures[highest])
                    + " mmHg in " + device.describe(highest) + ")" : "")
                    + (pressurised && faulted ? " and " : "")
                    + (faulted ? "with fault " + FaultCode.nameOf(t.faultCode()) + " latched" : "") + ": venting it");
            ventAll();
        }
    }

    private void fault(int code, int channel) {
        DeviceDescription device = description;
        if (device == null || isLost()) {
            return;
        }
        DeviceFault fault = deviceFault(device, code, channel);
        long count = ++faultFrames;
        long now = System.nanoTime();
        if (faultLogged.allows(fault, now)) { // a unit may repeat FAULT, or alternate two; the listener is told as before
            LOG.log(Level.WARNING, "port " + path + ": " + device.model() + " reports " + fault.detail()
                    + " (" + count + " FAULT frames so far)");
        }
        BootConnection.Listener current = listener;
        if (current != null && !fault.equals(told)) {
            told = fault;
            current.deviceFault(fault);
        }
    }

    private static DeviceFault deviceFault(DeviceDescription device, int code, int channel) {
        int index = channel < device.channelCount() ? channel : -1;
        return new DeviceFault(FaultCode.kindOf(code), index, "firmware fault " + FaultCode.nameOf(code)
                + (index >= 0 ? " in " + device.describe(index) : ""));
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000L;
    }
}
