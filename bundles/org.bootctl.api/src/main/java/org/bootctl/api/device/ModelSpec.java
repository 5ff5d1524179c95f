package org.bootctl.api.device;

import java.util.List;

/**
 * What a boot model is, as its maker specifies it.
 *
 * @param model           model id, e.g. {@code RB2-L5}
 * @param limbs           1 or 2
 * @param zoneNames       distal to proximal
 * @param hardLimitMmHg   the firmware's hard limit
 * @param sensorFullScaleMmHg the pressure sensor's full scale
 * @param regulation      who regulates pressure
 * @param pressurePerLimb true when each limb's chamber has its own pressure (channels L/R); false when
 *                        one pressure serves both limbs of a zone (channels Z)
 * @param defaultRateHz   telemetry rate after power-up
 */
public record ModelSpec(String model, int limbs, List<String> zoneNames, double hardLimitMmHg,
                        double sensorFullScaleMmHg, RegulationMode regulation, boolean pressurePerLimb,
                        int defaultRateHz) {
    public ModelSpec {
        zoneNames = List.copyOf(zoneNames);
    }

    public int zones() {
        return zoneNames.size();
    }
}
