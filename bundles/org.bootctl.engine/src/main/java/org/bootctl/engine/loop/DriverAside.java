package org.bootctl.engine.loop;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.device.DeviceDescription;

/**
 * The calls a device's driver gets off the tick, each from a short-lived thread of its own
 * ({@link AsideCalls}) and bounded, so that a driver that hangs holds nobody: what unit it is, the
 * start of listening, a vent-all (at most one under way), a request to clear its own latch (at most
 * one under way) and letting it go. The tick's own calls go through {@link DriverGate}.
 */
final class DriverAside {

    /**
     * How long a driver's {@code listen} (which only takes the listener) and {@code description()}
     * may take: longer than {@link AsideCalls#WAIT_MS}, since what a listen that hangs ends in is a
     * fault that only a replug clears, and a loaded machine's thread start must not be taken for a
     * driver that hangs.
     */
    static final long LISTEN_WAIT_MS = 2000;
    static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final BootConnection connection;
    private final String deviceId;
    /** The latest vent-all made aside: at most one under way per device. */
    private final AtomicReference<CompletableFuture<Void>> lastVent = new AtomicReference<>(DONE);
    /** A driver's clearFault under way (perhaps hanging): at most one per device. */
    private final AtomicBoolean clearUnderWay = new AtomicBoolean();

    DriverAside(BootConnection connection, String deviceId) {
        this.connection = connection;
        this.deviceId = deviceId;
    }

    /** Why a driver's {@code listen} did not take: what it did, in words, and what it threw (or null). */
    record ListenFailure(String what, Throwable cause) {
    }

    /**
     * What the connection says of its unit: a driver whose {@code description()} never returns (one
     * that waits for its unit's handshake, say) held the thread that registered the connection, the
     * framework's, and every device, program and listener that came after it.
     *
     * @throws IllegalStateException when it throws, answers null or has not answered within {@link #LISTEN_WAIT_MS} ms
     */
    static DeviceDescription describe(BootConnection connection) {
        CompletableFuture<DeviceDescription> said = AsideCalls.ask("bootctl-describe", connection::description);
        String driver = "the driver " + connection.getClass().getName();
        try {
            DeviceDescription description = said.get(LISTEN_WAIT_MS, TimeUnit.MILLISECONDS);
            if (description == null) {
                throw new IllegalStateException(driver + " describes no unit (its description() is null)");
            }
            return description;
        } catch (TimeoutException e) {
            throw new IllegalStateException(driver + " did not say what unit it is (description()) within "
                    + LISTEN_WAIT_MS / 1000 + " s; its connection is not taken on");
        } catch (ExecutionException e) {
            throw new IllegalStateException(driver + " failed to say what unit it is (description()): " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(driver + ": interrupted while it said what unit it is");
        }
    }

    /**
     * Hands the driver its listener; waits at most {@link #LISTEN_WAIT_MS} ms (a listen that never
     * returns holds neither the caller, the thread that registered the connection, nor anything of
     * the engine's).
     *
     * @return null when it returned; else what went wrong
     */
    ListenFailure listen(BootConnection.Listener listener) {
        CompletableFuture<Void> listening = AsideCalls.ask("bootctl-listen-" + deviceId, () -> {
            connection.listen(listener);
            return null;
        });
        try {
            listening.get(LISTEN_WAIT_MS, TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            return new ListenFailure("failed to start listening: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            return new ListenFailure("did not return from listen within " + LISTEN_WAIT_MS / 1000 + " s", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ListenFailure("was interrupted as it started to listen", e);
        }
    }

    /**
     * A vent-all that nobody has to wait for: at most one at a time (one under way, or hanging, is
     * the one returned: another would not help).
     *
     * @return the vent-all's call, done when it returned
     */
    CompletableFuture<Void> vent(String when) {
        CompletableFuture<Void> current = lastVent.get();
        if (!current.isDone()) {
            return current;
        }
        CompletableFuture<Void> mine = new CompletableFuture<>();
        if (!lastVent.compareAndSet(current, mine)) {
            return lastVent.get();
        }
        AsideCalls.start("bootctl-vent-" + deviceId, deviceId + ": vent-all " + when, connection::ventAll)
                .whenComplete((ok, e) -> mine.complete(null));
        return mine;
    }

    /** Lets the connection go ({@code listen(null)}); the future tells of the call. */
    CompletableFuture<Void> letGo() {
        return AsideCalls.start("bootctl-let-go-" + deviceId, deviceId + ": listen(null)", () -> connection.listen(null));
    }

    /**
     * Asks the device to clear its own latch (a request, not an actuation): the caller waits for that
     * call as long as it likes, never forever. One that throws or gives no answer completes the
     * future exceptionally, with words for a person; at most one is under way (a driver still inside
     * an earlier one is not asked again).
     *
     * @return completed, once the driver's {@code clearFault} returned, with its answer to come
     */
    CompletableFuture<CompletableFuture<Boolean>> clearFault() {
        CompletableFuture<CompletableFuture<Boolean>> returned = new CompletableFuture<>();
        if (!clearUnderWay.compareAndSet(false, true)) {
            returned.completeExceptionally(new IllegalStateException("its driver has not returned from an earlier"
                    + " clear request"));
            return returned;
        }
        AsideCalls.start("bootctl-clear-" + deviceId, deviceId + ": clearFault", () -> {
            CompletableFuture<Boolean> answer = new CompletableFuture<>();
            Throwable failed = null;
            try {
                CompletionStage<Boolean> stage = connection.clearFault();
                if (stage == null) {
                    failed = new IllegalStateException("its driver gave no answer (null)");
                } else {
                    stage.whenComplete((value, error) -> {
                        if (error != null) {
                            answer.completeExceptionally(error);
                        } else {
                            answer.complete(value);
                        }
                    });
                }
            } catch (Throwable e) { // an Error too: the driver's, told as its failure
                failed = new IllegalStateException("its driver failed: " + e);
            }
            clearUnderWay.set(false); // before the caller hears, so that it may ask again at once
            if (failed != null) {
                returned.completeExceptionally(failed);
            } else {
                returned.complete(answer);
            }
        }).whenComplete((ok, e) -> {
            if (!returned.isDone()) { // no thread could be made to ask it
                clearUnderWay.set(false);
                returned.completeExceptionally(new IllegalStateException("no thread to ask it"));
            }
        });
        return returned;
    }
}
