package org.bootctl.driver.rb1;

import java.util.List;
import java.util.Optional;
import org.bootctl.api.device.ModelCatalog;
import org.bootctl.api.device.ModelDescription;
import org.bootctl.api.device.RegulationMode;
import org.osgi.service.component.annotations.Component;

/**
 * The RB1 models this driver speaks to (the line protocol, docs/protocols/rb1-line.md), published
 * for the engine, the UIs and the command line. Needs no configuration and opens no port.
 */
@Component(service = ModelCatalog.class)
public final class Rb1Models implements ModelCatalog {

    /**
     * First-generation leg boot, 4 zones (foot to thigh) with one pressure serving both limbs,
     * hard limit 120 mmHg, device-regulated, 10 Hz.
     */
    public static final ModelDescription RB1_L4 = ModelDescription.builder("RB1-L4").limbs(2)
            .zones("foot", "calf", "knee", "thigh").hardLimitMmHg(120).sensorFullScaleMmHg(300)
            .regulation(RegulationMode.DEVICE).pressurePerLimb(false).defaultRateHz(10).fillSeconds(9.2).build();

    static final List<ModelDescription> ALL = List.of(RB1_L4);

    /** The RB1 model of that id, ignoring case. */
    static Optional<ModelDescription> find(String model) {
        return ALL.stream().filter(m -> m.is(model)).findFirst();
    }

    @Override
    public List<ModelDescription> models() {
        return ALL;
    }
}
