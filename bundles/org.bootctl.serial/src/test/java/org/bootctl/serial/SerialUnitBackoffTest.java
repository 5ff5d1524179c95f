package org.bootctl.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.device.ModelDescription;
import org.bootctl.api.device.RegulationMode;
import org.bootctl.serial.testing.RecordingRegistrar;
import org.bootctl.testing.Waits;
import org.junit.jupiter.api.Test;

/**
 * A unit that is registered and then dropped at once, again and again: after an ordinary loss
 * (a cable pulled) the port is tried again after the first back-off; after a unit at fault (it
 * talks, but not as its model must) the back-off goes on doubling, so the engine does not see it
 * registered and dropped every second, and the log does not repeat it every second.
 */
class SerialUnitBackoffTest {

    private static final long FIRST_MS = 1;
    private static final long MAX_MS = 60_000;
    private static final DeviceDescription UNIT = DeviceDescription.builder("test-1")
            .model(ModelDescription.builder("T-1").limbs(1).zones("foot").hardLimitMmHg(100).sensorFullScaleMmHg(300)
                    .regulation(RegulationMode.DEVICE).pressurePerLimb(false).defaultRateHz(10).build())
            .sampleRateHz(10).build();

    @Test
    void aUnitAtFaultIsOpenedAgainAfterAGrowingBackoff() throws Exception {
        DroppingUnit unit = new DroppingUnit(true);
        unit.start();
        try {
            Waits.until(() -> "back-off after " + unit.connects() + " connects: " + unit.backoffMs() + " ms",
                    10_000, () -> unit.backoffMs() >= 64);
            assertTrue(unit.lastError().contains("not as its model must"), unit.lastError());
        } finally {
            unit.stop();
            assertTrue(unit.awaitStopped(5000));
        }
    }

    @Test
    void anOrdinaryLossIsTriedAgainSoon() throws Exception {
        DroppingUnit unit = new DroppingUnit(false);
        unit.start();
        try {
            Waits.until(() -> unit.connects() + " connects", 10_000, () -> unit.connects() >= 10);
            assertEquals(FIRST_MS, unit.backoffMs(), "a unit that was served is tried again after the first back-off");
        } finally {
            unit.stop();
            assertTrue(unit.awaitStopped(5000));
        }
    }

    /** Registers its unit, then loses it at once. */
    private static final class DroppingUnit extends SerialUnit<DroppingUnit.Opened> {
        private static final Kind KIND = new Kind("TEST", "vented", System.getLogger(SerialUnitBackoffTest.class.getName()));
        private final boolean atFault;

        DroppingUnit(boolean atFault) {
            super(KIND, "/dev/ttyTEST", new RecordingRegistrar(), FIRST_MS, MAX_MS);
            this.atFault = atFault;
        }

        @Override
        protected Opened open(String port, Runnable lost) {
            return new Opened(atFault);
        }

        @Override
        protected String connected(DeviceDescription description) {
            return "connected";
        }

        static final class Opened extends SerialUnit.Opening<NoSession> {
            private final boolean atFault;

            Opened(boolean atFault) {
                super(new NoSession());
                this.atFault = atFault;
            }

            @Override
            protected DeviceDescription handshake() {
                return UNIT;
            }

            @Override
            protected BootConnection connection(DeviceDescription description) {
                return new SerialConnection<>(description, session) {
                };
            }

            @Override
            protected void serve() throws Failure {
                throw atFault ? new Failure("/dev/ttyTEST: the unit talks, but not as its model must", true)
                        : new Failure("/dev/ttyTEST: the port is gone (unplugged?)");
            }

            @Override
            protected void end() {
            }

            @Override
            protected boolean isLost() {
                return false;
            }

            @Override
            protected void letGo() {
            }
        }
    }

    private static final class NoSession implements SerialConnection.Session {
        @Override
        public void listen(BootConnection.Listener listener) {
        }

        @Override
        public void ventAll() {
        }

        @Override
        public CompletionStage<Boolean> clearFault() {
            return CompletableFuture.completedFuture(false);
        }

        @Override
        public CompletableFuture<Boolean> ventForExit() {
            return CompletableFuture.completedFuture(false);
        }
    }
}
