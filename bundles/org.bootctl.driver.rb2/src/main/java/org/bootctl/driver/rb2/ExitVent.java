package org.bootctl.driver.rb2;

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
 * Vents every connected RB2 unit when the JVM exits (SIGTERM, Ctrl-C), before jSerialComm's own
 * shutdown hook closes every port: JVM shutdown hooks run in no fixed order, so the launcher's
 * orderly stop may come too late for the ports, but hooks given to
 * {@link SerialPort#addShutdownHook} run first. Bounded: it waits half a second at most.
 *
 * <p>jSerialComm keeps the hook for the life of the JVM: after the bundle is updated, the old
 * hook stays registered with nothing left to vent.
 */
final class ExitVent {

    private static final System.Logger LOG = System.getLogger("org.bootctl.driver.rb2");
    static final long WAIT_MS = 500;

    private static final Set<Rb2Link> LIVE = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean HOOKED = new AtomicBoolean();

    private ExitVent() {
    }

    static void add(Rb2Link link) {
        if (HOOKED.compareAndSet(false, true)) {
            SerialPort.addShutdownHook(new Thread(ExitVent::ventAll, "bootctl-rb2-vent-at-exit"));
        }
        LIVE.add(link);
    }

    static void remove(Rb2Link link) {
        LIVE.remove(link);
    }

    private static void ventAll() {
        List<CompletableFuture<Boolean>> acks = LIVE.stream().map(Rb2Link::ventForExit).toList();
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.log(Level.WARNING, "vent at exit: not every RB2 unit acknowledged VENT_ALL in " + WAIT_MS + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long vented = acks.stream().filter(a -> a.getNow(false)).count();
        if (!acks.isEmpty()) {
            LOG.log(Level.INFO, "vent at exit: " + vented + " of " + acks.size() + " RB2 port(s) acknowledged VENT_ALL");
        }
    }
}
