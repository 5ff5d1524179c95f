package org.bootctl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.bootctl.api.device.DeviceFault;
import org.bootctl.api.device.Models;
import org.bootctl.api.session.SessionException;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The calls a person's request makes into a driver (the emergency stop's immediate vent-all, a
 * fault clear's request to the unit) against a driver that throws an Error, answers null or never
 * returns: the person gets an answer, within a bound, in words.
 */
class HostileDriverCallsTest {

    @TempDir
    Path data;

    private static final class Hostile extends ForwardingBoot {
        volatile boolean ventThrowsOnce;
        volatile Supplier<CompletionStage<Boolean>> clear;

        Hostile(FakeBoot boot) {
            super(boot);
        }

        @Override
        public void ventAll() {
            if (ventThrowsOnce) {
                ventThrowsOnce = false;
                throw new NoClassDefFoundError("com/acme/port/Frame"); // a driver bundle missing an import
            }
            super.ventAll();
        }

        @Override
        public CompletionStage<Boolean> clearFault() {
            Supplier<CompletionStage<Boolean>> c = clear;
            return c != null ? c.get() : super.clearFault();
        }
    }

    @Test
    void anEmergencyStopIsAnsweredAndCarriedOutWhenTheDriversVentAllThrowsAnError() throws Exception {
        Harness h = new Harness(data);
        h.program(TestPrograms.sequential(2000, 30_000));
        Hostile unit = new Hostile(FakeBoot.of("dev1", Models.RB2_L5, h.time));
        h.connect(unit);
        SessionInfo s = h.start("seq", Harness.plain(5, 10));
        h.seconds(3);
        unit.ventThrowsOnce = true;
        assertTrue(h.engine.emergencyStop("dev1"), "the stop is answered: latched, whatever the driver threw");
        h.tick();
        assertEquals(SessionState.STOPPED, h.state(s.id()));
        assertEquals("emergency stop", h.info(s.id()).endReason());
        assertNotNull(h.device().fault(), "latched until a person clears it");
    }

    @Test
    void aClearWhoseDriverThrowsAnswersNullOrNeverReturnsIsRefusedInTimeWithWhy() throws Exception {
        Harness h = new Harness(data);
        Hostile unit = new Hostile(FakeBoot.of("dev1", Models.RB2_L5, h.time));
        h.connect(unit);
        unit.boot.latch(new DeviceFault(DeviceFault.Kind.WATCHDOG, -1, "WATCHDOG"));
        h.seconds(1);
        assertNotNull(h.device().fault());

        unit.clear = () -> {
            throw new LinkageError("com/acme/port/Clear");
        };
        assertEquals("cannot clear: dev1 could not be asked: its driver failed: java.lang.LinkageError:"
                + " com/acme/port/Clear", refusal(h).getMessage());
        unit.clear = () -> null;
        assertEquals("cannot clear: dev1 could not be asked: its driver gave no answer (null)", refusal(h).getMessage());

        CountDownLatch never = new CountDownLatch(1);
        unit.clear = () -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        };
        try {
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                assertEquals("cannot clear: the driver of dev1 did not take the clear request within 2000 ms",
                        refusal(h).getMessage());
                assertEquals("cannot clear: dev1 could not be asked: its driver has not returned from an earlier clear"
                        + " request", refusal(h).getMessage(), "the driver is not asked again while it hangs");
            });
        } finally {
            never.countDown();
        }
        unit.clear = null;
        org.bootctl.testing.Waits.until("the clear that hung returned", 10_000, () -> {
            try {
                h.engine.clearFault("dev1");
                return true;
            } catch (SessionException e) {
                return false;
            }
        });
        assertNull(h.device().fault(), "a driver that answers again clears");
    }

    private static SessionException refusal(Harness h) {
        SessionException e = assertThrows(SessionException.class, () -> h.engine.clearFault("dev1"));
        assertEquals(SessionException.Reason.CONFLICT, e.reason());
        return e;
    }
}
