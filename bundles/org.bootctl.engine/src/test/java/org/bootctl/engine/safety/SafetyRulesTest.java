package org.bootctl.engine.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bootctl.api.device.DeviceFault;
import org.bootctl.api.device.Models;
import org.bootctl.api.device.Valve;
import org.bootctl.api.session.Fault;
import org.junit.jupiter.api.Test;

/** Each rule of the safety table on its own, at the edges of its numbers. */
class SafetyRulesTest {

    // RB2-L5 channels: L1..L5 = 0..4, R1..R5 = 5..9; zone 3 left = 2, zone 2 right = 6
    private final StubInputs in = new StubInputs(Models.RB2_L5);

    @Test
    void absoluteTripIsTheSessionLimitPlus15OrTheHardLimitLess5() {
        AbsoluteTripRule rule = new AbsoluteTripRule();
        in.sessionAt(57); // level 3: trips above 72
        assertNull(rule.check(in.set(2, 72.0)));
        Fault fault = rule.check(in.set(2, 72.1));
        assertEquals("over-pressure in zone 3 (calf, left): 72.1 mmHg", fault.message());
        assertEquals("L3", fault.channel());
        assertEquals(3, fault.zone());
        assertEquals(72.1, fault.pressureMmHg());

        StubInputs idle = new StubInputs(Models.RB2_L5); // no session: hard limit 130 - 5
        assertNull(rule.check(idle.set(6, 125.0)));
        assertEquals("over-pressure in zone 2 (ankle, right): 127.4 mmHg", rule.check(idle.set(6, 127.4)).message());

        StubInputs rb1 = new StubInputs(Models.RB1_L4).sessionAt(110); // min(120 - 5, 110 + 15) = 115
        assertNull(rule.check(rb1.set(1, 115.0)));
        assertEquals("over-pressure in zone 2 (calf): 115.2 mmHg", rule.check(rb1.set(1, 115.2)).message());
    }

    @Test
    void tripsCompareTheHigherOfReadingAndCorrectedPressure() {
        AbsoluteTripRule rule = new AbsoluteTripRule();
        in.sessionAt(57);
        in.pressure[0] = 70; // corrected: 3 mmHg zero offset
        in.raw[0] = 73;
        assertNotNull(rule.check(in));
    }

    @Test
    void channelTripIs15AboveTheHighestTargetOfTheCurrentOrPreviousStep() {
        ChannelTripRule rule = new ChannelTripRule();
        in.step(0, 80);
        in.step(0, 40); // current 40, previous 80
        assertNull(rule.check(in.set(0, 95.0)));
        in.step(0, 0); // current 0, previous 40
        assertEquals("over target in zone 1 (foot, left): 55.5 mmHg, more than 15 mmHg above its target of 40.0 mmHg",
                rule.check(in.set(0, 55.5)).message());
        assertNull(rule.check(in.set(0, 55.0)));
    }

    @Test
    void uncommandedRiseIs8AboveWhereTheValveClosed() {
        UncommandedRiseRule rule = UncommandedRiseRule.hostRegulated(10);
        in.valves[4] = Valve.FILL;
        assertNull(rule.check(in.set(4, 60)));
        in.valves[4] = Valve.CLOSED;
        assertNull(rule.check(in.set(4, 61)));  // closed at 61
        assertNull(rule.check(in.set(4, 59)));  // settles to 59
        assertNull(rule.check(in.set(4, 67)));  // 8 above the lowest since closing: not yet
        assertEquals("uncommanded pressure rise in zone 5 (thigh, left): 67.1 mmHg, 8.1 mmHg above where its valve"
                + " closed (valve stuck open?)", rule.check(in.set(4, 67.1)).message());
        in.valves[4] = Valve.FILL; // a fill resets the reference
        assertNull(rule.check(in.set(4, 90)));
        in.valves[4] = Valve.VENT;
        assertNull(rule.check(in.set(4, 90)));
        assertNull(rule.check(in.set(4, 97)));
    }

    @Test
    void staleTelemetryAfterMax250MsOrThreeSamplePeriods() {
        StaleTelemetryRule rb2 = new StaleTelemetryRule(50);
        in.set(3, 41);
        in.lastSample = 1_000_000_000L;
        assertNull(rb2.check(in.at(1.249)));
        assertEquals("stale telemetry: no sample for 250 ms; highest pressure in zone 4 (knee, left): 41.0 mmHg",
                rb2.check(in.at(1.250)).message());
        StaleTelemetryRule slow = new StaleTelemetryRule(5); // 3 periods = 600 ms
        assertNull(slow.check(in.at(1.599)));
        assertNotNull(slow.check(in.at(1.600)));
    }

    @Test
    void fillTimeoutNamesTheChannelThatGotLeastFar() {
        FillTimeoutRule rule = new FillTimeoutRule();
        in.expect(ExpectedFills.Purpose.STEP, 83, 20_000_000_000L, 2, 7);
        in.set(2, 60).set(7, 41.2);
        assertNull(rule.check(in.at(19.99)));
        assertEquals("fill timeout: zone 3 (calf, right) reached only 41.2 mmHg of 83.0 mmHg in 20 s"
                + " — leak or garment not connected", rule.check(in.at(20)).message());
        in.set(7, 79.0); // within max(4, 10 %) of 83: reached
        in.set(2, 79.0);
        assertNull(rule.check(in.at(21)));
        in.expect(ExpectedFills.Purpose.FIT_CHECK, 20, 10_000_000_000L, 0);
        assertEquals("fit check: zone 1 (foot, left) not connected or leaking: reached only 0.0 mmHg of 20.0 mmHg in 10 s",
                rule.check(in.at(10)).message());
    }

    @Test
    void sensorRangeIsMinus10ToFullScale() {
        SensorRangeRule rule = new SensorRangeRule();
        assertNull(rule.check(in.set(0, -10).set(1, 300)));
        assertEquals("implausible sensor reading in zone 1 (foot, left): -10.5 mmHg (a sensor reads -10 to 300 mmHg)",
                rule.check(in.set(0, -10.5)).message());
        in.set(0, 0);
        assertEquals("implausible sensor reading in zone 2 (ankle, left): 300.1 mmHg (a sensor reads -10 to 300 mmHg)",
                rule.check(in.set(1, 300.1)).message());
    }

    @Test
    void sensorResponseNeedsHalfMmHgIn2sWhileFillingAboveHalfDuty() {
        SensorResponseRule rule = new SensorResponseRule(10);
        in.valves[0] = Valve.FILL;
        in.pump = 128;
        assertNull(rule.check(in.set(0, 10).at(0)));
        assertNull(rule.check(in.set(0, 10.4).at(1.99)));
        Fault fault = rule.check(in.set(0, 10.4).at(2.0));
        assertEquals("pressure not rising while filling in zone 1 (foot, left): 10.4 mmHg, moved 0.4 mmHg in 2 s with"
                + " the pump on (chamber not connected, hose off, pump or sensor fault)", fault.message());
        // a moving channel passes; a pump at half duty or less is not judged
        assertNull(rule.check(in.set(0, 11.0).at(4.0)));
        in.pump = 127;
        assertNull(rule.check(in.set(0, 11.0).at(6.0)));
        assertNull(rule.check(in.set(0, 11.0).at(9.0)));
    }

    /** Ticks of 20 ms from {@code from} to {@code to} s, the reading given by {@code mmHg}; the first fault's time, or -1. */
    private double run(SafetyRule rule, double from, double to, java.util.function.DoubleUnaryOperator mmHg) {
        for (int tick = (int) Math.round(from * 50); tick < Math.round(to * 50); tick++) {
            double t = tick / 50.0;
            in.set(0, Math.round(mmHg.applyAsDouble(t) * 10) / 10.0).at(t).lastSample = in.now; // a sample every tick
            if (rule.check(in) != null) {
                return t;
            }
        }
        return -1;
    }

    @Test
    void aFastFillWhoseReadingStopsTripsInTheTimeItsOwnRateNeedsFor4MmHg() {
        FillStallRule rule = new FillStallRule(10);
        in.valves[0] = Valve.FILL;
        in.pump = 255;
        assertEquals(-1, run(rule, 0, 1, t -> 40 * t), "rising 40 mmHg/s: sound");
        double tripped = run(rule, 1, 3, t -> 40);
        assertTrue(tripped >= 1.1 && tripped <= 1.14, "the window is 4 mmHg at 40 mmHg/s, 0.1 s: " + tripped);
        Fault fault = rule.check(in.at(tripped + 0.02));
        assertNull(fault, "judged once per sample: no new sample, no new judgement");
        in.lastSample = in.now;
        fault = rule.check(in);
        assertTrue(fault.message().startsWith("pressure not rising while filling in zone 1 (foot, left): 40.0 mmHg, moved"
                + " 0.0 mmHg in 0.1 s with the pump on, where it was rising "), fault.message());
    }

    @Test
    void samplesThatComeLateAreNotAChamberThatStoppedRising() {
        FillStallRule rule = new FillStallRule(10);
        in.valves[0] = Valve.FILL;
        in.pump = 255;
        assertEquals(-1, run(rule, 0, 1, t -> 40 * t));
        for (double t = 1; t < 1.2; t += 0.02) {
            assertNull(rule.check(in.at(t)), "no sample since 0.98 s (the stale-telemetry rule's to judge): " + t);
        }
        assertEquals(-1, run(rule, 1.2, 2, t -> 40 * t), "samples again, rising");
    }

    @Test
    void aSlowFillIsLeftToTheTwoSecondRule() {
        FillStallRule rule = new FillStallRule(10);
        in.valves[0] = Valve.FILL;
        in.pump = 255;
        assertEquals(-1, run(rule, 0, 2, t -> 5 * t));
        assertEquals(-1, run(rule, 2, 6, t -> 10), "5 mmHg/s: the 2 s rule is quick enough");
    }

    @Test
    void aTopUpUsesWhatTheChamberTookInEarlierFillsAtFullDuty() {
        FillStallRule rule = new FillStallRule(10);
        in.valves[0] = Valve.FILL;
        in.pump = 255;
        assertEquals(-1, run(rule, 0, 1, t -> 40 * t));
        in.valves[0] = Valve.CLOSED;
        in.pump = 0;
        assertEquals(-1, run(rule, 1, 2, t -> 40), "held");
        in.valves[0] = Valve.FILL;
        in.pump = 255;
        double tripped = run(rule, 2, 4, t -> 40); // its sensor stuck while it held: a top-up that never shows
        assertTrue(tripped >= 2.26 && tripped <= 2.3, "settle 60 ms, then half the earlier 40 mmHg/s needs 0.2 s for 4 mmHg: "
                + tripped);
    }

    @Test
    void aDeviceRegulatedZoneHeldMoreThan3point5UnderItsSetpointWithoutMovingTripsAfterHalfASecond() {
        StubInputs rb1 = new StubInputs(Models.RB1_L4);
        SustainedOffsetRule rule = SustainedOffsetRule.shortfall(4);
        rb1.setpoints[0] = 110;
        assertEquals(-1, runRb1(rb1, rule, 0, 5, t -> 106.6), "3.4 mmHg under: inside the ±3 mmHg hold band and noise");
        rule.reset();
        double tripped = runRb1(rb1, rule, 5, 8, t -> 106.4);
        assertTrue(tripped >= 5.5 && tripped <= 5.52, "3.6 mmHg under, not moving: the 0.5 s window: " + tripped);
        assertNull(rule.check(rb1.at(tripped + 0.02)), "judged once per sample: no new sample, no new judgement");
        rb1.lastSample = rb1.now;
        assertEquals("pressure not rising toward its setpoint in zone 1 (foot): 106.4 mmHg, setpoint 110.0 mmHg, moved 0.0"
                + " mmHg in 0.5 s (sensor stuck, leak, chamber not connected or pump fault)", rule.check(rb1).message());
    }

    @Test
    void theShortfallIsJudgedFromTheWholeMmHgSetpointTheFirmwareGets() {
        StubInputs rb1 = new StubInputs(Models.RB1_L4);
        SustainedOffsetRule rule = SustainedOffsetRule.shortfall(4);
        rb1.setpoints[0] = 92.7; // the RB1 driver sends 92
        assertEquals(-1, runRb1(rb1, rule, 0, 3, t -> 88.6), "3.4 mmHg under the 92 the firmware holds to");
        double tripped = runRb1(rb1, rule, 3, 5, t -> 88.4);
        assertTrue(tripped >= 3.5 && tripped <= 3.52, "3.6 mmHg under 92: " + tripped);
    }

    @Test
    void aDeviceRegulatedZoneRisingOrComingBackIntoTheBandIsNotJudged() {
        StubInputs rb1 = new StubInputs(Models.RB1_L4);
        SustainedOffsetRule rule = SustainedOffsetRule.shortfall(4);
        rb1.setpoints[0] = 110;
        assertEquals(-1, runRb1(rb1, rule, 0, 3, t -> 60 + 1.2 * t), "rising 1.2 mmHg/s: 0.6 mmHg in each 0.5 s");
        // under the band for 0.4 s, one sample back inside it, under again: the window starts again
        assertEquals(-1, runRb1(rb1, rule, 3, 3.4, t -> 105));
        assertEquals(-1, runRb1(rb1, rule, 3.4, 3.42, t -> 107));
        double tripped = runRb1(rb1, rule, 3.42, 5, t -> 105);
        assertTrue(tripped >= 3.92 && tripped <= 3.94, "0.5 s after it went under again: " + tripped);
    }

    @Test
    void aDeviceRegulatedZoneThatDoesNotFallWhileVentedTripsAfter2s() {
        StubInputs rb1 = new StubInputs(Models.RB1_L4);
        SustainedOffsetRule rule = SustainedOffsetRule.excess(4);
        rb1.setpoints[0] = 0;
        assertEquals(-1, runRb1(rb1, rule, 0, 3, t -> Math.max(0, 58 - 20 * t)), "venting: falls");
        assertEquals(-1, runRb1(rb1, rule, 3, 8, t -> 9.5), "at rest a sensor reads its zero offset (up to 5 mmHg accepted)");
        rb1.setpoints[0] = 60;
        assertEquals(-1, runRb1(rb1, rule, 8, 12, t -> 63.4), "3.4 mmHg over its setpoint: inside the hold band and noise");
        rb1.setpoints[0] = 0;
        double tripped = runRb1(rb1, rule, 12, 16, t -> 58);
        assertTrue(tripped >= 14 && tripped <= 14.02, "stuck at 58 mmHg while set to vent: " + tripped);
        rb1.at(tripped + 0.02).lastSample = rb1.now;
        assertEquals("pressure not falling toward its setpoint in zone 1 (foot): 58.0 mmHg, setpoint 0.0 mmHg, moved 0.0 mmHg"
                + " in 2 s (sensor stuck or vent blocked)", rule.check(rb1).message());
    }

    @Test
    void theTwoSecondSetpointRuleStillCatchesAZoneSwingingUnderItsSetpoint() {
        StubInputs rb1 = new StubInputs(Models.RB1_L4);
        SustainedOffsetRule sustained = SustainedOffsetRule.shortfall(4);
        SetpointResponseRule twoSeconds = new SetpointResponseRule(4);
        rb1.setpoints[0] = 80;
        java.util.function.DoubleUnaryOperator swinging = t -> 60 + (Math.round(t * 50) % 10 < 5 ? 0 : 1);
        assertEquals(-1, runRb1(rb1, sustained, 0, 5, swinging), "moves 1 mmHg in every 0.5 s");
        double tripped = runRb1(rb1, twoSeconds, 0, 5, swinging);
        assertTrue(tripped >= 2 && tripped <= 2.02, "no net move in 2 s: " + tripped);
    }

    @Test
    void aDeviceRegulatedZoneSetToVentRisingMoreThan4MmHgAboveItsLowestTrips() {
        StubInputs rb1 = new StubInputs(Models.RB1_L4);
        UncommandedRiseRule rule = UncommandedRiseRule.deviceRegulated(4);
        rb1.setpoints[0] = 80;
        assertEquals(-1, runRb1(rb1, rule, 0, 1, t -> 10 * t), "filling toward its setpoint: not judged");
        rb1.setpoints[0] = 0;
        // the vent command arrives late (a resent line): still filling for 0.3 s, then venting
        assertEquals(-1, runRb1(rb1, rule, 1, 3, t -> t < 1.3 ? 10 * t : Math.max(0, 13 - 20 * (t - 1.3))), "a late vent");
        double tripped = runRb1(rb1, rule, 3, 6, t -> 2 * (t - 3)); // from 0, air comes in while it is set to vent
        assertTrue(tripped >= 5.02 && tripped <= 5.06, "more than 4 mmHg above its lowest, 0: " + tripped);
        rb1.at(tripped + 0.02).lastSample = rb1.now;
        assertEquals("uncommanded pressure rise in zone 1 (foot): 4.1 mmHg, 4.1 mmHg above its lowest since it was set to"
                + " vent (fill valve stuck open?)", rule.check(rb1.set(0, 4.1)).message());
    }

    /** A sample every tick on channel 0 of an RB1 stub; the time of the first fault, or -1. */
    private static double runRb1(StubInputs rb1, SafetyRule rule, double from, double to, java.util.function.DoubleUnaryOperator mmHg) {
        for (int tick = (int) Math.round(from * 50); tick < Math.round(to * 50); tick++) {
            double t = tick / 50.0;
            rb1.set(0, Math.round(mmHg.applyAsDouble(t) * 10) / 10.0).at(t).lastSample = rb1.now;
            if (rule.check(rb1) != null) {
                return t;
            }
        }
        return -1;
    }

    @Test
    void aFitCheckFillThatDoesNotRiseIsSaidInTheFitChecksWords() {
        SensorResponseRule rule = new SensorResponseRule(10);
        in.valves[6] = Valve.FILL;
        in.pump = 255;
        in.expect(ExpectedFills.Purpose.FIT_CHECK, 20, 10_000_000_000L, 6);
        assertNull(rule.check(in.set(6, 0.1).at(0)));
        assertEquals("fit check: zone 2 (ankle, right) not connected or leaking: pressure not rising while filling,"
                + " 0.0 mmHg (moved 0.1 mmHg in 2 s with the pump on)", rule.check(in.set(6, -0.04).at(2)).message());
    }

    @Test
    void deviceFaultsFromTheListenerAndFromSamples() {
        DeviceFaultRule rule = new DeviceFaultRule();
        in.set(6, 131.2).set(0, 2);
        in.reported.add(new DeviceFault(DeviceFault.Kind.OVERPRESSURE, 6, "OVERPRESSURE"));
        assertEquals("device over-pressure in zone 2 (ankle, right): 131.2 mmHg", rule.check(in).message());
        assertNull(rule.check(in));
        in.reported.add(new DeviceFault(DeviceFault.Kind.RESTARTED, -1, "BOOT"));
        assertEquals("device restarted; highest pressure in zone 2 (ankle, right): 131.2 mmHg", rule.check(in).message());
        in.sampleFault = new DeviceFault(DeviceFault.Kind.WATCHDOG, -1, "WATCHDOG");
        assertEquals("device watchdog tripped; highest pressure in zone 2 (ankle, right): 131.2 mmHg",
                rule.check(in).message());
    }

    @Test
    void onConnectLooksAtTheFirstSampleOnly() {
        OnConnectRule rule = new OnConnectRule();
        in.hasSample = false;
        assertNull(rule.check(in));
        in.hasSample = true;
        assertEquals("found pressurised on connect in zone 2 (ankle, left): 30.0 mmHg",
                rule.check(in.set(1, 30)).message());
        assertNull(rule.check(in), "once");
        OnConnectRule calm = new OnConnectRule();
        assertNull(calm.check(new StubInputs(Models.RB2_L5).set(1, 5.0)));
    }

    @Test
    void theSupervisorReportsTheFirstRuleInItsOrder() {
        Supervisor supervisor = new Supervisor(in.device);
        in.lastSample = 0;
        in.set(0, 2); // first sample: calm
        assertNull(supervisor.check(in));
        in.set(2, 127.4).set(3, -11); // both over-pressure and an implausible reading
        assertEquals("implausible sensor reading", supervisor.check(in).cause());
    }
}
