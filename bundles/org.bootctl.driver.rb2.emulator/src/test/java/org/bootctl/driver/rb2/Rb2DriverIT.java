package org.bootctl.driver.rb2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.device.DeviceFault;
import org.bootctl.api.device.DeviceRegulatedConnection;
import org.bootctl.api.device.HostRegulatedConnection;
import org.bootctl.api.device.Limb;
import org.bootctl.api.device.Models;
import org.bootctl.api.device.RegulationMode;
import org.bootctl.api.device.Sample;
import org.bootctl.api.device.Valve;
import org.bootctl.driver.rb2.codec.FaultCode;
import org.bootctl.driver.rb2.codec.Message;
import org.bootctl.driver.rb2.emulator.EmulatorOptions;
import org.bootctl.driver.rb2.emulator.Rb2Emulator;
import org.bootctl.testing.SocatPair;
import org.bootctl.testing.Waits;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.bootctl.serial.SerialUnit;

/**
 * The driver against the emulator through real pseudo-terminals (socat) and real jSerialComm.
 * Everything real-time is polled with a deadline.
 */
@Tag("realtime")
@Tag("serial")
class Rb2DriverIT {

    @TempDir
    Path dir;

    private static Valve[] all(Valve valve, int channels) {
        Valve[] valves = new Valve[channels];
        Arrays.fill(valves, valve);
        return valves;
    }

    /** Plays the engine's loop: a command every 20 ms from a thread of its own. */
    private static ScheduledExecutorService engineTicking(Runnable tick) {
        ScheduledExecutorService engine = Executors.newSingleThreadScheduledExecutor();
        engine.scheduleAtFixedRate(tick, 0, 20, TimeUnit.MILLISECONDS);
        return engine;
    }

    @Test
    void handshakeRegistersTheDeviceWithItsDescriptionAndRate() throws Exception {
        try (Rig rig = Rig.start(dir, Models.RB2_L5, "")) {
            rig.connect("RB2-L5", 40);
            rig.awaitRegistered();
            assertEquals(Rig.DEVICE_ID, rig.registrar.properties().get(BootConnection.DEVICE_ID));
            assertEquals(rig.socat.host(), rig.registrar.properties().get(SerialUnit.PORT_PROPERTY));
            DeviceDescription d = rig.registrar.current().description();
            assertEquals(Rig.DEVICE_ID, d.id());
            assertEquals("RB2-L5", d.model());
            assertEquals("SIM-plant", d.serial());
            assertEquals(EmulatorOptions.FIRMWARE, d.firmware());
            assertEquals(2, d.limbs());
            assertEquals(List.of("foot", "ankle", "calf", "knee", "thigh"), d.zones().stream().map(z -> z.name()).toList());
            assertEquals(10, d.channelCount());
            assertEquals("R3", d.channel(7).id());
            assertEquals(Limb.RIGHT, d.channel(7).limb());
            assertEquals(130, d.hardLimitMmHg());
            assertEquals(300, d.sensorFullScaleMmHg());
            assertEquals(RegulationMode.HOST, d.regulation());
            assertEquals(40, d.sampleRateHz());
            Waits.until("the emulator at 40 Hz", 2000, () -> rig.emulator.snapshot().rateHz() == 40);
            assertEquals(SerialUnit.State.CONNECTED, rig.link.state());
            assertNull(rig.link.lastError());
            // RB2 is host-regulated: its connection takes valves and pump, and cannot even be sent setpoints
            assertFalse(rig.registrar.current() instanceof DeviceRegulatedConnection);
        }
    }

    @Test
    void infoAndTheCatalogueMeetAtTheLowerLimit() throws Exception {
        Rb2Link link = new Rb2Link(PortSettings.of("/dev/ttyUSB7", "auto", "", 50), (c, p) -> () -> { });
        DeviceDescription high = link.describe(new Message.Info(2, 2, 4, 150, 400, 50, "RB2-A4", "S", "F"));
        assertEquals(130, high.hardLimitMmHg());
        assertEquals(300, high.sensorFullScaleMmHg());
        assertEquals("rb2-ttyUSB7", high.id());
        DeviceDescription low = link.describe(new Message.Info(2, 2, 4, 120, 250, 50, "rb2-a4", "S", "F"));
        assertEquals(120, low.hardLimitMmHg());
        assertEquals(250, low.sensorFullScaleMmHg());
        assertEquals("RB2-A4", low.model());
        SerialUnit.Failure e = assertThrows(SerialUnit.Failure.class,
                () -> link.describe(new Message.Info(2, 2, 6, 130, 300, 50, "RB2-A4", "S", "F")));
        assertEquals("port /dev/ttyUSB7: the device says RB2-A4 with 2 x 6 zones, but an RB2-A4 has 2 x 4", e.getMessage());
        e = assertThrows(SerialUnit.Failure.class,
                () -> link.describe(new Message.Info(2, 2, 4, 130, 300, 50, "RB1-L4", "S", "F")));
        assertTrue(e.getMessage().contains("'RB1-L4', which is not an RB2 model"), e.getMessage());
        e = assertThrows(SerialUnit.Failure.class,
                () -> link.describe(new Message.Info(3, 2, 4, 130, 300, 50, "RB2-A4", "S", "F")));
        assertTrue(e.getMessage().contains("BCP version 3"), e.getMessage());
    }

    @Test
    void samplesStreamInMmHg() throws Exception {
        try (Rig rig = Rig.start(dir, Models.RB2_M8, "")) {
            rig.connected();
            rig.awaitSamples(25);
            Sample sample = rig.registrar.latest();
            assertEquals(16, sample.channelCount());
            assertNull(sample.latchedFault());
            for (double p : sample.pressures()) {
                assertTrue(Math.abs(p) < 2, "about zero at rest: " + p);
            }
            assertEquals(0, rig.link.counters().missedTelemetry() + rig.link.counters().framesDropped());
        }
    }

    @Test
    void aZoneFillsHoldsAndVentsUnderTheDriversCommands() throws Exception {
        try (Rig rig = Rig.start(dir, Models.RB2_L5, "")) {
            rig.connected();
            HostRegulatedConnection boot = rig.registrar.current();
            int calfLeft = 2;
            Valve[] fill = all(Valve.CLOSED, 10);
            fill[calfLeft] = Valve.FILL;
            Valve[][] command = {fill};
            int[] pump = {255};
            ScheduledExecutorService engine = engineTicking(() -> boot.actuate(pump[0], command[0]));
            try {
                Waits.until("the calf (left) at 40 mmHg", 15_000, () -> rig.registrar.latest().pressure(calfLeft) >= 40);
                assertTrue(rig.registrar.latest().pressure(0) < 3, "the foot stays empty");
                assertEquals(255, rig.emulator.snapshot().pump());

                pump[0] = 0;
                command[0] = all(Valve.CLOSED, 10);
                Waits.until("the emulator holding", 5000, () -> rig.emulator.snapshot().pump() == 0);
                double held = rig.registrar.latest().pressure(calfLeft);
                assertTrue(held >= 38, "held at " + held);

                command[0] = all(Valve.VENT, 10);
                boot.ventAll();
                Waits.until("the calf vented below 5 mmHg", 10_000, () -> rig.registrar.latest().pressure(calfLeft) < 5);
            } finally {
                engine.shutdownNow();
            }
            assertTrue(rig.emulator.snapshot().ventAlls() >= 1);
            assertEquals(0, rig.link.counters().nacks(), "nothing refused");
            assertFalse(rig.emulator.snapshot().faulted());
        }
    }

    @Test
    void garbageOnTheLineIsSkippedAndSamplesGoOn() throws Exception {
        try (Rig rig = Rig.start(dir, Models.RB2_L5, "")) {
            rig.connected();
            HostRegulatedConnection boot = rig.registrar.current();
            rig.awaitSamples(5);
            for (int i = 0; i < 5; i++) {
                rig.emulator.garbage(300);
                rig.awaitSamples(3);
            }
            Waits.until("the garbage counted as dropped", 2000, () -> rig.link.counters().framesDropped() > 0);
            rig.awaitSamples(20);
            assertNotNull(rig.registrar.current());
            assertEquals(boot, rig.registrar.current(), "the same connection throughout");
            assertEquals(1, rig.registrar.registrations.get());
            assertEquals(0, rig.link.counters().losses());
        }
    }

    @Test
    void corruptedFramesAreDroppedAndCounted() throws Exception {
        try (Rig rig = Rig.start(dir, Models.RB2_L5, "")) {
            rig.connected();
            rig.awaitSamples(5);
            rig.emulator.corrupt(5, Rb2Emulator.Corruption.CRC);
            Waits.until("5 frames sent with a bad CRC", 2000, () -> rig.emulator.counters().framesCorrupted() >= 5);
            rig.emulator.corrupt(5, Rb2Emulator.Corruption.FRAME);
            Waits.until("5 more spoiled", 2000, () -> rig.emulator.counters().framesCorrupted() >= 10);
            rig.awaitSamples(10);
            Rb2Link.Counters counters = rig.link.counters();
            assertTrue(counters.framesDropped() >= 10, "each spoiled frame is dropped: " + counters);
            assertTrue(counters.missedTelemetry() >= 10, "and shows as a gap in the count: " + counters);
            assertEquals(1, rig.registrar.registrations.get());
        }
    }

    @Test
    void aDeviceFaultReachesTheEngineWithItsChannelAndClearsOnlyWhenItsCauseIsGone() throws Exception {
        try (Rig rig = Rig.start(dir, Models.RB2_L5, "")) {
            rig.connected();
            HostRegulatedConnection boot = rig.registrar.current();
            rig.emulator.forceFault(FaultCode.OVERPRESSURE, 7, true);
            Waits.until("deviceFault", 2000, () -> !rig.registrar.faults.isEmpty());
            DeviceFault fault = rig.registrar.faults.get(0);
            assertEquals(DeviceFault.Kind.OVERPRESSURE, fault.kind());
            assertEquals(7, fault.channel());
            assertTrue(fault.detail().contains("zone 3 (calf, right)"), fault.detail());
            Waits.until("samples with the latched fault", 2000,
                    () -> rig.registrar.latest().latchedFault() != null && rig.registrar.latest().latchedFault().channel() == 7);

            assertFalse(boot.clearFault().toCompletableFuture().get(3, TimeUnit.SECONDS), "its cause persists");
            rig.emulator.releaseCause();
            assertTrue(boot.clearFault().toCompletableFuture().get(3, TimeUnit.SECONDS));
            Waits.until("samples without a fault", 2000, () -> rig.registrar.latest().latchedFault() == null);
            assertEquals(1, rig.registrar.faults.size(), "told once, though every sample repeats it");
            assertTrue(rig.link.counters().nacks() >= 1, "the refused CLEAR_FAULT was counted");
        }
    }

    @Test
    void aDeviceResetIsReportedAndTheDeviceComesBack() throws Exception {
        try (Rig rig = Rig.start(dir, Models.RB2_A4, "")) {
            rig.connected();
            HostRegulatedConnection first = rig.registrar.current();
            rig.emulator.reset();
            Waits.until("RESTARTED", 2000, () -> rig.registrar.faults.stream().anyMatch(f -> f.kind() == DeviceFault.Kind.RESTARTED));
            Waits.until("unregistered", 2000, () -> rig.registrar.unregistrations.get() == 1);
            Waits.until("registered again", 8000, () -> rig.registrar.registrations.get() == 2 && rig.registrar.registered());
            assertNotSame(first, rig.registrar.current());
            rig.awaitSamples(10);
            assertEquals(2, rig.emulator.snapshot().hellos());
        }
    }

    @Test
    void aSilentDeviceIsDroppedAndReconnectedWhenItTalksAgain() throws Exception {
        try (Rig rig = Rig.start(dir, Models.RB2_L5, "")) {
            rig.connected();
            rig.emulator.silence(true);
            Waits.until("dropped for silence", 3000, () -> rig.registrar.unregistrations.get() == 1);
            Waits.until("the reason", 2000, () -> String.valueOf(rig.link.lastError()).contains("silent"));
            assertTrue(rig.link.lastError().startsWith("port " + rig.socat.host() + ": lost " + Rig.DEVICE_ID), rig.link.lastError());
            rig.emulator.silence(false);
            Waits.until("registered again", 10_000, () -> rig.registrar.registrations.get() == 2 && rig.registrar.registered());
            rig.awaitSamples(10);
        }
    }

    @Test
    void unpluggedTheDeviceGoesAtOnceAndComesBackWhenThePortDoes() throws Exception {
        try (Rig rig = Rig.start(dir, Models.RB2_L5, "")) {
            rig.connected();
            rig.socat.kill();
            // within 1 s, as a running session must fault within 1 s; -1 from the port comes at once
            Waits.until("unregistered within 1 s", 1000, () -> rig.registrar.unregistrations.get() == 1);
            Waits.until("the port closed and waiting to open again", 2000,
                    () -> rig.link.state() == SerialUnit.State.WAITING || rig.link.state() == SerialUnit.State.OPENING);
            assertNull(rig.link.decoderStats(), "no session holds the port");
            assertTrue(rig.link.lastError().contains("gone"), rig.link.lastError());

            rig.socat.start();
            Waits.until("registered again on the new pair", 10_000,
                    () -> rig.registrar.registrations.get() == 2 && rig.registrar.registered());
            rig.awaitSamples(10);
        }
    }

    @Test
    void aDeviceFoundPressurisedIsVentedAtOnceAndReportedTruthfully() throws Exception {
        try (Rig rig = Rig.start(dir, Models.RB2_A4, "pressurised:20")) {
            Waits.until("the unit pressurised", 30_000, () -> rig.emulator.snapshot().ready());
            double found = Arrays.stream(rig.emulator.snapshot().pressures()).min().orElse(0);
            assertTrue(found >= 15, "every chamber holds air: " + found);
            rig.connected();
            Waits.until("VENT_ALL at the unit", 2000, () -> rig.emulator.snapshot().ventAlls() >= 1);
            assertEquals(1, rig.link.counters().ventsOnConnect());
            assertTrue(rig.registrar.samples.get(0).pressure(0) >= 10, "the first samples show the pressure: "
                    + rig.registrar.samples.get(0).pressure(0));
            assertTrue(new String(rig.emulator.snapshot().valves()).chars().allMatch(v -> v == Message.VENT));
        }
    }

    @Test
    void aDeviceFoundWithAFaultLatchedShowsItAndIsVented() throws Exception {
        try (Rig rig = Rig.start(dir, Models.RB2_L5, "faulted:pump")) {
            rig.connected();
            Waits.until("VENT_ALL at the unit", 2000, () -> rig.emulator.snapshot().ventAlls() >= 1);
            rig.awaitSamples(2);
            assertEquals(DeviceFault.Kind.PUMP, rig.registrar.samples.get(0).latchedFault().kind());
            Waits.until("deviceFault", 5000, () -> !rig.registrar.faults.isEmpty());
            assertEquals(DeviceFault.Kind.PUMP, rig.registrar.faults.get(0).kind());
            assertEquals(-1, rig.registrar.faults.get(0).channel());
        }
    }

    @Test
    void theWatchdogIsFedWhileTheEngineIsIdleButNotWhenItStallsWithThePumpOn() throws Exception {
        try (Rig rig = Rig.start(dir, Models.RB2_L5, "")) {
            rig.connected();
            HostRegulatedConnection boot = rig.registrar.current();
            boot.actuate(0, all(Valve.VENT, 10)); // what an idle engine sends
            Waits.until("the watchdog armed", 5000, () -> rig.emulator.snapshot().watchdogArmed());
            long frames = rig.emulator.snapshot().framesReceived();
            // the engine sends nothing more: the driver keeps the watchdog fed (5 frames a second at least)
            Waits.until("2 s worth of feeding", 5000, () -> rig.emulator.snapshot().framesReceived() >= frames + 10);
            assertFalse(rig.emulator.snapshot().faulted(), "fed while idle");
            assertTrue(rig.emulator.snapshot().watchdogArmed());

            boot.actuate(255, all(Valve.FILL, 10));
            // ... and then the engine's loop stalls with the pump on: feeding stops after 1 s, the unit vents itself
            Waits.until("FAULT WATCHDOG at the unit", 5000,
                    () -> rig.emulator.snapshot().faultCode() == FaultCode.WATCHDOG.code());
            assertEquals(0, rig.emulator.snapshot().pump());
            Waits.until("the engine told", 5000, () -> rig.registrar.faults.stream().anyMatch(f -> f.kind() == DeviceFault.Kind.WATCHDOG));
        }
    }

    @Test
    void theWatchdogIsNotFedWhenTheEngineStallsWhileTheValvesHoldAir() throws Exception {
        try (Rig rig = Rig.start(dir, Models.RB2_L5, "")) {
            rig.connected();
            HostRegulatedConnection boot = rig.registrar.current();
            // a hold step: pump off, chambers sealed; then the engine sends nothing more (its loop
            // stalled, or it gave up on this driver): feeding stops after 1 s, the unit vents itself
            boot.actuate(0, all(Valve.CLOSED, 10));
            Waits.until("the watchdog armed", 5000, () -> rig.emulator.snapshot().watchdogArmed());
            Waits.until("FAULT WATCHDOG at the unit", 5000,
                    () -> rig.emulator.snapshot().faultCode() == FaultCode.WATCHDOG.code());
            Waits.until("the engine told", 5000, () -> rig.registrar.faults.stream().anyMatch(f -> f.kind() == DeviceFault.Kind.WATCHDOG));
        }
    }

    @Test
    void aWrongModelOnThePortIsAClearErrorAndNoDevice() throws Exception {
        try (Rig rig = Rig.start(dir, Models.RB2_A4, "")) {
            rig.connect("RB2-L5", 50);
            String expected = "port " + rig.socat.host() + ": expected RB2-L5 but the device says RB2-A4";
            Waits.until("the error", 5000, () -> expected.equals(rig.link.lastError()));
            assertEquals(0, rig.registrar.registrations.get());
            Waits.until("waiting to try again", 2000, () -> rig.link.state() == SerialUnit.State.WAITING);
        }
    }

    @Test
    void nothingOnThePortIsAClearErrorAndRetried() throws Exception {
        SocatPair.assumeInstalled();
        try (SocatPair pair = new SocatPair(dir).start()) {
            TestRegistrar registrar = new TestRegistrar();
            Rb2Link link = new Rb2Link(PortSettings.of(pair.host(), "auto", "x", 50), registrar);
            link.start();
            try {
                Waits.until("no answer", 5000, () -> String.valueOf(link.lastError()).contains("no INFO in answer to HELLO"));
                assertEquals(0, registrar.registrations.get());
            } finally {
                link.stop();
                assertTrue(link.awaitStopped(3000));
            }
        }
        TestRegistrar registrar = new TestRegistrar();
        Rb2Link missing = new Rb2Link(PortSettings.of(dir.resolve("nothing").toString(), "auto", "x", 50), registrar);
        missing.start();
        Waits.until("no such port", 3000, () -> String.valueOf(missing.lastError()).endsWith("no such port"));
        missing.stop();
        assertTrue(missing.awaitStopped(3000));
    }

    @Test
    void stoppingTakesTheDeviceAtOnceThenVentsAndCloses() throws Exception {
        try (Rig rig = Rig.start(dir, Models.RB2_L5, "")) {
            rig.connected();
            rig.registrar.current().actuate(0, all(Valve.CLOSED, 10));
            Waits.until("the watchdog armed", 5000, () -> rig.emulator.snapshot().watchdogArmed());
            rig.link.stop();
            assertFalse(rig.registrar.registered(), "unregistered inside stop()");
            assertTrue(rig.link.awaitStopped(3000));
            assertEquals(SerialUnit.State.STOPPED, rig.link.state());
            Waits.until("VENT_ALL at the unit", 5000, () -> rig.emulator.snapshot().ventAlls() == 1);
            assertFalse(rig.emulator.snapshot().watchdogArmed(), "disarmed, so closing the port trips nothing");
        }
    }
}
