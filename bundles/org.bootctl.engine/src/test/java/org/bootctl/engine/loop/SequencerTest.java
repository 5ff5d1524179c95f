package org.bootctl.engine.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.device.Models;
import org.bootctl.api.device.Sample;
import org.bootctl.api.program.Plan;
import org.bootctl.api.program.Step;
import org.bootctl.api.program.ZoneAction;
import org.bootctl.engine.safety.FillWatch;
import org.bootctl.engine.safety.StepTargets;
import org.junit.jupiter.api.Test;

/** The plan's cycle, step by step, on an RB1-L4 (one channel per zone). */
class SequencerTest {

    private static final long MS = 1_000_000;
    private final DeviceDescription rb1 = DeviceDescription.of("d", Models.RB1_L4, "s", "f", 10);
    private final ChannelMap map = new ChannelMap(rb1);
    private final Readings readings = new Readings(4);
    private final FillWatch watch = new FillWatch(4);
    private final StepTargets limits = new StepTargets(4);

    private void pressures(double... mmHg) {
        readings.update(new Sample(0, mmHg, null));
    }

    private static ZoneAction f(double mmHg) {
        return ZoneAction.fill(mmHg);
    }

    private static ZoneAction h(double mmHg) {
        return ZoneAction.hold(mmHg);
    }

    private static final ZoneAction V = ZoneAction.vent();

    @Test
    void rampInScalesTheFirstTwoCyclesDown() {
        assertEquals(0.70, Sequencer.ramp(true, 1));
        assertEquals(0.85, Sequencer.ramp(true, 2));
        assertEquals(1.0, Sequencer.ramp(true, 3));
        assertEquals(1.0, Sequencer.ramp(true, 40));
        assertEquals(1.0, Sequencer.ramp(false, 1));
    }

    @Test
    void aStepWaitsForItsFillsThenHolds() {
        Plan plan = new Plan("p", "1", List.of(
                new Step(List.of(f(80), V, V, V), 1000),
                new Step(List.of(h(80), f(60), V, V), 0)));
        Sequencer seq = new Sequencer(plan, map, false);
        pressures(0, 0, 0, 0);
        seq.startCycle(1, 0, readings, watch, limits);
        assertArrayEquals(new double[] {80, 0, 0, 0}, seq.targets());
        assertTrue(watch.active(0));
        assertFalse(seq.tick(30_000 * MS, readings, watch, limits), "waits for the fill, however long");
        pressures(71, 0, 0, 0); // 80 - max(4, 8) = 72: not yet
        assertFalse(seq.tick(31_000 * MS, readings, watch, limits));
        pressures(72, 0, 0, 0);
        assertFalse(seq.tick(32_000 * MS, readings, watch, limits), "reached: the hold begins");
        assertFalse(watch.active(0));
        pressures(60, 0, 0, 0); // dipping after reaching does not undo it
        assertFalse(seq.tick(32_999 * MS, readings, watch, limits));
        assertTrue(seq.tick(33_000 * MS, readings, watch, limits), "after the hold");
        assertEquals(1, seq.step());
        assertArrayEquals(new double[] {80, 60, 0, 0}, seq.targets());
        assertFalse(watch.active(0), "a HOLD zone is not waited for");
        assertTrue(watch.active(1));
    }

    @Test
    void aFillToALowerTargetCountsAsReachedAtOnce() {
        Plan plan = new Plan("p", "1", List.of(
                new Step(List.of(f(100), V, V, V), 0),
                new Step(List.of(f(50), V, V, V), 5000)));
        Sequencer seq = new Sequencer(plan, map, false);
        pressures(100, 0, 0, 0);
        seq.startCycle(1, 0, readings, watch, limits);
        assertTrue(seq.tick(20 * MS, readings, watch, limits));
        assertEquals(1, seq.step());
        assertFalse(watch.active(0), "100 mmHg is past a 50 mmHg fill: reached (the regulator vents down)");
        assertEquals(100, limits.highest(0), "the channel trip still allows the previous step's target");
    }

    @Test
    void theLastStepHoldsOnUntilTheMinimumCycleTime() {
        Plan plan = new Plan("p", "1", List.of(new Step(List.of(f(40), f(40), f(40), f(40)), 0),
                new Step(List.of(V, V, V, V), 0)), 60_000);
        Sequencer seq = new Sequencer(plan, map, true);
        pressures(40, 40, 40, 40);
        seq.startCycle(1, 0, readings, watch, limits);
        assertArrayEquals(new double[] {28, 28, 28, 28}, seq.targets(), "cycle 1 at 70 %");
        assertTrue(seq.tick(20 * MS, readings, watch, limits));
        assertEquals(1, seq.step());
        assertFalse(seq.tick(59_999 * MS, readings, watch, limits), "rests until the cycle has lasted 60 s");
        assertTrue(seq.tick(60_000 * MS, readings, watch, limits));
        assertEquals(2, seq.cycle());
        assertEquals(0, seq.step());
        assertEquals(34, seq.targets()[0], 1e-9, "cycle 2 at 85 %");
    }
}
