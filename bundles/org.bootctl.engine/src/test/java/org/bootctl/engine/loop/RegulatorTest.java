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
        regulator.regulate(targets, false, readings, time, command);
        for (int c = 0; c < 3; c++) {
            if (command.valve(c) == F) {
                lastFillingPump = command.pump;
            }
        }
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
    void aGentleFillTapersThePumpNearItsTargetAndATreatingFillDoesNot() {
        regulator.regulate(new double[] {20, 0, 0}, true, reading(0, 10), 20_000_000L, command);
        assertEquals(F, command.valve(0));
        assertTrue(command.pump < HostRegulator.FULL_DUTY && command.pump >= HostRegulator.MIN_DUTY,
                "gentle, 10 mmHg short: tapered, not " + command.pump);
        regulator.reset();
        regulator.regulate(new double[] {20, 0, 0}, false, reading(20, 10), 40_000_000L, command);
        assertEquals(HostRegulator.FULL_DUTY, command.pump, "treating: full duty");
    }

    private Readings reading(long deviceMs, double first) {
        readings.update(new Sample(deviceMs, new double[] {first, 0, 0}, null));
        return readings;
    }

    @Test
    void closesAtTheTickThatLandsNearestTheTargetCountingTheRiseStillToCome() {
        double[] targets = {100, 0, 0};
        double p = 60;
        while (command.valve(0) != C || p == 60) {
            p += 0.6; // 30 mmHg/s, 0.6 mmHg a tick
            step(targets, p, 0, 0);
        }
        // the valve acts 15 ms after the command: 0.45 mmHg more; closing a tick later would add 0.6
        double lands = p + 30 * HostRegulator.ACTUATION_NANOS / 1e9;
        assertEquals(100, lands, 0.31, "closed at " + p + ", lands at " + lands);
        assertEquals(HostRegulator.FULL_DUTY, pumpWhileFilling(), "the pump stays at full duty to the last tick");
    }

    private int lastFillingPump = -1;

    private int pumpWhileFilling() {
        return lastFillingPump;
    }

    @Test
    void holdsClosedNearTheTargetAndTopsUpOnceSettledBelowIt() {
        double[] targets = {100, 0, 0};
        double p = 90;
        while (command.valve(0) != C || p == 90) {
            p += 0.6;
            step(targets, p, 0, 0);
        }
        for (int i = 0; i < 10; i++) {
            step(targets, 99.7, 0, 0);
            assertEquals(C, command.valve(0), "0.3 mmHg under: within what one tick of filling would add");
        }
        step(targets, 99.3, 0, 0);
        assertEquals(C, command.valve(0), "one low reading is not yet a settled trend");
        for (int i = 0; i < 3 && command.valve(0) == C; i++) {
            step(targets, 99.3, 0, 0);
        }
        assertEquals(F, command.valve(0), "0.7 mmHg under, settled: topped up");
        assertEquals(HostRegulator.FULL_DUTY, command.pump);
        step(targets, 99.3, 0, 0);
        assertEquals(C, command.valve(0), "for one tick: its rise (30 mmHg/s alone) is expected to close the gap");
    }

    @Test
    void fillsAtFullDutyToTheEnd() {
        step(new double[] {100, 0, 0}, 95, 0, 0);
        assertEquals(F, command.valve(0));
        assertEquals(HostRegulator.FULL_DUTY, command.pump);
    }

    @Test
    void aChamberThatClosesSpeedsUpTheOnesStillFillingWithIt() {
        // two chambers share the pump, 0.6 mmHg a tick each; alone one would take 1.2
        double[] targets = {100, 100, 0};
        double a = 80;
        double b = 79.2;
        boolean aClosed = false;
        double bAtClose = Double.NaN;
        for (int i = 0; i < 100 && command.valve(1) != C; i++) {
            boolean aOpen = command.valve(0) == F;
            boolean bOpen = command.valve(1) == F;
            double each = aOpen && bOpen ? 0.6 : 1.2;
            a += aOpen ? each : 0;
            b += bOpen ? each : 0;
            step(targets, a, b, 0);
            if (command.valve(0) == C && !aClosed) {
                aClosed = true;
                bAtClose = b;
            }
        }
        assertTrue(aClosed, "the leading chamber closed");
        // the one still filling is judged at the faster rate at once, not the shared one it was seen at
        assertTrue(b + 1.2 * 0.75 <= 100.7, "b closed at " + b + " (it was at " + bAtClose + " when a closed)");
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
        setpoints.regulate(new double[] {82.99, 0, 20}, false, readings, 0, command);
        assertArrayEquals(new double[] {82, 0, 20}, command.setpoints);
    }
}
