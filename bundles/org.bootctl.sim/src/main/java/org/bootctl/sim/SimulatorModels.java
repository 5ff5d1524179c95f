package org.bootctl.sim;

import java.util.List;
import org.bootctl.api.device.ModelCatalog;
import org.bootctl.api.device.ModelDescription;
import org.bootctl.api.device.RegulationMode;
import org.osgi.service.component.annotations.Component;

/**
 * The models the simulator has measured physics for (RB2 and RB1, as their protocol documents
 * describe them), so a feature with the simulator and no driver knows them. It simulates any
 * other model a bundle describes as well ({@link SimModel#of(ModelDescription)}).
 */
@Component(service = ModelCatalog.class)
public final class SimulatorModels implements ModelCatalog {

    /** Leg boot, 2 limbs of 5 zones (foot to thigh), hard limit 130 mmHg, host-regulated, 50 Hz. */
    static final ModelDescription RB2_L5 = rb2("RB2-L5", 4.1, "foot", "ankle", "calf", "knee", "thigh");
    /** Arm garment, 2 limbs of 4 zones (hand to upper arm). */
    static final ModelDescription RB2_A4 = rb2("RB2-A4", 3.1, "hand", "forearm", "elbow", "upper arm");
    /** Leg boot, 2 limbs of 8 zones (foot to groin). */
    static final ModelDescription RB2_M8 = rb2("RB2-M8", 3.4,
            "foot", "ankle", "lower calf", "upper calf", "knee", "lower thigh", "upper thigh", "groin");
    /** First-generation leg boot, 4 zones with one pressure for both limbs, 120 mmHg, device-regulated, 10 Hz. */
    static final ModelDescription RB1_L4 = ModelDescription.builder("RB1-L4").limbs(2)
            .zones("foot", "calf", "knee", "thigh").hardLimitMmHg(120).sensorFullScaleMmHg(300)
            .regulation(RegulationMode.DEVICE).pressurePerLimb(false).defaultRateHz(10).fillSeconds(9.2).build();

    private static ModelDescription rb2(String model, double fillSeconds, String... zones) {
        return ModelDescription.builder(model).limbs(2).zones(zones).hardLimitMmHg(130).sensorFullScaleMmHg(300)
                .regulation(RegulationMode.HOST).pressurePerLimb(true).defaultRateHz(50).fillSeconds(fillSeconds).build();
    }

    @Override
    public List<ModelDescription> models() {
        return SimModel.described();
    }
}
