package org.bootctl.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.device.DeviceFault;
import org.bootctl.api.device.RegulationMode;
import org.bootctl.api.device.Sample;
import org.bootctl.timebase.SystemTimebase;
import org.bootctl.timebase.ManualTimebase;
import org.junit.jupiter.api.Test;

/** What the component builds from its configuration (activation itself is tested in Felix by the launcher). */
class SimulatorComponentTest {

    @Test
    void buildsTheConfiguredModel() {
        ManualTimebase time = new ManualTimebase();
        SimulatedDevice device = SimulatorComponent.create("left-boot", " rb1-l4 ", "leak:2", time, 3);
        assertEquals("left-boot", device.description().id());
        assertEquals("RB1-L4", device.description().model());
        assertEquals(RegulationMode.DEVICE, device.description().regulation());
        assertEquals(20, device.description().sampleRateHz());
        assertEquals(time, device.timebase().orElseThrow());
    }

    @Test
    void anUnknownModelReadsWellOnItsOwn() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SimulatorComponent.create("sim-1", "RB3-X", "", new ManualTimebase(), 1));
        assertEquals("simulated device 'sim-1' (org.bootctl.sim.device): unknown simulated model 'RB3-X': "
                + "known models are RB2-L5, RB2-A4, RB2-M8, RB1-L4", e.getMessage());
    }

    /** A blank id made a device nobody could name (every list showed '-'); spaces around one are dropped, as the serial drivers drop them. */
    @Test
    void aBlankIdOrOneWithControlCharactersIsRefusedAndSpacesAroundOneDropped() {
        for (String id : new String[] {"", "  ", null, "sim\n1", "sim\u001b[2J"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SimulatorComponent.create(id, "RB2-L5", "", new ManualTimebase(), 1), String.valueOf(id));
            assertTrue(e.getMessage().startsWith("simulated device (org.bootctl.sim.device): the id ")
                    && e.getMessage().endsWith(": give each simulated device an id of its own, e.g. sim-1")
                    && e.getMessage().chars().noneMatch(Character::isISOControl), e.getMessage());
        }
        assertEquals("sim-4", SimulatorComponent.create(" sim-4 ", "RB2-L5", "", new ManualTimebase(), 1).description().id());
    }

    @Test
    void badFaultsReadWellOnTheirOwn() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SimulatorComponent.create("sim-2", "RB2-A4", "leak:7", new ManualTimebase(), 1));
        assertEquals("simulated device 'sim-2' (org.bootctl.sim.device): bad simulated fault 'leak:7': "
                + "zone 7 does not exist on RB2-A4 (zones 1..4)", e.getMessage());
    }

    @Test
    void aRealTimeDeviceHasNoTimebaseOfItsOwnAndRunsOnItsThread() throws Exception {
        try (SystemTimebase real = new SystemTimebase("bootctl-sim-test")) {
            SimulatedDevice device = SimulatorComponent.create("sim-3", "RB2-L5", "", real, 1);
            assertTrue(device.timebase().isEmpty());
            BlockingQueue<String> threads = new LinkedBlockingQueue<>();
            device.listen(new BootConnection.Listener() {
                @Override
                public void sample(Sample sample) {
                    threads.offer(Thread.currentThread().getName());
                }

                @Override
                public void deviceFault(DeviceFault fault) {
                }
            });
            device.start();
            assertEquals("bootctl-sim-test", threads.poll(5, TimeUnit.SECONDS));
            device.close();
        }
    }
}
