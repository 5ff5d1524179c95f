package org.bootctl.api.device;

import java.util.List;

/**
 * What a boot model is, as bootctl 1.x specified it. Immutable; {@link ModelDescription#of(ModelSpec)} converts it.
 *
 * @param model           model id, e.g. {@code RB2-L5}; matched ignoring case
 * @param limbs           1 or 2
 * @param zoneNames       distal to proximal, one non-blank name per zone (copied)
 * @param hardLimitMmHg   the firmware's hard limit, mmHg; sessions keep 10 mmHg under it
 * @param sensorFullScaleMmHg the pressure sensor's full scale, mmHg
 * @param regulation      who regulates pressure
 * @param pressurePerLimb true when each limb's chamber has its own pressure (channels L/R); false when
 *                        one pressure serves both limbs of a zone (channels Z)
 * @param defaultRateHz   telemetry rate after power-up
 * @deprecated a record cannot grow; describe models with {@link ModelDescription}
 */
@Deprecated
public record ModelSpec(String model, int limbs, List<String> zoneNames, double hardLimitMmHg,
                        double sensorFullScaleMmHg, RegulationMode regulation, boolean pressurePerLimb,
                        int defaultRateHz) {
    /**
     * Copies the zone names.
     *
     * @param model               model id
     * @param limbs               1 or 2
     * @param zoneNames           distal to proximal
     * @param hardLimitMmHg       the firmware's hard limit, mmHg
     * @param sensorFullScaleMmHg the sensor's full scale, mmHg
     * @param regulation          who regulates pressure
     * @param pressurePerLimb     whether each limb's chamber has its own pressure
     * @param defaultRateHz       telemetry rate after power-up, Hz
     * @throws NullPointerException for null zone names
     */
    public ModelSpec {
        zoneNames = List.copyOf(zoneNames);
    }

    /**
     * How many zones a limb has.
     *
     * @return the number of zone names
     */
    public int zones() {
        return zoneNames.size();
    }
}
