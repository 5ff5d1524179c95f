package org.bootctl.engine.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bootctl.api.device.Sample;
import org.bootctl.api.device.Valve;
import org.junit.jupiter.api.Test;

/** The host regulator's decisions, and the setpoints of device-regulated units. */
class RegulatorTest {

    private static final Valve C = Valve.CLOSED;
    private static final Valve F = Valve.FILL;
    private static final Valve V = Valve.VENT;

    private final Readings readings = new Readings(3);
    private final Command command = new Command(3);
    private final HostRegulator regulator = new HostRegulator(3);
    private long time;
    private long deviceMs;

    private void step(double[] targets, double... pressures) {
        deviceMs += 20;
        time += 20_000_000L;
        readings.update(new Sample(deviceMs, pressures, null));
        regulator.regulate(targets, readings, time, command);
    }

    private Valve[] valves() {
        return command.valves.clone();
    }

    @Test
    void ventsWhatHasNoTargetAndFillsWhatIsBelowIt() {
        step(new double[] {0, 50, 0}, 10, 0, 0);
        assertArrayEquals(new Valve[] {V, F, V}, valves());
        assertEquals(HostRegulator.FULL_DUTY, command.pump);
        step(new double[] {0, 0, 0}, 0, 0, 0);
        assertEquals(0, command.pump);
    }

    @Test
    void closesAheadOfTheTargetByTheRiseStillToCome() {
        double[] targets = {100, 0, 0};
        double p = 60;
        while (command.valve(0) != C || p == 60) {
            p += 0.6; // 30 mmHg/s
            step(targets, p, 0, 0);
        }
        assertTrue(p < 100 && p > 96, "closed at " + p);
        step(targets, 99.5, 0, 0);
        assertEquals(C, command.valve(0), "holds within the band");
        step(targets, 97.9, 0, 0);
        assertEquals(F, command.valve(0), "tops up 2 mmHg under");
    }

    @Test
    void taperThePumpNearTheTarget() {
        step(new double[] {100, 0, 0}, 95, 0, 0);
        assertEquals(F, command.valve(0));
        assertTrue(command.pump < HostRegulator.FULL_DUTY && command.pump >= HostRegulator.MIN_DUTY, "" + command.pump);
    }

    @Test
    void ventsDownWhatIsWellAboveItsTarget() {
        step(new double[] {50, 0, 0}, 53.5, 0, 0);
        assertEquals(V, command.valve(0));
        step(new double[] {50, 0, 0}, 51.0, 0, 0);
        assertEquals(V, command.valve(0), "down to within 0.5");
        step(new double[] {50, 0, 0}, 50.4, 0, 0);
        assertEquals(C, command.valve(0));
    }

    @Test
    void theManifoldIsSharedOnlyByChambersAtAboutTheSamePressure() {
        // a chamber at 0 and one at 60 both want air: only the low one fills
        step(new double[] {80, 80, 80}, 0, 60, 1.5);
        assertArrayEquals(new Valve[] {F, C, F}, valves());
        // a fill under way finishes first: a chamber that drops to wanting air waits
        regulator.reset();
        step(new double[] {110, 0, 0}, 80, 0, 0);
        assertEquals(F, command.valve(0));
        step(new double[] {110, 110, 0}, 82, 0, 0);
        assertArrayEquals(new Valve[] {F, C, V}, valves(), "the new fill from 0 waits");
        while (command.valve(0) == F) {
            step(new double[] {110, 110, 0}, readings.pressure(0) + 0.5, 0, 0);
        }
        step(new double[] {110, 110, 0}, readings.pressure(0), 0, 0);
        assertEquals(F, command.valve(1), "then it starts");
    }

    @Test
    void deviceRegulatedUnitsGetWholeMmHgRoundedDown() {
        SetpointRegulator setpoints = new SetpointRegulator();
        readings.update(new Sample(0, new double[] {0, 0, 0}, null));
        setpoints.regulate(new double[] {82.99, 0, 20}, readings, 0, command);
        assertArrayEquals(new double[] {82, 0, 20}, command.setpoints);
    }
}
