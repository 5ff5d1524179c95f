package org.bootctl.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bootctl.api.device.ModelDescription;
import org.bootctl.api.device.RegulationMode;
import org.bootctl.timebase.ManualTimebase;
import org.junit.jupiter.api.Test;

/** The simulator simulates any model a bundle describes, sized by its fill time; its own models keep their physics. */
class DescribedModelTest {

    private static ModelDescription x6(double fillSeconds) {
        return ModelDescription.builder("ACME-X6").zones("foot", "ankle", "calf", "knee", "lower thigh", "upper thigh")
                .hardLimitMmHg(125).regulation(RegulationMode.HOST).fillSeconds(fillSeconds).build();
    }

    private static long fillNanos(SimulatedDevice device) {
        return device.minimumFillNanos(new int[] {0}, 0, 100);
    }

    @Test
    void aDescribedModelIsSimulatedWithItsZonesLimitsAndFillTime() {
        SimulatedDevice fast = SimulatorComponent.create("x6", x6(4.1), "leak:6", new ManualTimebase(), 1);
        assertEquals("ACME-X6", fast.description().model());
        assertEquals(List.of("foot", "ankle", "calf", "knee", "lower thigh", "upper thigh"),
                fast.description().zones().stream().map(z -> z.name()).toList());
        assertEquals(12, fast.description().channelCount());
        assertEquals(125, fast.description().hardLimitMmHg());

        SimulatedDevice slow = SimulatorComponent.create("x6", x6(8.2), "", new ManualTimebase(), 1);
        double ratio = (double) fillNanos(slow) / fillNanos(fast);
        assertTrue(ratio > 1.7 && ratio < 2.3, "twice the fill time, twice the chamber: " + ratio);
    }

    @Test
    void theSimulatorsOwnModelsKeepTheirMeasuredPhysics() {
        SimulatedDevice described = SimulatorComponent.create("a", SimulatorModels.RB2_L5, "", new ManualTimebase(), 1);
        SimulatedDevice byName = SimulatorComponent.create("b", "RB2-L5", "", new ManualTimebase(), 1);
        assertEquals(fillNanos(byName), fillNanos(described));
        assertEquals(List.of("RB2-L5", "RB2-A4", "RB2-M8", "RB1-L4"),
                new SimulatorModels().models().stream().map(ModelDescription::model).toList());
    }
}
