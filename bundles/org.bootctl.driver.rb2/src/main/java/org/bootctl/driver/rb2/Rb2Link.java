package org.bootctl.driver.rb2;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.device.ModelDescription;
import org.bootctl.driver.rb2.codec.FrameDecoder;
import org.bootctl.driver.rb2.codec.Message;
import org.bootctl.driver.rb2.codec.NackReason;
import org.bootctl.driver.rb2.codec.SerialPorts;

/**
 * The life of one configured port, on a manager thread of its own: open, handshake (HELLO, INFO
 * checked against the model catalogue, SET_RATE), register a {@link BootConnection}, stream, and
 * on loss unregister at once, vent if the port still answers, close, and open again after a
 * back-off of 1 s doubling to 10 s. {@link #start()} and {@link #stop()} never block.
 */
public final class Rb2Link {

    private static final System.Logger LOG = System.getLogger("org.bootctl.driver.rb2");

    /** Service property naming the port a connection came from. */
    public static final String PORT_PROPERTY = "bootctl.port";

    /** Where the link is; CLOSING: the device was taken from the engine and is being vented and let go. */
    public enum State { STARTING, OPENING, HANDSHAKE, CONNECTED, CLOSING, WAITING, STOPPED }

    private final PortSettings settings;
    private final Registrar registrar;
    private final Thread manager;
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final Rb2Session.Stats stats = new Rb2Session.Stats();
    private final AtomicLong connects = new AtomicLong();
    private final AtomicLong losses = new AtomicLong();

    private volatile boolean stopping;
    private volatile State state = State.STARTING;
    private volatile String lastError;
    private volatile Rb2Session session;
    /** Guarded by this. */
    private Registrar.Registration registration;

    public Rb2Link(PortSettings settings, Registrar registrar) {
        this.settings = settings;
        this.registrar = registrar;
        this.manager = new Thread(this::run, "bootctl-rb2 " + settings.port());
        // not a daemon: a JVM that ends normally lets it vent the device and close the port first
        this.manager.setDaemon(false);
    }

    public void start() {
        manager.start();
    }

    /** Takes the device from the engine now; venting and closing follow on the manager thread. */
    public void stop() {
        stopping = true;
        unregister();
        Rb2Session current = session;
        if (current != null) {
            current.lose("stopped", false);
        }
        stopSignal.countDown();
    }

    /** Waits for the manager thread to finish after {@link #stop()} (tests). */
    public boolean awaitStopped(long millis) throws InterruptedException {
        manager.join(millis);
        return !manager.isAlive();
    }

    public State state() {
        return state;
    }

    /** The last reason the port could not be used, or null while connected. */
    public String lastError() {
        return lastError;
    }

    public PortSettings settings() {
        return settings;
    }

    /** What this link counted, across openings. */
    public record Counters(long connects, long losses, long nacks, long framesDropped, long malformed,
                           long missedTelemetry, long ventsOnConnect) {
    }

    public Counters counters() {
        return new Counters(connects.get(), losses.get(), stats.nacks.get(), stats.dropped.get(),
                stats.malformed.get(), stats.missedTelemetry.get(), stats.ventsOnConnect.get());
    }

    /** The current opening's decoder counters, or null when the port is closed. */
    FrameDecoder.Stats decoderStats() {
        Rb2Session current = session;
        return current == null ? null : current.decoderStats();
    }

    private void run() {
        ExitVent.add(this);
        try {
            serveWithBackoff();
        } finally {
            ExitVent.remove(this);
            state = State.STOPPED;
        }
    }

    private void serveWithBackoff() {
        long backoff = settings.timing().firstBackoffMs();
        while (!stopping) {
            if (connectOnce()) {
                backoff = settings.timing().firstBackoffMs(); // it was up: a replug is tried again soon
            }
            if (stopping) {
                break;
            }
            state = State.WAITING;
            try {
                stopSignal.await(backoff, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            backoff = Math.min(backoff * 2, settings.timing().maxBackoffMs());
        }
    }

    /**
     * The JVM is exiting: VENT_ALL ahead of everything, and no ACTUATE after it.
     *
     * @return completes with true on the unit's ACK; false when none is connected or no ACK came
     */
    CompletableFuture<Boolean> ventForExit() {
        Rb2Session current = session;
        return current == null ? CompletableFuture.completedFuture(false) : current.ventForExit();
    }

    /** One opening of the port, to its close. @return whether the device was registered */
    private boolean connectOnce() {
        state = State.OPENING;
        SerialPort port;
        try {
            port = SerialPorts.open(settings.port());
        } catch (IOException e) {
            failed(e.getMessage());
            return false;
        }
        Rb2Session opened = new Rb2Session(settings.port(), port, settings.timing(), stats, this::lost);
        session = opened;
        boolean registered = false;
        try {
            if (stopping) {
                return false;
            }
            opened.start();
            state = State.HANDSHAKE;
            DeviceDescription description = handshake(opened);
            registered = register(opened, description);
            if (!registered) {
                return false;
            }
            state = State.CONNECTED;
            lastError = null;
            connects.incrementAndGet();
            LOG.log(Level.INFO, "port " + settings.port() + ": " + description.model() + " serial " + description.serial()
                    + " (firmware " + description.firmware() + ") connected as " + description.id());
            opened.serve();
            if (!stopping) {
                losses.incrementAndGet();
                failed("port " + settings.port() + ": lost " + description.id() + ": " + opened.lossReason());
            }
            return true;
        } catch (HandshakeException e) {
            if (!stopping) {
                failed(opened.isLost() ? "port " + settings.port() + ": " + opened.lossReason() + " during the handshake"
                        : e.getMessage());
            }
            return registered;
        } finally {
            unregister();
            state = State.CLOSING;
            opened.lose("let go", false);
            opened.letGo();
            session = null;
        }
    }

    private DeviceDescription handshake(Rb2Session opened) throws HandshakeException {
        String port = settings.port();
        Message.Info info = opened.hello();
        if (info == null) {
            throw new HandshakeException("port " + port + ": no INFO in answer to HELLO within "
                    + settings.timing().answerMs() + " ms (" + settings.timing().helloTries()
                    + " tries): is an RB2 boot on this port?");
        }
        DeviceDescription description = describe(info);
        opened.describe(description);
        Message rate = opened.setRate(settings.rateHz());
        if (rate instanceof Message.Nack nack) {
            throw new HandshakeException("port " + port + ": the device refused " + settings.rateHz() + " Hz ("
                    + NackReason.nameOf(nack.reason()) + ")");
        }
        if (!(rate instanceof Message.Ack)) {
            throw new HandshakeException("port " + port + ": no answer to SET_RATE within " + settings.timing().answerMs() + " ms");
        }
        opened.stream();
        return description;
    }

    /**
     * INFO checked against the settings and the model catalogue. Where the two disagree on a
     * limit, the lower holds.
     */
    DeviceDescription describe(Message.Info info) throws HandshakeException {
        String port = settings.port();
        if (info.version() != Message.VERSION) {
            throw new HandshakeException("port " + port + ": the device speaks BCP version " + info.version()
                    + ", this driver speaks " + Message.VERSION);
        }
        if (!settings.autoModel() && !settings.expectedModel().equalsIgnoreCase(info.model())) {
            throw new HandshakeException("port " + port + ": expected " + settings.expectedModel()
                    + " but the device says " + info.model());
        }
        ModelDescription spec = Rb2Models.find(info.model())
                .orElseThrow(() -> new HandshakeException("port " + port + ": the device says it is '" + info.model()
                        + "', which is not an RB2 model bootctl knows (" + PortSettings.rb2Models() + ")"));
        if (info.limbs() != spec.limbs() || info.zones() != spec.zones()) {
            throw new HandshakeException("port " + port + ": the device says " + info.model() + " with " + info.limbs()
                    + " x " + info.zones() + " zones, but an " + spec.model() + " has " + spec.limbs() + " x " + spec.zones());
        }
        return DeviceDescription.builder(settings.deviceId()).model(spec)
                .hardLimitMmHg(Math.min(info.maxMmHg(), spec.hardLimitMmHg()))
                .sensorFullScaleMmHg(Math.min(info.sensorFullScaleMmHg(), spec.sensorFullScaleMmHg()))
                .serial(info.serial()).firmware(info.firmware()).sampleRateHz(settings.rateHz()).build();
    }

    private synchronized boolean register(Rb2Session opened, DeviceDescription description) {
        if (stopping || opened.isLost()) {
            return false;
        }
        registration = registrar.register(new Rb2Connection(description, opened), Map.of(
                BootConnection.DEVICE_ID, description.id(),
                PORT_PROPERTY, settings.port()));
        return true;
    }

    /** Called by the session, from whichever thread saw the loss first. */
    private void lost() {
        unregister();
        state = State.CLOSING;
    }

    private synchronized void unregister() {
        Registrar.Registration current = registration;
        registration = null;
        if (current != null) {
            try {
                current.unregister();
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, "port " + settings.port() + ": unregistering failed: " + e);
            }
        }
    }

    /** Logs a reason once (repeats go to DEBUG: a missing port is retried every 10 s). */
    private void failed(String message) {
        LOG.log(message.equals(lastError) ? Level.DEBUG : Level.WARNING, message);
        lastError = message;
    }

    /** The device on the port is not one this link may register. */
    static final class HandshakeException extends Exception {
        private static final long serialVersionUID = 1L;

        HandshakeException(String message) {
            super(message);
        }
    }
}
