package ${package};

import java.util.List;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.device.ModelSpec;
import org.bootctl.api.device.RegulationMode;

/**
 * The model this driver brings: the fictional ACME-X6, one leg sleeve of six zones from foot to
 * groin, host-regulated (the driver sets pump and valves; the unit has no regulator of its own).
 * It lives here, in the driver, not in bootctl's catalogue: the engine runs any unit by the
 * {@link DeviceDescription} its connection gives.
 */
final class AcmeX6 {

    static final String MODEL = "ACME-X6";

    /** The zones, distal (1) to proximal, the limbs, the limits and the rate the unit streams at. */
    static final ModelSpec SPEC = new ModelSpec(MODEL, 1,
            List.of("foot", "ankle", "calf", "knee", "lower thigh", "upper thigh"),
            120, 250, RegulationMode.HOST, false, 50);

    private AcmeX6() {
    }

    /**
     * The description of one unit that answered the handshake. Where the unit and this description
     * disagree on the hard limit, the lower one holds (docs/DRIVERS.md, rule 1).
     */
    static DeviceDescription describe(String id, AcmeUnit.Identity unit) {
        DeviceDescription catalogue = DeviceDescription.of(id, SPEC, unit.serial(), unit.firmware(), SPEC.defaultRateHz());
        double hardLimit = Math.min(catalogue.hardLimitMmHg(), unit.maxMmHg());
        return new DeviceDescription(id, catalogue.model(), catalogue.serial(), catalogue.firmware(), catalogue.limbs(),
                catalogue.zones(), catalogue.channels(), hardLimit, catalogue.sensorFullScaleMmHg(),
                catalogue.regulation(), catalogue.sampleRateHz());
    }
}
