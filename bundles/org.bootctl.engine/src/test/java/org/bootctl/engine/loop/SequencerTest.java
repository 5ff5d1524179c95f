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
import org.junit.jupiter.api.Test;

/** The plan's cycle, step by step, on an RB1-L4 (one channel per zone). */
class SequencerTest {

    private static final long MS = 1_000_000;
    private final DeviceDescription rb1 = DeviceDescription.of("d", Models.RB1_L4, "s", "f", 10);
    private final ChannelMap map = new ChannelMap(rb1);
    private final Readings readings = new Readings(4);
    /** What the sequencer said it intends, last. */
    private Intent intent = Intent.idle(4);

    private void start(Sequencer seq, int cycle, long now) {
        intent = seq.startCycle(cycle, now, readings, intent);
    }

    /** One tick; whether the step or cycle changed. */
    private boolean tick(Sequencer seq, long now) {
        int cycle = seq.cycle();
        int step = seq.step();
        intent = seq.tick(now, readings, intent);
        return seq.cycle() != cycle || seq.step() != step;
    }

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
        start(seq, 1, 0);
        assertArrayEquals(new double[] {80, 0, 0, 0}, intent.targets());
        assertTrue(intent.fills().active(0));
        assertFalse(tick(seq, 30_000 * MS), "waits for the fill, however long");
        pressures(71, 0, 0, 0); // 80 - max(4, 8) = 72: not yet
        assertFalse(tick(seq, 31_000 * MS));
        pressures(72, 0, 0, 0);
        assertFalse(tick(seq, 32_000 * MS), "reached: the hold begins");
        assertFalse(intent.fills().active(0));
        pressures(60, 0, 0, 0); // dipping after reaching does not undo it
        assertFalse(tick(seq, 32_999 * MS));
        assertTrue(tick(seq, 33_000 * MS), "after the hold");
        assertEquals(1, seq.step());
        assertArrayEquals(new double[] {80, 60, 0, 0}, intent.targets());
        assertFalse(intent.fills().active(0), "a HOLD zone is not waited for");
        assertTrue(intent.fills().active(1));
    }

    @Test
    void aFillToALowerTargetCountsAsReachedAtOnce() {
        Plan plan = new Plan("p", "1", List.of(
                new Step(List.of(f(100), V, V, V), 0),
                new Step(List.of(f(50), V, V, V), 5000)));
        Sequencer seq = new Sequencer(plan, map, false);
        pressures(100, 0, 0, 0);
        start(seq, 1, 0);
        assertTrue(tick(seq, 20 * MS));
        assertEquals(1, seq.step());
        assertFalse(intent.fills().active(0), "100 mmHg is past a 50 mmHg fill: reached (the regulator vents down)");
        assertEquals(100, intent.limits().highest(0), "the channel trip still allows the previous step's target");
    }

    @Test
    void theLastStepHoldsOnUntilTheMinimumCycleTime() {
        Plan plan = new Plan("p", "1", List.of(new Step(List.of(f(40), f(40), f(40), f(40)), 0),
                new Step(List.of(V, V, V, V), 0)), 60_000);
        Sequencer seq = new Sequencer(plan, map, true);
        pressures(40, 40, 40, 40);
        start(seq, 1, 0);
        assertArrayEquals(new double[] {28, 28, 28, 28}, intent.targets(), "cycle 1 at 70 %");
        assertTrue(tick(seq, 20 * MS));
        assertEquals(1, seq.step());
        assertFalse(tick(seq, 59_999 * MS), "rests until the cycle has lasted 60 s");
        assertTrue(tick(seq, 60_000 * MS));
        assertEquals(2, seq.cycle());
        assertEquals(0, seq.step());
        assertEquals(34, intent.targets()[0], 1e-9, "cycle 2 at 85 %");
    }
}
