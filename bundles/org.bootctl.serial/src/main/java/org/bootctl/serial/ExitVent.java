package org.bootctl.serial;

import com.fazecast.jSerialComm.SerialPort;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Vents every connected unit of one protocol when the JVM exits (SIGTERM, Ctrl-C), before
 * jSerialComm's own shutdown hook closes every port: JVM shutdown hooks run in no fixed order, so
 * the launcher's orderly stop may come too late for the ports, but hooks given to
 * {@link SerialPort#addShutdownHook} run first. Bounded: it waits half a second at most.
 * One per {@link SerialUnit.Kind} (see docs/DRIVERS.md, life-cycle rule 3).
 *
 * <p>jSerialComm keeps the hook for the life of the JVM: after the bundle is updated, the old
 * hook stays registered with nothing left to vent.
 */
final class ExitVent {

    static final long WAIT_MS = 500;

    private final String unit;
    private final String answered;
    private final System.Logger log;
    private final Set<SerialUnit<?>> live = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean hooked = new AtomicBoolean();

    /**
     * @param unit     the protocol's name in the log, e.g. {@code RB2}
     * @param answered what a vented unit did, e.g. {@code acknowledged VENT_ALL}
     * @param log      the driver's logger
     */
    ExitVent(String unit, String answered, System.Logger log) {
        this.unit = unit;
        this.answered = answered;
        this.log = log;
    }

    void add(SerialUnit<?> port) {
        if (hooked.compareAndSet(false, true)) {
            SerialPort.addShutdownHook(new Thread(this::ventAll,
                    "bootctl-" + unit.toLowerCase(Locale.ROOT) + "-vent-at-exit"));
        }
        live.add(port);
    }

    void remove(SerialUnit<?> port) {
        live.remove(port);
    }

    private void ventAll() {
        List<CompletableFuture<Boolean>> answers = live.stream().map(SerialUnit::ventForExit).toList();
        try {
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            log.log(Level.WARNING, "vent at exit: not every " + unit + " unit " + answered + " in " + WAIT_MS + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long vented = answers.stream().filter(a -> a.getNow(false)).count();
        if (!answers.isEmpty()) {
            log.log(Level.INFO, "vent at exit: " + vented + " of " + answers.size() + " " + unit + " port(s) " + answered);
        }
    }
}
