package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.device.DeviceFault;
import org.bootctl.api.device.RegulationMode;
import org.bootctl.api.device.Sample;
import org.bootctl.api.device.Valve;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The unit and its connection without a framework, on real time: every wait takes the samples as they come, up to a deadline. */
class AcmeUnitTest {

    private static final long DEADLINE_MS = 10_000;

    private final List<Sample> samples = new CopyOnWriteArrayList<>();
    /** The samples not yet looked at: a wait takes them as they come, no sleeping in between. */
    private final BlockingQueue<Sample> arrivals = new LinkedBlockingQueue<>();
    private final List<DeviceFault> faults = new CopyOnWriteArrayList<>();
    private AcmeUnit unit;
    private AcmeConnection connection;

    @BeforeEach
    void connect() throws Exception {
        unit = new AcmeUnit("X6-TEST");
        unit.powerOn();
        AcmeUnit.Identity who = unit.hello().toCompletableFuture().get(5, TimeUnit.SECONDS);
        connection = new AcmeConnection(AcmeX6.describe("acme-test", who), unit);
        connection.listen(new BootConnection.Listener() {
            @Override
            public void sample(Sample sample) {
                samples.add(sample);
                arrivals.add(sample);
            }

            @Override
            public void deviceFault(DeviceFault fault) {
                faults.add(fault);
            }
        });
    }

    @AfterEach
    void powerOff() {
        unit.powerOff();
    }

    @Test
    void theDescriptionIsTheBundlesOwnModelWithTheLowerHardLimit() {
        DeviceDescription d = connection.description();
        assertEquals("ACME-X6", d.model());
        assertEquals(6, d.zoneCount());
        assertEquals(6, d.channelCount());
        assertEquals(1, d.limbs());
        assertEquals("zone 3 (calf)", d.describe(2));
        assertEquals(RegulationMode.HOST, d.regulation());
        assertEquals(Math.min(AcmeX6.DESCRIPTION.hardLimitMmHg(), AcmeUnit.MAX_MMHG), d.hardLimitMmHg());
        assertEquals("X6-TEST", d.serial());
    }

    @Test
    void aFilledZoneRisesHoldsAndVents() throws Exception {
        Valve[] valves = all(Valve.VENT);
        valves[2] = Valve.FILL;
        Sample filled = commandUntil(255, valves, s -> s.pressure(2) >= 40);
        assertTrue(filled.pressure(0) < 1, "only zone 3 fills: " + Arrays.toString(filled.pressures()));
        assertNull(filled.latchedFault());

        Sample vented = commandUntil(0, all(Valve.VENT), s -> s.pressure(2) < 2);
        assertNull(vented.latchedFault());
    }

    @Test
    void aboveItsLimitTheUnitLatchesVentsAndRefusesToClearWhileTheCauseLasts() throws Exception {
        Valve[] valves = all(Valve.CLOSED);
        valves[5] = Valve.FILL;
        Sample latched = commandUntil(255, valves, s -> s.latchedFault() != null);
        assertEquals(DeviceFault.Kind.OVERPRESSURE, latched.latchedFault().kind());
        assertEquals(5, latched.latchedFault().channel());

        Sample emptied = commandUntil(255, valves, s -> s.pressure(5) < 5); // commands are refused: it vents
        assertEquals(DeviceFault.Kind.OVERPRESSURE, emptied.latchedFault().kind(), "latched in every sample");
        assertEquals(1, faults.size(), "reported once per latch: " + faults);
        assertTrue(connection.clearFault().toCompletableFuture().get(), "cleared once the cause is gone");
        Sample clear = commandUntil(0, all(Valve.VENT), s -> s.latchedFault() == null);
        assertNull(clear.latchedFault());
    }

    @Test
    void withoutCommandsTheWatchdogVentsAHeldZone() throws Exception {
        Valve[] valves = all(Valve.VENT);
        valves[0] = Valve.FILL;
        commandUntil(255, valves, s -> s.pressure(0) >= 30);
        valves[0] = Valve.CLOSED;
        connection.actuate(0, valves);
        Sample tripped = await(s -> s.latchedFault() != null);
        assertEquals(DeviceFault.Kind.WATCHDOG, tripped.latchedFault().kind());
        assertFalse(await(s -> s.pressure(0) < 2).pressure(0) >= 2);
    }

    /** Commands like the engine's loop, once per sample, until a sample satisfies {@code done}. */
    private Sample commandUntil(int pump, Valve[] valves, Predicate<Sample> done) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DEADLINE_MS);
        arrivals.clear();
        while (true) {
            connection.actuate(pump, valves);
            Sample next = next(end);
            if (done.test(next)) {
                return next;
            }
        }
    }

    /** Waits, sample by sample, for one that satisfies {@code done}. */
    private Sample await(Predicate<Sample> done) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DEADLINE_MS);
        arrivals.clear();
        while (true) {
            Sample next = next(end);
            if (done.test(next)) {
                return next;
            }
        }
    }

    /** The next sample the unit streams, waited for until {@code end} (System.nanoTime()). */
    private Sample next(long end) throws InterruptedException {
        Sample next = arrivals.poll(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (next == null) {
            throw new AssertionError("no such sample within " + DEADLINE_MS + " ms; last " + lastPressures());
        }
        return next;
    }

    private String lastPressures() {
        return samples.isEmpty() ? "none" : Arrays.toString(samples.get(samples.size() - 1).pressures());
    }

    private static Valve[] all(Valve valve) {
        Valve[] valves = new Valve[AcmeX6.DESCRIPTION.zones()];
        Arrays.fill(valves, valve);
        return valves;
    }
}
