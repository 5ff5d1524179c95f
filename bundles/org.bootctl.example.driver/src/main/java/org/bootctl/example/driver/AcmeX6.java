package org.bootctl.example.driver;

import java.util.List;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.device.ModelCatalog;
import org.bootctl.api.device.ModelDescription;
import org.bootctl.api.device.RegulationMode;
import org.osgi.service.component.annotations.Component;

/**
 * The model this driver brings: the fictional ACME-X6, one leg sleeve of six zones from foot to
 * groin, host-regulated (the driver sets pump and valves; the unit has no regulator of its own).
 * It lives here, in the driver, not in bootctl: published as a {@link ModelCatalog}, it is what
 * {@code bootctl programs --model ACME-X6}, {@code validate}, {@code plot}, {@code session} and the
 * web UI know of the model. The component needs no configuration and opens nothing, so the
 * headless commands may load it beside a running controller.
 */
@Component(service = ModelCatalog.class)
public final class AcmeX6 implements ModelCatalog {

    static final String MODEL = "ACME-X6";

    /** The zones, distal (1) to proximal, the limbs, the limits and the rate the unit streams at. */
    static final ModelDescription DESCRIPTION = ModelDescription.builder(MODEL)
            .limbs(1)
            .zones("foot", "ankle", "calf", "knee", "lower thigh", "upper thigh")
            .hardLimitMmHg(120)
            .sensorFullScaleMmHg(250)
            .regulation(RegulationMode.HOST)
            .pressurePerLimb(false)
            .defaultRateHz(50)
            .build();

    @Override
    public List<ModelDescription> models() {
        return List.of(DESCRIPTION);
    }

    /**
     * The description of one unit that answered the handshake. Where the unit and this description
     * disagree on the hard limit, the lower one holds (docs/DRIVERS.md, rule 1).
     */
    static DeviceDescription describe(String id, AcmeUnit.Identity unit) {
        return DeviceDescription.builder(id)
                .model(DESCRIPTION)
                .hardLimitMmHg(Math.min(DESCRIPTION.hardLimitMmHg(), unit.maxMmHg()))
                .serial(unit.serial())
                .firmware(unit.firmware())
                .sampleRateHz(DESCRIPTION.defaultRateHz())
                .build();
    }
}
