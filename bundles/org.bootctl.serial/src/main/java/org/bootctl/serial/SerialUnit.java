package org.bootctl.serial;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.device.DeviceDescription;

/**
 * The life of one configured serial port, on a manager thread of its own: open, shake hands,
 * register a {@link BootConnection}, serve, and on loss unregister at once, let the unit go (vent
 * it if the port still answers), close, and open again after a back-off that doubles up to a
 * bound (and starts again from the first after a unit that was served well, not after a
 * {@linkplain Failure#unitAtFault() unit at fault}). {@link #start()} and {@link #stop()} never block. This is the same for every serial
 * driver; a driver supplies only its protocol: how to {@link #open} the port into an
 * {@link Opening} (its handshake, session and letting go) and what to log.
 *
 * @param <O> the protocol's opening
 */
public abstract class SerialUnit<O extends SerialUnit.Opening<?>> {

    /** Service property beside the device id: the serial port the unit is on. */
    public static final String PORT_PROPERTY = "bootctl.port";

    /**
     * The device id a port gets when none is configured: {@code /dev/ttyUSB0} becomes
     * {@code rb2-ttyUSB0} for the prefix {@code rb2}.
     */
    public static String defaultDeviceId(String prefix, String port) {
        if (port == null || port.isBlank()) {
            return prefix;
        }
        String name = port.trim().replaceAll(".*[/\\\\]", "");
        return prefix + "-" + (name.isEmpty() ? "port" : name.replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    /** A configured device id, trimmed; blank: the {@linkplain #defaultDeviceId default} for the prefix and port. */
    public static String deviceId(String prefix, String port, String id) {
        return id == null || id.isBlank() ? defaultDeviceId(prefix, port) : id.trim();
    }

    /** A configured model, trimmed; blank: {@value PortConfig#AUTO}. */
    public static String expectedModel(String model) {
        return model == null || model.isBlank() ? PortConfig.AUTO : model.trim();
    }

    /** Where the port is; CLOSING: the device was taken from the engine and is being let go. */
    public enum State { STARTING, OPENING, HANDSHAKE, CONNECTED, CLOSING, WAITING, STOPPED }

    /** One serial protocol, held once per driver: its name in thread names and logs, its logger, its vent at exit. */
    public static final class Kind {
        final String name;
        final System.Logger log;
        final ExitVent exitVent;

        /**
         * @param name     e.g. {@code RB2}
         * @param answered what a unit vented at JVM exit did, e.g. {@code acknowledged VENT_ALL}
         * @param log      the driver's logger
         */
        public Kind(String name, String answered, System.Logger log) {
            this.name = name;
            this.log = log;
            this.exitVent = new ExitVent(name, answered, log);
        }
    }

    /**
     * One opening of the port, from open to close: the protocol's session on it.
     *
     * @param <S> the protocol's session
     */
    public abstract static class Opening<S extends SerialConnection.Session> {
        protected final S session;

        protected Opening(S session) {
            this.session = session;
        }

        public final S session() {
            return session;
        }

        /** Who the unit is, once it answered as it must. */
        protected abstract DeviceDescription handshake() throws Failure;

        /** The engine's view of the unit, registered while it is served. */
        protected abstract BootConnection connection(DeviceDescription description);

        /** Serves the unit; returns once {@link #end()} was called, throws when it was lost. */
        protected abstract void serve() throws Failure;

        /** Any thread: {@link #serve()} returns soon. */
        protected abstract void end();

        /** Whether the unit is already known to be gone. */
        protected abstract boolean isLost();

        /** Vents the unit if the port still answers, then closes the port. Always called, once. */
        protected abstract void letGo();
    }

    /** Why the unit on the port cannot be used (now): a text a person can act on, naming the port. */
    public static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean unitAtFault;

        public Failure(String message) {
            this(message, false);
        }

        /**
         * @param unitAtFault the unit talks, but not as its model must (samples of another shape,
         *                    no answer to commands): opening the port again soon will not cure it,
         *                    so the back-off goes on growing even after the unit was registered
         */
        public Failure(String message, boolean unitAtFault) {
            super(message);
            this.unitAtFault = unitAtFault;
        }

        public boolean unitAtFault() {
            return unitAtFault;
        }
    }

    private final Kind kind;
    private final String port;
    private final Registrar registrar;
    private final long firstBackoffMs;
    private final long maxBackoffMs;
    private final System.Logger log;
    private final Thread manager;
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicLong connects = new AtomicLong();
    private final AtomicLong losses = new AtomicLong();

    private volatile boolean stopping;
    private volatile State state = State.STARTING;
    private volatile String lastError;
    private volatile long backoffMs;
    private volatile boolean portOpen;
    private final Object lock = new Object();
    /** Set under the lock, with {@link #registration}; volatile for the exit vent's read. */
    private volatile O opening;
    /** Guarded by lock. */
    private Registrar.Registration registration;

    protected SerialUnit(Kind kind, String port, Registrar registrar, long firstBackoffMs, long maxBackoffMs) {
        this.kind = kind;
        this.port = port;
        this.registrar = registrar;
        this.firstBackoffMs = firstBackoffMs;
        this.maxBackoffMs = maxBackoffMs;
        this.log = kind.log;
        this.manager = new Thread(this::run, "bootctl-" + kind.name.toLowerCase(Locale.ROOT) + " " + port);
        // not a daemon: a JVM that ends normally lets it vent the device and close the port first
        this.manager.setDaemon(false);
    }

    /**
     * Opens the port and a session on it: the protocol's part.
     *
     * @param lost for the session to call from any thread, once, when it sees the unit is gone
     * @throws IOException naming the port and why it did not open
     */
    protected abstract O open(String port, Runnable lost) throws IOException;

    /** The log line for a unit now registered. */
    protected abstract String connected(DeviceDescription description);

    /** The warning logged for a reason the port could not be used. */
    protected String warning(String reason) {
        return reason;
    }

    public final void start() {
        manager.start();
    }

    /** Takes the device from the engine now; venting and closing follow on the manager thread. */
    public final void stop() {
        O current;
        synchronized (lock) {
            stopping = true;
            unregister();
            current = opening;
        }
        if (current != null) {
            current.end();
        }
        stopSignal.countDown();
    }

    /** Waits for the manager thread to finish after {@link #stop()}. */
    public final boolean awaitStopped(long millis) throws InterruptedException {
        manager.join(millis);
        return !manager.isAlive();
    }

    public final String port() {
        return port;
    }

    public final State state() {
        return state;
    }

    /** The last reason the port could not be used, or null while connected. */
    public final String lastError() {
        return lastError;
    }

    /** Whether the manager holds the port open right now. */
    public final boolean portOpen() {
        return portOpen;
    }

    /** Attempts to open the port so far. */
    public final long attempts() {
        return attempts.get();
    }

    /** Times a unit was registered. */
    public final long connects() {
        return connects.get();
    }

    /** The wait before the port is opened again, the last time the manager waited. */
    public final long backoffMs() {
        return backoffMs;
    }

    /** Times a registered unit was lost (not counting stops). */
    public final long losses() {
        return losses.get();
    }

    /** The current opening, or null when the port is closed. */
    public final O opening() {
        return opening;
    }

    /** @return completes with true when the unit confirmed the vent; false when none is connected */
    CompletableFuture<Boolean> ventForExit() {
        O current = opening;
        return current == null ? CompletableFuture.completedFuture(false) : current.session().ventForExit();
    }

    private void run() {
        kind.exitVent.add(this);
        try {
            serveWithBackoff();
        } finally {
            kind.exitVent.remove(this);
            state = State.STOPPED;
        }
    }

    private void serveWithBackoff() {
        long backoff = firstBackoffMs;
        while (!stopping) {
            if (connectOnce()) {
                backoff = firstBackoffMs; // it was up: a replug is tried again soon
            }
            if (stopping) {
                break;
            }
            state = State.WAITING;
            backoffMs = backoff;
            try {
                stopSignal.await(backoff, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            backoff = Math.min(backoff * 2, maxBackoffMs);
        }
    }

    /**
     * One opening of the port, to its close.
     *
     * @return whether the device was registered and served as it should: then a replug is tried
     *         again soon; not after a unit at fault, which would be registered and dropped again and again
     */
    private boolean connectOnce() {
        state = State.OPENING;
        attempts.incrementAndGet();
        O opened;
        try {
            opened = open(port, this::lost);
        } catch (IOException e) {
            failed(e.getMessage());
            return false;
        }
        portOpen = true;
        boolean registered = false;
        try {
            synchronized (lock) {
                if (stopping) {
                    return false;
                }
                opening = opened;
            }
            state = State.HANDSHAKE;
            DeviceDescription description = opened.handshake();
            registered = register(opened, description);
            if (!registered) {
                return false;
            }
            state = State.CONNECTED;
            lastError = null;
            connects.incrementAndGet();
            log.log(Level.INFO, connected(description));
            opened.serve();
            return true;
        } catch (Failure e) {
            unregister(); // first: the engine faults the session while the port closes
            if (registered && !stopping) {
                losses.incrementAndGet();
            }
            failed(e.getMessage());
            return registered && !e.unitAtFault();
        } catch (RuntimeException e) {
            unregister();
            log.log(Level.ERROR, kind.name + " on " + port + ": unexpected failure", e);
            failed(e.toString());
            return registered;
        } finally {
            unregister();
            state = State.CLOSING;
            opened.letGo();
            synchronized (lock) {
                opening = null;
            }
            portOpen = false;
        }
    }

    private boolean register(O opened, DeviceDescription description) {
        synchronized (lock) {
            if (stopping || opened.isLost()) {
                return false;
            }
            registration = registrar.register(opened.connection(description), Map.of(
                    BootConnection.DEVICE_ID, description.id(),
                    PORT_PROPERTY, port));
            return true;
        }
    }

    /** Called by the opening, from whichever thread saw the loss first. */
    private void lost() {
        unregister();
        state = State.CLOSING;
    }

    private void unregister() {
        synchronized (lock) {
            Registrar.Registration current = registration;
            registration = null;
            if (current != null) {
                try {
                    current.unregister();
                } catch (RuntimeException e) {
                    log.log(Level.DEBUG, "port " + port + ": unregistering failed: " + e);
                }
            }
        }
    }

    /** Logs a reason once (repeats go to DEBUG: a missing port is retried every 10 s); quiet while stopping. */
    private void failed(String reason) {
        if (stopping) {
            return;
        }
        log.log(reason.equals(lastError) ? Level.DEBUG : Level.WARNING, warning(reason));
        lastError = reason;
    }
}
