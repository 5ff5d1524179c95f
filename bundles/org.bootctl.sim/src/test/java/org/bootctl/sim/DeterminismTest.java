package org.bootctl.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.List;
import org.bootctl.api.device.Models;
import org.bootctl.api.device.Sample;
import org.junit.jupiter.api.Test;

class DeterminismTest {

    @Test
    void theSameSeedGivesTheSameSamples() {
        List<Sample> first = run(7);
        List<Sample> second = run(7);
        assertEquals(first.size(), second.size());
        for (int i = 0; i < first.size(); i++) {
            assertEquals(first.get(i).deviceTimeMs(), second.get(i).deviceTimeMs());
            assertArrayEquals(first.get(i).pressures(), second.get(i).pressures(), "sample " + i);
        }
    }

    @Test
    void anotherSeedGivesOtherNoise() {
        List<Sample> first = run(7);
        List<Sample> other = run(8);
        assertFalse(Arrays.equals(first.get(first.size() - 1).pressures(), other.get(other.size() - 1).pressures()));
    }

    /** Fill two zones in turn, hold, vent, with a sensor fault on the way. */
    private static List<Sample> run(long seed) {
        Recorder sim = new Recorder(Models.RB2_L5, "sensor-stuck:R2@6", seed);
        sim.fill(255, 0, 5);
        sim.advance(3.333);
        sim.fill(180, 1, 6);
        sim.advance(4);
        sim.hold();
        sim.advance(2);
        sim.device.ventAll();
        sim.advance(3);
        return sim.samples;
    }
}
