package org.bootctl.driver.rb2;

import java.util.List;
import java.util.Optional;
import org.bootctl.api.device.ModelCatalog;
import org.bootctl.api.device.ModelDescription;
import org.bootctl.api.device.RegulationMode;
import org.osgi.service.component.annotations.Component;

/**
 * The RB2 models this driver speaks to (BCP, docs/protocols/rb2-bcp.md), published for the engine,
 * the UIs and the command line. Needs no configuration and opens no port.
 */
@Component(service = ModelCatalog.class)
public final class Rb2Models implements ModelCatalog {

    /** Leg boot, 2 limbs of 5 zones (foot to thigh), hard limit 130 mmHg, host-regulated, 50 Hz. */
    public static final ModelDescription RB2_L5 = rb2("RB2-L5", 4.1, "foot", "ankle", "calf", "knee", "thigh");
    /** Arm garment, 2 limbs of 4 zones (hand to upper arm), hard limit 130 mmHg, host-regulated, 50 Hz. */
    public static final ModelDescription RB2_A4 = rb2("RB2-A4", 3.1, "hand", "forearm", "elbow", "upper arm");
    /** Leg boot, 2 limbs of 8 zones (foot to groin), hard limit 130 mmHg, host-regulated, 50 Hz. */
    public static final ModelDescription RB2_M8 = rb2("RB2-M8", 3.4,
            "foot", "ankle", "lower calf", "upper calf", "knee", "lower thigh", "upper thigh", "groin");

    static final List<ModelDescription> ALL = List.of(RB2_L5, RB2_A4, RB2_M8);

    private static ModelDescription rb2(String model, double fillSeconds, String... zones) {
        return ModelDescription.builder(model).limbs(2).zones(zones).hardLimitMmHg(130).sensorFullScaleMmHg(300)
                .regulation(RegulationMode.HOST).pressurePerLimb(true).defaultRateHz(50).fillSeconds(fillSeconds).build();
    }

    /** The RB2 model of that id, ignoring case. */
    static Optional<ModelDescription> find(String model) {
        return ALL.stream().filter(m -> m.is(model)).findFirst();
    }

    @Override
    public List<ModelDescription> models() {
        return ALL;
    }
}
