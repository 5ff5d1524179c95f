package org.bootctl.driver.rb1;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.driver.rb1.line.SerialLink;

/**
 * One configured RB1 port, kept connected: a manager thread opens the port, shakes hands,
 * registers the unit, serves it, and on any loss unregisters it at once, closes the port and
 * tries again with a backoff of 1 s doubling to 10 s — so a replugged boot comes back by itself.
 * {@link #start()} and {@link #stop()} never block on the port.
 */
final class Rb1Driver {

    static final long FIRST_BACKOFF_MS = 1000;
    static final long MAX_BACKOFF_MS = 10_000;
    /** Service property beside the device id: the serial port the unit is on (as the RB2 driver names it). */
    static final String PORT = "bootctl.port";
    private static final System.Logger LOG = System.getLogger(Rb1Driver.class.getName());

    private final DriverSettings settings;
    private final Registrar registrar;
    private final Object lock = new Object();
    private final Thread manager;
    private final AtomicInteger attempts = new AtomicInteger();
    // guarded by lock
    private boolean stopping;
    private Registrar.Registration registration;
    private Rb1Session session;
    private volatile String lastError;
    private volatile boolean portOpen;

    Rb1Driver(DriverSettings settings, Registrar registrar) {
        this.settings = settings;
        this.registrar = registrar;
        // not a daemon: a JVM that ends normally lets it vent and close the port (it ends soon after stop())
        this.manager = new Thread(this::run, "rb1 " + settings.port());
    }

    void start() {
        manager.start();
    }

    /** Takes the unit back from the engine now; the manager vents it and closes the port on its own thread. */
    void stop() {
        Rb1Session serving;
        synchronized (lock) {
            stopping = true;
            unregister();
            serving = session;
            lock.notifyAll();
        }
        if (serving != null) {
            serving.stop();
        }
    }

    /** For tests and shutdown: waits until the manager thread has let go of the port. */
    boolean awaitStopped(long millis) throws InterruptedException {
        manager.join(millis);
        return !manager.isAlive();
    }

    /** Why the last attempt failed, or null while connected. */
    String lastError() {
        return lastError;
    }

    /** Whether the manager holds the port open right now. */
    boolean portOpen() {
        return portOpen;
    }

    /** Attempts to open the port so far. */
    int attempts() {
        return attempts.get();
    }

    String port() {
        return settings.port();
    }

    /**
     * The JVM is exiting: {@code VENT} at once, and no setpoint after it ({@link ExitVent}).
     *
     * @return completes with true on the unit's OK; false when none is connected
     */
    CompletableFuture<Boolean> ventForExit() {
        Rb1Session serving;
        synchronized (lock) {
            serving = session;
        }
        return serving == null ? CompletableFuture.completedFuture(false) : serving.ventForExit();
    }

    private void run() {
        ExitVent.add(this);
        try {
            connectWithBackoff();
        } finally {
            ExitVent.remove(this);
        }
    }

    private void connectWithBackoff() {
        long backoff = FIRST_BACKOFF_MS;
        while (!isStopping()) {
            if (connectAndServe()) {
                backoff = FIRST_BACKOFF_MS;
            }
            synchronized (lock) {
                long until = System.currentTimeMillis() + backoff;
                for (long left = backoff; !stopping && left > 0; left = until - System.currentTimeMillis()) {
                    try {
                        lock.wait(left);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
            backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
        }
    }

    /** One life of a connection; true when the unit was registered. */
    private boolean connectAndServe() {
        attempts.incrementAndGet();
        Rb1Session fresh = new Rb1Session(settings);
        SerialLink link = null;
        boolean registered = false;
        try {
            link = SerialLink.open(settings.port(), fresh, "rb1-reader " + settings.port());
            portOpen = true;
            fresh.attach(link::write);
            synchronized (lock) {
                if (stopping) {
                    return false;
                }
                session = fresh;
            }
            DeviceDescription description = fresh.handshake();
            synchronized (lock) {
                if (!stopping) {
                    registration = registrar.register(new Rb1Connection(description, fresh), Map.of(
                            BootConnection.DEVICE_ID, description.id(),
                            PORT, settings.port()));
                    registered = true;
                }
            }
            if (registered) {
                lastError = null;
                LOG.log(Level.INFO, description.model() + " " + description.serial() + " on " + settings.port()
                        + " connected as " + description.id());
                fresh.serve();
            }
            unregisterNow();
            fresh.letGo();
        } catch (IOException e) {
            failed(e.getMessage());
        } catch (Rb1Session.Refused e) {
            unregisterNow(); // a failed handshake after a reset: the unit is no longer the one registered
            failed(e.getMessage());
        } catch (Rb1Session.Lost e) {
            unregisterNow(); // first: the engine faults the session while the port closes
            if (link != null && !link.isLost()) {
                link.write(CommandScheduler.VENT); // silent, yet maybe still listening: one VENT costs nothing
            }
            failed(e.getMessage());
        } catch (RuntimeException e) {
            unregisterNow();
            LOG.log(Level.ERROR, "RB1 on " + settings.port() + ": unexpected failure", e);
            failed(e.toString());
        } finally {
            unregisterNow();
            synchronized (lock) {
                session = null;
            }
            if (link != null) {
                link.close();
                portOpen = false;
            }
        }
        return registered;
    }

    private void failed(String why) {
        if (!why.equals(lastError) && !isStopping()) {
            LOG.log(Level.WARNING, why + "; trying again");
        }
        lastError = why;
    }

    private void unregisterNow() {
        synchronized (lock) {
            unregister();
        }
    }

    /** Under the lock. */
    private void unregister() {
        if (registration != null) {
            Registrar.Registration taken = registration;
            registration = null;
            try {
                taken.unregister();
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, "unregistering RB1 on " + settings.port() + ": " + e);
            }
        }
    }

    private boolean isStopping() {
        synchronized (lock) {
            return stopping;
        }
    }
}
