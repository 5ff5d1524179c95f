package org.bootctl.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.bootctl.api.device.Models;
import org.bootctl.api.device.ModelSpec;
import org.bootctl.api.device.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Fill and vent times, the shared pump, the sensor: host-regulated RB2 models on virtual time. */
class PneumaticsTest {

    @ParameterizedTest
    @ValueSource(strings = {"RB2-L5", "RB2-A4", "RB2-M8"})
    void oneZoneFillsTo100InSecondsAndVentsUnder5(String modelId) {
        ModelSpec model = Models.find(modelId).orElseThrow();
        Recorder sim = new Recorder(model, "");
        sim.fill(255, 0);
        long fill = sim.runUntil(s -> s.pressure(0) >= 100, 30);
        assertTrue(fill >= sim.seconds(2.5) && fill <= sim.seconds(6), modelId + " filled zone 1 to 100 mmHg in " + fill / 1e9 + " s");

        sim.vent();
        long vent = sim.runUntil(s -> s.pressure(0) < 5, 30);
        assertTrue(vent > 0 && vent <= sim.seconds(4), modelId + " vented zone 1 under 5 mmHg in " + vent / 1e9 + " s");
    }

    @Test
    void theOtherChannelsStayAtRestWhileOneFills() {
        Recorder sim = new Recorder(Models.RB2_L5, "");
        sim.fill(255, 2);
        sim.runUntil(s -> s.pressure(2) >= 100, 30);
        for (int channel = 0; channel < 10; channel++) {
            if (channel != 2) {
                assertEquals(0, sim.device.truePressure(channel), 1e-9, "channel " + channel);
                assertTrue(Math.abs(sim.reading(channel)) < 1.5, "channel " + channel + " reads " + sim.reading(channel));
            }
        }
    }

    @Test
    void aClosedChamberHoldsItsPressure() {
        Recorder sim = new Recorder(Models.RB2_L5, "");
        sim.fill(255, 0);
        sim.runUntil(s -> s.pressure(0) >= 80, 30);
        sim.hold();
        sim.advance(0.1);
        double held = sim.device.truePressure(0);
        sim.advance(10);
        double lost = held - sim.device.truePressure(0);
        assertTrue(lost > 0 && lost < 2, "a sound chamber lost " + lost + " mmHg in 10 s");
    }

    @Test
    void twoChannelsFillingTogetherShareThePump() {
        Recorder one = new Recorder(Models.RB2_L5, "");
        one.fill(255, 0);
        long alone = one.runUntil(s -> s.pressure(0) >= 100, 30);

        Recorder two = new Recorder(Models.RB2_L5, "");
        two.fill(255, 0, 5);
        long together = two.runUntil(s -> s.pressure(0) >= 100 && s.pressure(5) >= 100, 30);

        assertTrue(alone > 0 && together > alone * 1.5, "alone " + alone / 1e9 + " s, two together " + together / 1e9 + " s");
    }

    @Test
    void lowerDutyFillsSlower() {
        Recorder full = new Recorder(Models.RB2_L5, "");
        full.fill(255, 0);
        long fast = full.runUntil(s -> s.pressure(0) >= 60, 30);

        Recorder half = new Recorder(Models.RB2_L5, "");
        half.fill(128, 0);
        long slow = half.runUntil(s -> s.pressure(0) >= 60, 30);

        assertTrue(fast > 0 && slow > fast, "full duty " + fast / 1e9 + " s, half duty " + slow / 1e9 + " s");
    }

    @Test
    void minimumFillTimeIsJustBelowARealFillAtFullDuty() {
        for (int[] channels : new int[][]{{0}, {0, 5}}) {
            Recorder sim = new Recorder(Models.RB2_L5, "");
            sim.fill(255, channels);
            long real = sim.runUntil(s -> s.pressure(channels[0]) >= 100 && s.pressure(channels[channels.length - 1]) >= 100, 30);
            long minimum = sim.device.minimumFillNanos(channels, 0, 100);
            assertTrue(minimum < real && minimum > real * 0.8,
                    channels.length + " channel(s): minimum " + minimum / 1e9 + " s, real " + real / 1e9 + " s");
        }
    }

    @Test
    void minimumFillTimeEdges() {
        SimulatedDevice device = new Recorder(Models.RB2_L5, "").device;
        assertEquals(0, device.minimumFillNanos(new int[]{0}, 50, 40));
        assertEquals(Long.MAX_VALUE, device.minimumFillNanos(new int[]{0}, 0, 400), "beyond the pump's stall pressure");
        assertTrue(device.minimumFillNanos(new int[]{0}, 50, 100) < device.minimumFillNanos(new int[]{0}, 0, 100));
    }

    @Test
    void sensorNoiseAndQuantisationArePresentButSmall() {
        Recorder sim = new Recorder(Models.RB2_L5, "");
        sim.fill(255, 0);
        sim.runUntil(s -> s.pressure(0) >= 60, 30);
        sim.hold();
        sim.advance(0.5);
        int first = sim.samples.size();
        sim.advance(2);
        Set<Double> values = new HashSet<>();
        double sum = 0;
        double sumOfSquares = 0;
        int count = 0;
        for (Sample sample : sim.samples.subList(first, sim.samples.size())) {
            for (int channel = 0; channel < sample.channelCount(); channel++) {
                double tenths = sample.pressure(channel) * 10;
                assertEquals(Math.rint(tenths), tenths, 1e-6, "a reading in tenths of a mmHg: " + sample.pressure(channel));
            }
            double error = sample.pressure(0) - sim.device.truePressure(0);
            values.add(sample.pressure(0));
            sum += error;
            sumOfSquares += error * error;
            count++;
        }
        double mean = sum / count;
        double spread = Math.sqrt(sumOfSquares / count - mean * mean);
        assertTrue(values.size() >= 3, "a noisy sensor gives varied readings: " + values);
        assertTrue(spread > 0.03 && spread < 0.5, "noise " + spread + " mmHg");
        assertTrue(Math.abs(mean) < 1, "offset " + mean + " mmHg");
    }

    @Test
    void samplesComeAtTheModelsRate() {
        Recorder rb2 = new Recorder(Models.RB2_L5, "");
        rb2.advance(1);
        assertEquals(50, rb2.samples.size());
        assertEquals(50, rb2.device.description().sampleRateHz());
        assertEquals(1000, rb2.last().deviceTimeMs());

        Recorder rb1 = new Recorder(Models.RB1_L4, "");
        rb1.advance(1);
        assertEquals(20, rb1.samples.size());
        assertEquals(4, rb1.last().channelCount());
    }

    @Test
    void aCommandActsOnlyAfterTheValveDelay() {
        Recorder sim = new Recorder(Models.RB2_L5, "");
        sim.time.advance(5 * Recorder.MS);
        sim.fill(255, 0); // acts at 20 ms
        sim.time.advance(15 * Recorder.MS); // the sample at 20 ms
        assertEquals(0, sim.device.truePressure(0), 1e-12, "the valve has not opened yet");
        sim.time.advance(20 * Recorder.MS);
        assertTrue(sim.device.truePressure(0) > 0, "the fill acts once the valve delay has passed");
    }
}
