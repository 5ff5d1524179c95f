package org.bootctl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.bootctl.api.device.DeviceFault;
import org.bootctl.api.device.Models;
import org.bootctl.api.device.Sample;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A driver is foreign code: one that hands the engine samples of another shape than the device it
 * described (fewer pressures than channels: the missing channels kept their last reading, frozen,
 * as if the zone held still) is stopped at once, naming what it sent, and its samples are not taken.
 */
class MisshapenSampleTest {

    @TempDir
    Path data;

    /** Passes the unit's samples on, cut to the first four pressures once {@code cut} is set. */
    private static final class Cutting extends ForwardingBoot {
        volatile boolean cut;

        Cutting(FakeBoot boot) {
            super(boot);
        }

        @Override
        public void listen(Listener listener) {
            super.listen(listener == null ? null : new Listener() {
                @Override
                public void sample(Sample sample) {
                    listener.sample(cut ? new Sample(sample.deviceTimeMs(), Arrays.copyOf(sample.pressures(), 4),
                            sample.latchedFault()) : sample);
                }

                @Override
                public void deviceFault(DeviceFault fault) {
                    listener.deviceFault(fault);
                }
            });
        }
    }

    @Test
    void aSampleWithFewerPressuresThanTheDeviceHasChannelsFaultsTheSessionAtOnceNamingIt() throws Exception {
        Harness h = new Harness(data);
        h.program(TestPrograms.sequential(2000, 30_000));
        Cutting unit = new Cutting(FakeBoot.of("dev1", Models.RB2_L5, h.time));
        h.connect(unit);
        SessionInfo s = h.start("seq", Harness.plain(5, 10));
        h.seconds(3);
        unit.cut = true;
        h.seconds(0.1); // a few samples and ticks
        assertEquals(SessionState.FAULT, h.state(s.id()), "the session ends as the first cut sample is seen");
        String message = h.info(s.id()).fault().message();
        assertTrue(message.startsWith("controller error: the driver of dev1 sent a sample of 4 pressures; the device has"
                + " 10 channels (its samples are not taken: check the driver); highest pressure in zone"), message);
    }
}
