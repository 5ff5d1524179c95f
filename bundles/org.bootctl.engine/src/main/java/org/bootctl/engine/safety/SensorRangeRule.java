package org.bootctl.engine.safety;

import org.bootctl.api.session.Fault;

/** {@code S-SENSOR-RANGE} (docs/DESIGN.md): Sensor plausibility, range: a reading below −10 mmHg or above the sensor's full scale. */
public final class SensorRangeRule implements SafetyRule {

    public static final double LOWEST_MMHG = -10;

    @Override
    public Fault check(SafetyInputs in) {
        if (!in.hasSample()) {
            return null;
        }
        double fullScale = in.device().sensorFullScaleMmHg();
        for (int c = 0, channels = in.device().channelCount(); c < channels; c++) {
            double reading = in.rawPressure(c);
            if (reading < LOWEST_MMHG || reading > fullScale || Double.isNaN(reading)) {
                return FaultMessages.atChannel(in.device(), "implausible sensor reading", c, reading,
                        " (a sensor reads " + (int) LOWEST_MMHG + " to " + (int) fullScale + " mmHg)");
            }
        }
        return null;
    }
}
