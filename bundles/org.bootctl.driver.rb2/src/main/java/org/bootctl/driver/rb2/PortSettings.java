package org.bootctl.driver.rb2;

import java.util.Locale;
import java.util.stream.Collectors;
import org.bootctl.serial.PortConfig;
import org.bootctl.serial.SerialUnit;

/**
 * One configured port.
 *
 * @param port          the port's path, e.g. {@code /dev/ttyUSB0}
 * @param expectedModel the model that must answer, or {@link #AUTO} for any RB2 model
 * @param deviceId      the device id in the engine
 * @param rateHz        telemetry rate asked of the device (SET_RATE), 10..100; the engine ticks at 50
 * @param timing        timeouts and back-off
 */
public record PortSettings(String port, String expectedModel, String deviceId, int rateHz, Timing timing) {

    public static final String AUTO = PortConfig.AUTO;
    public static final int DEFAULT_RATE_HZ = 50;

    public PortSettings {
        if (port == null || port.isBlank()) {
            throw new IllegalArgumentException("an RB2 port needs a 'port' (its path, e.g. /dev/ttyUSB0)");
        }
        if (rateHz < 10 || rateHz > 100) {
            throw new IllegalArgumentException("port " + port + ": rateHz is 10..100 on RB2, not " + rateHz);
        }
        if (!AUTO.equalsIgnoreCase(expectedModel) && Rb2Models.find(expectedModel).isEmpty()) {
            throw new IllegalArgumentException("port " + port + ": model '" + expectedModel + "' is not an RB2 model ("
                    + rb2Models() + ", or auto)");
        }
    }

    /** Settings from configuration values: blank model means auto, blank id is derived from the port's name. */
    public static PortSettings of(String port, String model, String id, int rateHz) {
        return new PortSettings(port == null ? null : port.trim(), SerialUnit.expectedModel(model),
                SerialUnit.deviceId("rb2", port, id), rateHz, Timing.DEFAULT);
    }

    public boolean autoModel() {
        return AUTO.equalsIgnoreCase(expectedModel);
    }

    public PortSettings withTiming(Timing timing) {
        return new PortSettings(port, expectedModel, deviceId, rateHz, timing);
    }

    static String rb2Models() {
        return Rb2Models.ALL.stream().map(m -> m.model().toUpperCase(Locale.ROOT)).collect(Collectors.joining(", "));
    }
}
