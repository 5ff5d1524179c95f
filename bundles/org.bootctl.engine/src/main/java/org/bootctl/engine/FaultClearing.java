package org.bootctl.engine;

import java.lang.System.Logger.Level;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bootctl.api.device.DeviceFault;
import org.bootctl.api.session.SessionException;
import org.bootctl.api.session.SessionException.Reason;
import org.bootctl.api.time.VirtualTimebase;
import org.bootctl.engine.loop.DeviceHandle;
import org.bootctl.engine.loop.Latch;

/**
 * Clearing a latched fault once its cause is gone: the device reports, every zone is vented and
 * readings are plausible; a fault the device's firmware latched must also clear on the device,
 * which is asked and must answer within {@value #CLEAR_TIMEOUT_MS} ms of the device's time. The
 * same on real and virtual time: a device on its own (virtual) time has that time run on the
 * caller's thread until it answers, as whoever drives the simulation would; the caller learns
 * either way whether the latch is gone.
 */
final class FaultClearing {

    static final long CLEAR_TIMEOUT_MS = 2000;
    private static final System.Logger LOG = System.getLogger(FaultClearing.class.getName());

    private FaultClearing() {
    }

    static void clear(DeviceHandle loop) throws SessionException {
        Latch latch = loop.latched();
        if (latch == null) {
            return;
        }
        String blocker = loop.clearBlocker();
        if (blocker != null) {
            throw new SessionException(Reason.CONFLICT, "cannot clear: " + blocker);
        }
        DeviceFault onDevice = loop.deviceLatchedFault();
        boolean askDevice = latch.fromDevice() || onDevice != null;
        if (askDevice) {
            String what = onDevice != null ? onDevice.kind().words() : latch.fault().message();
            await(returned(loop.clearDeviceFault(), loop), loop, what);
        }
        if (!loop.unlatch(latch, askDevice)) {
            Latch now = loop.latched();
            throw new SessionException(Reason.CONFLICT, "cannot clear: a new fault latched: "
                    + (now == null ? "(cleared meanwhile)" : now.fault().message()));
        }
        LOG.log(Level.INFO, loop.id() + ": fault cleared (" + latch.fault().message() + ")");
    }

    /**
     * The driver's answer to the clear request, once its call returned it (real time: a driver's
     * call that hangs is not waited for past {@value #CLEAR_TIMEOUT_MS} ms, on any timebase).
     */
    private static CompletableFuture<Boolean> returned(CompletableFuture<CompletableFuture<Boolean>> call, DeviceHandle loop)
            throws SessionException {
        try {
            return call.get(CLEAR_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.log(Level.WARNING, loop.id() + ": the driver's clearFault has not returned within " + CLEAR_TIMEOUT_MS
                    + " ms");
            throw new SessionException(Reason.CONFLICT, "cannot clear: the driver of " + loop.id()
                    + " did not take the clear request within " + CLEAR_TIMEOUT_MS + " ms");
        } catch (ExecutionException e) {
            throw new SessionException(Reason.CONFLICT, "cannot clear: " + loop.id() + " could not be asked: "
                    + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SessionException(Reason.CONFLICT, "cannot clear: interrupted");
        }
    }

    private static void await(CompletableFuture<Boolean> answer, DeviceHandle loop, String what)
            throws SessionException {
        VirtualTimebase own = loop.ownTime().orElse(null);
        if (own != null && !answer.isDone() && !loop.calledFromTick()) {
            // nothing moves its time but a caller: let it run (never past the limit) until the device
            // answers; never from inside the loop's own tick, which would run ticks within a tick
            own.runUntil(answer::isDone, TimeUnit.MILLISECONDS.toNanos(CLEAR_TIMEOUT_MS));
        }
        Boolean cleared;
        try {
            cleared = own != null ? answer.getNow(null) : answer.get(CLEAR_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            if (cleared == null && !answer.isDone()) {
                throw new TimeoutException();
            }
        } catch (TimeoutException e) {
            throw new SessionException(Reason.CONFLICT, "cannot clear: " + loop.id() + " did not answer within "
                    + CLEAR_TIMEOUT_MS + " ms");
        } catch (ExecutionException | CompletionException e) {
            throw new SessionException(Reason.CONFLICT, "cannot clear: " + loop.id() + " failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SessionException(Reason.CONFLICT, "cannot clear: interrupted");
        }
        if (!Boolean.TRUE.equals(cleared)) {
            throw new SessionException(Reason.CONFLICT, "cannot clear: the cause persists on " + loop.id() + " ("
                    + what + ")");
        }
    }
}
