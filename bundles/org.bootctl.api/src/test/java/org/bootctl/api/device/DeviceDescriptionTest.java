package org.bootctl.api.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A description built from a model, changed through its builder, and the 1.x path giving the same. */
class DeviceDescriptionTest {

    private static final ModelDescription X6 = ModelDescription.builder("ACME-X6")
            .zones("foot", "ankle", "calf", "knee", "lower thigh", "upper thigh").hardLimitMmHg(130).build();

    @Test
    void aModelGivesZonesChannelsAndLimitsAndTheUnitItsOwnValues() {
        DeviceDescription d = DeviceDescription.builder("acme-1").model(X6).hardLimitMmHg(125)
                .serial("A\n7").firmware("1.0").sampleRateHz(40).build();
        assertEquals("ACME-X6", d.model());
        assertEquals("A\\x0a7", d.serial(), "the unit's strings are cleaned");
        assertEquals(6, d.zoneCount());
        assertEquals(12, d.channelCount());
        assertEquals("zone 6 (upper thigh, right)", d.describe(11));
        assertEquals(125, d.hardLimitMmHg());
        assertEquals(300, d.sensorFullScaleMmHg());
        assertEquals(RegulationMode.HOST, d.regulation());
        assertEquals(40, d.sampleRateHz());

        DeviceDescription lower = d.toBuilder().hardLimitMmHg(120).build();
        assertEquals(120, lower.hardLimitMmHg());
        assertEquals(d.channels(), lower.channels());
        assertNotEquals(d, lower);
        assertEquals(d, d.toBuilder().build());
        assertEquals(d.hashCode(), d.toBuilder().build().hashCode());
    }

    @Test
    @SuppressWarnings("deprecation")
    void theOneXPathGivesTheSameDescription() {
        assertEquals(DeviceDescription.of("d", ModelDescription.of(Models.RB1_L4), "s", "f", 10),
                DeviceDescription.of("d", Models.RB1_L4, "s", "f", 10));
        assertEquals(List.of("Z1", "Z2", "Z3", "Z4"),
                DeviceDescription.of("d", Models.RB1_L4, "s", "f", 10).channels().stream().map(Channel::id).toList());
    }

    @Test
    void anIncompleteDescriptionIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> DeviceDescription.builder("x").model(X6).sampleRateHz(0).build());
        assertThrows(NullPointerException.class, () -> DeviceDescription.builder("x").model("M").limbs(1)
                .zones(List.of(new Zone(1, "foot"))).channels(DeviceDescription.channels(1, 1, false)).sampleRateHz(10).build());
    }
}
