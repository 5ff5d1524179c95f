package org.bootctl.driver.rb1;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.device.DeviceFault;
import org.bootctl.api.device.DeviceRegulatedConnection;
import org.bootctl.api.device.Models;
import org.bootctl.api.device.RegulationMode;
import org.bootctl.api.device.Sample;
import org.bootctl.driver.rb1.emulator.Rb1Firmware.Fate;
import org.bootctl.driver.rb1.emulator.Rb1Firmware.Received;
import org.bootctl.driver.rb1.emulator.Rb1Emulator;
import org.bootctl.driver.rb1.emulator.Rb1Firmware;
import org.bootctl.driver.rb1.emulator.EmulatorFault;
import org.bootctl.sim.SimulatedDevice;
import org.bootctl.testing.SocatPair;
import org.bootctl.testing.Waits;
import org.bootctl.timebase.SystemTimebase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver against the emulator through a real pseudo-terminal pair (socat) and real
 * jSerialComm on both ends, the emulator in front of the simulator's RB1-L4. Everything waits
 * for conditions with deadlines.
 */
@Tag("realtime")
@Tag("serial")
class Rb1DriverIT {

    private static final long MS = 1_000_000L;

    @TempDir
    Path dir;
    private SocatPair socat;
    private SystemTimebase plantTime;
    private SimulatedDevice plant;
    private Rb1Emulator emulator;
    private Rb1Driver driver;
    private final Host host = new Host();
    private final ScheduledExecutorService engine = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "rb1-test-engine");
        thread.setDaemon(true);
        return thread;
    });
    private volatile double[] engineSetpoints;
    private boolean engineTicking;

    @BeforeEach
    void pair() throws Exception {
        SocatPair.assumeInstalled();
        socat = new SocatPair(dir).start();
        plantTime = new SystemTimebase("rb1-test-plant");
        plant = SimulatedDevice.of("plant", Models.RB1_L4, List.of(), plantTime, 11);
        plant.start();
    }

    @AfterEach
    void unpair() throws Exception {
        engine.shutdownNow();
        if (driver != null) {
            driver.stop();
            assertTrue(driver.awaitStopped(5000), "the driver lets go");
        }
        if (emulator != null) {
            emulator.close();
        }
        if (plant != null) {
            plant.close();
            plantTime.close();
        }
        if (socat != null) {
            socat.kill();
        }
    }

    private Rb1Firmware emulate(Rb1Emulator.Options options) {
        emulator = new Rb1Emulator(socat.device(), plant, options);
        emulator.start();
        Waits.until("the emulator opens " + socat.device(), 3000, emulator::isOpen);
        return emulator.firmware();
    }

    private Rb1Firmware emulate() {
        return emulate(Rb1Emulator.Options.plain());
    }

    private void drive(String model) {
        driver = new Rb1Driver(new DriverSettings(socat.host(), model, "boot-1", 20), host);
        driver.start();
    }

    private DeviceRegulatedConnection connect() {
        drive("RB1-L4");
        Waits.until(() -> "the driver registers the boot; last error: " + driver.lastError(), 5000, host::registered);
        return host.device();
    }

    /**
     * Commands setpoints as the engine's loop does: the same ones again on every tick (50 Hz) to
     * whichever connection is registered. Null: the loop stalls and sends nothing more.
     */
    private void command(double... mmHg) {
        engineSetpoints = mmHg;
        if (!engineTicking) {
            engineTicking = true;
            engine.scheduleAtFixedRate(() -> {
                BootConnection connection = host.connection();
                double[] setpoints = engineSetpoints;
                if (connection instanceof DeviceRegulatedConnection unit && setpoints != null) {
                    unit.setpoints(setpoints);
                }
            }, 0, 20, TimeUnit.MILLISECONDS);
        }
    }

    private static List<String> handled(Rb1Firmware firmware) {
        return firmware.received().stream().filter(r -> r.fate() == Fate.HANDLED).map(Received::line).toList();
    }

    private void awaitSamples(int more) {
        int target = host.samples.size() + more;
        Waits.until("" + more + " more samples", 3000, () -> host.samples.size() >= target);
    }

    @Test
    void handshakeDescribesTheDeviceThenItStreams() {
        Rb1Firmware firmware = emulate();
        DeviceRegulatedConnection device = connect();

        DeviceDescription d = device.description();
        assertEquals("boot-1", d.id());
        assertEquals("RB1-L4", d.model());
        assertEquals(plant.description().serial(), d.serial());
        assertEquals(Rb1Emulator.FIRMWARE_VERSION, d.firmware());
        assertEquals(List.of("Z1", "Z2", "Z3", "Z4"), d.channels().stream().map(c -> c.id()).toList());
        assertEquals("zone 3 (knee)", d.describe(2));
        assertEquals(120, d.hardLimitMmHg());
        assertEquals(RegulationMode.DEVICE, d.regulation());
        assertEquals(20, d.sampleRateHz());
        assertEquals("boot-1", host.properties().get(BootConnection.DEVICE_ID));

        assertEquals(List.of("ID?", "ST?", "STREAM,20"), handled(firmware).subList(0, 3));
        assertEquals(20, firmware.streamHz());
        awaitSamples(10);
        for (Sample s : host.samples) {
            assertEquals(4, s.channelCount());
            assertNull(s.latchedFault());
            for (double p : s.pressures()) {
                assertTrue(p > -10 && p < 10, "at rest: " + p);
            }
        }
    }

    @Test
    void setpointsReachTheZonesAndKeepAlivesKeepTheWatchdogQuiet() {
        Rb1Firmware firmware = emulate();
        connect();
        double[] wanted = {18, 15, 12, 9.9};
        command(wanted);
        Waits.until(() -> "zones at " + java.util.Arrays.toString(host.latest().pressures()), 20_000, () -> {
            Sample s = host.latest();
            if (s == null) {
                return false;
            }
            for (int z = 0; z < 4; z++) {
                if (Math.abs(s.pressure(z) - Math.floor(wanted[z])) > 3) {
                    return false;
                }
            }
            return true;
        });
        assertArrayEquals(new int[] {18, 15, 12, 9}, firmware.setpoints(), "whole mmHg, rounded down");

        long allAt = firmware.received().stream().filter(r -> r.line().startsWith("ALL,")).findFirst().orElseThrow().nanos();
        Waits.until("2.5 s of holding", 10_000,
                () -> firmware.received().get(firmware.received().size() - 1).nanos() - allAt > 2500 * MS);
        assertNull(firmware.latched(), "the watchdog stayed quiet");
        assertEquals(1, firmware.received().stream().filter(r -> r.line().startsWith("ALL,")).count(),
                "setpoints go out when they change, once");
        List<Received> since = firmware.received().stream().filter(r -> r.nanos() >= allAt).toList();
        for (int i = 1; i < since.size(); i++) {
            long gap = since.get(i).nanos() - since.get(i - 1).nanos();
            assertTrue(gap < 1000 * MS, "a command line at least every second: a gap of " + gap / MS + " ms");
        }
        Sample s = host.latest();
        for (int z = 0; z < 4; z++) {
            assertEquals(Math.floor(wanted[z]), s.pressure(z), 3, "zone " + (z + 1));
        }
    }

    @Test
    void neverTwoLinesWithin50msExceptVent() throws Exception {
        Rb1Firmware firmware = emulate();
        DeviceRegulatedConnection device = connect();
        Random random = new Random(5);
        List<CompletableFuture<Boolean>> clears = new ArrayList<>();
        long end = System.nanoTime() + 1500 * MS;
        for (int tick = 0; System.nanoTime() < end; tick++) { // an engine at 200 Hz that keeps changing its mind
            device.setpoints(new double[] {random.nextInt(40), random.nextInt(40), random.nextInt(40), random.nextInt(40)});
            if (tick % 10 == 0) {
                clears.add(device.clearFault().toCompletableFuture());
            }
            if (tick % 97 == 0) {
                device.ventAll();
            }
            Thread.sleep(5);
        }
        device.setpoints(new double[] {12, 11, 10, 9});
        Waits.until("the last setpoints arrive", 5000, () -> java.util.Arrays.equals(firmware.setpoints(), new int[] {12, 11, 10, 9}));
        for (CompletableFuture<Boolean> clear : clears) {
            assertTrue(clear.get(5, TimeUnit.SECONDS), "every CLR answered OK");
        }
        List<Received> received = firmware.received();
        List<Rb1Session.Written> written = host.session().written();
        assertTrue(received.size() > 20, "busy: " + received.size());
        assertEquals(written.stream().map(Rb1Session.Written::line).toList(), received.stream().map(Received::line).toList(),
                "every line the driver wrote arrived, in order");
        int vents = 0;
        for (int i = 1; i < received.size(); i++) {
            Received line = received.get(i);
            if (line.line().equals("VENT")) {
                vents++;
                continue;
            }
            long arrivalGap = line.nanos() - received.get(i - 1).nanos();
            long writeGap = written.get(i).nanos() - written.get(i - 1).nanos();
            // a busy machine may hold a line up on its way (socat, the reader thread): the earlier
            // line's trip taking longer than this one's squeezes them closer by exactly that much
            long squeeze = Math.max(0, (received.get(i - 1).nanos() - written.get(i - 1).nanos())
                    - (line.nanos() - written.get(i).nanos()));
            assertTrue(writeGap >= Rb1Firmware.PACE_NANOS, line.line() + " written " + writeGap / 1e6 + " ms after the line before");
            assertTrue(arrivalGap + squeeze >= Rb1Firmware.PACE_NANOS, line.line() + " arrived " + arrivalGap / 1e6
                    + " ms after " + received.get(i - 1).line() + ", of which " + squeeze / 1e6 + " ms the way explains");
            assertTrue(line.fate() != Fate.PACED_OUT || squeeze > 0, line.line() + " dropped by the device's pace");
        }
        assertTrue(vents > 0);
    }

    @Test
    void ventJumpsTheQueueAheadOfAnOutstandingCommand() {
        Rb1Firmware firmware = emulate();
        DeviceRegulatedConnection device = connect();
        firmware.loseIncoming(1);
        CompletableFuture<Boolean> clear = device.clearFault().toCompletableFuture();
        device.clearFault();
        Waits.until("the first CLR is lost", 3000,
                () -> firmware.received().stream().anyMatch(r -> r.fate() == Fate.LOST));
        device.ventAll();
        Waits.until("VENT arrives", 3000, () -> handled(firmware).contains("VENT"));
        Waits.until("the CLR is answered", 3000, clear::isDone);
        // a busy machine can squeeze two paced writes together on their way through socat, and the
        // device then drops the second for its pace: the driver's own timeout sends it again, so a
        // line the device paced out is left out here, and the driver's writes are checked for pace
        List<String> after = firmware.received().stream().dropWhile(r -> r.fate() != Fate.LOST)
                .filter(r -> r.fate() != Fate.PACED_OUT).map(r -> r.line() + " " + r.fate()).toList();
        assertEquals(List.of("CLR LOST", "VENT HANDLED", "CLR HANDLED"), after.subList(0, 3),
                "VENT went out while CLR waited for its answer; CLR was sent again after");
        List<Rb1Session.Written> written = host.session().written();
        for (int i = 1; i < written.size(); i++) {
            if (written.get(i).line().equals("VENT")) {
                continue; // an emergency waits for no pace
            }
            assertTrue(written.get(i).nanos() - written.get(i - 1).nanos() >= Rb1Firmware.PACE_NANOS,
                    written.get(i).line() + " written too soon after " + written.get(i - 1).line());
        }
    }

    @Test
    void aMissingAnswerOrErrChkSendsTheSameLineAgain() throws Exception {
        Rb1Firmware firmware = emulate();
        DeviceRegulatedConnection device = connect();
        firmware.loseIncoming(1);
        assertTrue(device.clearFault().toCompletableFuture().get(3, TimeUnit.SECONDS));
        firmware.corruptIncoming(1);
        assertTrue(device.clearFault().toCompletableFuture().get(3, TimeUnit.SECONDS));
        List<String> clrs = firmware.received().stream().filter(r -> r.line().equals("CLR"))
                .map(r -> r.fate().name()).toList();
        assertEquals(List.of("LOST", "HANDLED", "BAD_CHECKSUM", "HANDLED"), clrs);
        assertEquals(2, host.session().resends());
    }

    @Test
    void garbageAndCorruptedChecksumsAreDroppedAndTheDeviceStays() throws Exception {
        Rb1Firmware firmware = emulate();
        DeviceRegulatedConnection device = connect();
        for (int burst = 0; burst < 5; burst++) {
            firmware.garbage(64);
            awaitSamples(3);
        }
        firmware.corruptOutgoing(300 * MS);
        CompletableFuture<Boolean> clear = device.clearFault().toCompletableFuture();
        assertTrue(clear.get(3, TimeUnit.SECONDS), "answered once the checksums are good again");
        awaitSamples(5);
        assertTrue(host.session().unreadable() >= 5, "dropped and counted: " + host.session().unreadable());
        assertEquals(1, host.registrations.get());
        assertEquals(0, host.unregistrations.get(), "the device stayed");
        for (Sample s : host.samples) {
            for (double p : s.pressures()) {
                assertTrue(p > -10 && p < 10, "no corrupted reading got through: " + p);
            }
        }
        command(10, 0, 0, 0);
        Waits.until("setpoints still work", 3000, () -> firmware.setpoints()[0] == 10);
    }

    @Test
    void aDeviceFaultIsReportedAndClearsOnlyOnceItsCauseIsGone() throws Exception {
        Rb1Firmware firmware = emulate();
        DeviceRegulatedConnection device = connect();
        command(20, 20, 20, 20);
        Waits.until("setpoints applied", 3000, () -> firmware.setpoints()[0] == 20);
        firmware.squeeze(2, 1500 * MS);
        Waits.until("FLT,OVERPRESSURE reaches the engine", 3000, () -> host.faulted(DeviceFault.Kind.OVERPRESSURE));
        DeviceFault fault = host.faults.get(0);
        assertEquals(1, fault.channel(), "zone 2 read highest");
        assertArrayEquals(new int[4], firmware.setpoints(), "the firmware vented");
        awaitSamples(2);
        assertEquals(fault, host.latest().latchedFault(), "samples carry the latched fault");

        assertFalse(device.clearFault().toCompletableFuture().get(3, TimeUnit.SECONDS), "ERR,FAULT while the cause persists");
        assertEquals(fault, host.latest().latchedFault());
        Waits.until("the squeeze ends", 5000, () -> host.latest().pressure(1) < 100);
        assertTrue(device.clearFault().toCompletableFuture().get(3, TimeUnit.SECONDS));
        awaitSamples(2);
        assertNull(host.latest().latchedFault());
        command(10, 10, 10, 10);
        Waits.until("setpoints taken again", 3000, () -> firmware.setpoints()[0] == 10);
    }

    @Test
    void aResetMidStreamIsReportedAndTheDriverShakesHandsAgain() {
        Rb1Firmware firmware = emulate();
        DeviceRegulatedConnection device = connect();
        command(20, 20, 20, 20);
        Waits.until("setpoints applied", 3000, () -> firmware.setpoints()[0] == 20);
        command((double[]) null); // an engine would fault the session on RESTARTED; this one just stops
        firmware.reset();
        Waits.until("RESTARTED reaches the engine", 3000, () -> host.faulted(DeviceFault.Kind.RESTARTED));
        assertEquals("device restarted", DeviceFault.Kind.RESTARTED.words());
        Waits.until("a second handshake", 3000, () -> handled(firmware).stream().filter("ID?"::equals).count() == 2
                && firmware.streamHz() == 20);
        awaitSamples(5);
        assertEquals(1, host.registrations.get(), "the same unit stays registered");
        assertEquals(0, host.unregistrations.get());
        assertArrayEquals(new int[4], firmware.setpoints(), "the reset vented; the driver sends nothing by itself");
    }

    @Test
    void anEngineThatStopsCommandingGetsNoKeepAlivesAndTheDevicesWatchdogVents() {
        Rb1Firmware firmware = emulate();
        connect();
        command(15, 15, 15, 15);
        Waits.until("setpoints applied", 3000, () -> firmware.setpoints()[0] == 15);
        long stalled = System.nanoTime();
        command((double[]) null); // the engine's loop hangs with the boots pressurised
        Waits.until("the device's watchdog trips", 6000, () -> "WATCHDOG".equals(firmware.latched()));
        assertTrue(System.nanoTime() - stalled > Rb1Session.ENGINE_STALL_NANOS + Rb1Firmware.WATCHDOG_NANOS / 2,
                "fed for a while, then no more");
        Waits.until("the driver tells the engine", 2000, () -> host.faulted(DeviceFault.Kind.WATCHDOG));
        assertArrayEquals(new int[4], firmware.setpoints(), "vented");
        assertTrue(host.registered(), "the unit stays: only its watchdog acted");
    }

    @Test
    void aSilentDeviceIsDroppedAndComesBack() {
        Rb1Firmware firmware = emulate();
        connect();
        firmware.silence(1500 * MS);
        Waits.until("dropped within about a second", 2500, () -> host.unregistrations.get() == 1);
        Waits.until("back after the silence", 8000, () -> host.registrations.get() == 2 && host.registered());
        awaitSamples(3);
    }

    @Test
    void unplugMidStreamUnregistersWithinASecondClosesThePortAndReconnects() throws Exception {
        Rb1Firmware firmware = emulate();
        connect();
        command(20, 20, 20, 20);
        Waits.until("setpoints applied", 3000, () -> firmware.setpoints()[0] == 20);
        socat.kill(); // the pseudo-terminal pair goes away; kill returns once socat and its links are gone
        long gone = System.nanoTime(); // counted from here: socat's own exit takes a while on a loaded machine
        Waits.until("unregistered", 5000, () -> host.unregistrations.get() == 1);
        assertTrue(host.unregisteredAt() - gone < 1000 * MS,
                "unregistered " + (host.unregisteredAt() - gone) / MS + " ms after the pair was gone");
        Waits.until("the port closed", 2000, () -> !driver.portOpen());
        assertTrue(driver.lastError() != null && driver.lastError().contains(socat.host()), driver.lastError());

        socat.start(); // plugged in again: a new pair at the same paths
        Waits.until(() -> "reconnected; last error " + driver.lastError(), 10_000,
                () -> host.registrations.get() == 2 && host.registered());
        awaitSamples(3);
    }

    @Test
    void foundPressurisedItIsVentedAtOnce() {
        Rb1Firmware firmware = emulate(Rb1Emulator.Options.plain().withFaults(List.of(EmulatorFault.parse("pressurised:40", 4))));
        connect();
        assertEquals(List.of("ID?", "ST?", "VENT", "STREAM,20"), handled(firmware).subList(0, 4));
        assertArrayEquals(new int[4], firmware.setpoints());
        awaitSamples(2);
        assertNull(host.latest().latchedFault());
    }

    @Test
    void foundWithAFaultLatchedItIsVentedAndTheFaultShownUntilCleared() throws Exception {
        Rb1Firmware firmware = emulate(Rb1Emulator.Options.plain().withFaults(List.of(EmulatorFault.parse("faulted:pump", 4))));
        DeviceRegulatedConnection device = connect();
        assertEquals(List.of("ID?", "ST?", "VENT", "STREAM,20"), handled(firmware).subList(0, 4));
        awaitSamples(2);
        assertEquals(DeviceFault.Kind.PUMP, host.latest().latchedFault().kind());
        assertTrue(device.clearFault().toCompletableFuture().get(3, TimeUnit.SECONDS), "a person clears it");
        awaitSamples(2);
        assertNull(host.latest().latchedFault());
    }

    @Test
    void aWrongModelIsAClearErrorAndNoDevice() {
        emulate(Rb1Emulator.Options.plain().withModel("RB1-L6"));
        drive("RB1-L4");
        Waits.until("a second attempt, after the backoff", 5000, () -> driver.attempts() >= 2 && driver.lastError() != null);
        assertTrue(driver.lastError().contains(socat.host()) && driver.lastError().contains("RB1-L6")
                && driver.lastError().contains("expected RB1-L4"), driver.lastError());
        assertEquals(0, host.registrations.get());
    }

    @Test
    void aModelOfAnotherProtocolIsRefusedEvenOnAuto() {
        emulate(Rb1Emulator.Options.plain().withModel("RB2-L5"));
        drive("auto");
        Waits.until("an error", 5000, () -> driver.lastError() != null);
        assertTrue(driver.lastError().contains(socat.host()) && driver.lastError().contains("RB2-L5")
                && driver.lastError().contains("not an RB1 line-protocol model"), driver.lastError());
        assertEquals(0, host.registrations.get());
    }

    @Test
    void nothingAnsweringIsAClearError() {
        drive("RB1-L4");
        Waits.until("an error", 5000, () -> driver.lastError() != null);
        assertTrue(driver.lastError().contains(socat.host()) && driver.lastError().contains("no RB1 answer to ID?"),
                driver.lastError());
        assertEquals(0, host.registrations.get());
    }

    @Test
    void lettingGoVentsFirst() throws Exception {
        Rb1Firmware firmware = emulate();
        connect();
        command(20, 20, 20, 20);
        Waits.until("setpoints applied", 3000, () -> firmware.setpoints()[0] == 20);
        driver.stop();
        assertEquals(1, host.unregistrations.get(), "taken back from the engine at once");
        assertTrue(driver.awaitStopped(3000));
        List<String> lines = handled(firmware);
        assertEquals("VENT", lines.get(lines.size() - 1));
        assertArrayEquals(new int[4], firmware.setpoints());
        assertFalse(driver.portOpen());
    }
}
