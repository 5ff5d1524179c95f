package org.bootctl.driver.rb1;

import com.fazecast.jSerialComm.SerialPort;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Vents every connected RB1 unit when the JVM exits (SIGTERM, Ctrl-C), before jSerialComm's own
 * shutdown hook closes every port: JVM shutdown hooks run in no fixed order, so the launcher's
 * orderly stop may reach the driver after its port is closed, but hooks given to
 * {@link SerialPort#addShutdownHook} run first. Bounded: it waits half a second at most. (The RB2
 * driver does the same; see docs/DRIVERS.md, life-cycle rule 3.)
 *
 * <p>jSerialComm keeps the hook for the life of the JVM: after the bundle is updated, the old
 * hook stays registered with nothing left to vent.
 */
final class ExitVent {

    private static final System.Logger LOG = System.getLogger(ExitVent.class.getName());
    static final long WAIT_MS = 500;

    private static final Set<Rb1Driver> LIVE = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean HOOKED = new AtomicBoolean();

    private ExitVent() {
    }

    static void add(Rb1Driver driver) {
        if (HOOKED.compareAndSet(false, true)) {
            SerialPort.addShutdownHook(new Thread(ExitVent::ventAll, "bootctl-rb1-vent-at-exit"));
        }
        LIVE.add(driver);
    }

    static void remove(Rb1Driver driver) {
        LIVE.remove(driver);
    }

    private static void ventAll() {
        List<CompletableFuture<Boolean>> oks = LIVE.stream().map(Rb1Driver::ventForExit).toList();
        try {
            CompletableFuture.allOf(oks.toArray(CompletableFuture[]::new)).get(WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.log(Level.WARNING, "vent at exit: not every RB1 unit answered VENT in " + WAIT_MS + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long vented = oks.stream().filter(ok -> ok.getNow(false)).count();
        if (!oks.isEmpty()) {
            LOG.log(Level.INFO, "vent at exit: " + vented + " of " + oks.size() + " RB1 port(s) answered VENT");
        }
    }
}
