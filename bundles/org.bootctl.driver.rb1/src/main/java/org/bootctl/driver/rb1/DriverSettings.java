package org.bootctl.driver.rb1;

import org.bootctl.serial.PortConfig;
import org.bootctl.serial.SerialUnit;

/**
 * How one RB1 port is configured.
 *
 * @param port     the serial port's path ({@code /dev/ttyUSB0}, or a socat link)
 * @param model    the model expected on it, or {@code auto} for any RB1 model of the catalogue
 * @param deviceId the id the device gets in the engine; blank: {@code rb1-<port name>}, e.g. {@code rb1-ttyUSB0}
 * @param streamHz the telemetry rate asked of the device, 1..20
 */
record DriverSettings(String port, String model, String deviceId, int streamHz) {

    static final String AUTO = PortConfig.AUTO;
    static final int MAX_STREAM_HZ = 20;

    DriverSettings {
        if (port == null || port.isBlank()) {
            throw new IllegalArgumentException("an RB1 port needs a path");
        }
        port = port.trim(); // as RB2 takes it: a stray blank in a .cfg file is no part of the path
        model = SerialUnit.expectedModel(model);
        deviceId = SerialUnit.deviceId("rb1", port, deviceId);
        if (streamHz < 1 || streamHz > MAX_STREAM_HZ) {
            throw new IllegalArgumentException("streamHz is 1.." + MAX_STREAM_HZ + ", not " + streamHz);
        }
    }

    boolean anyModel() {
        return model.equalsIgnoreCase(AUTO);
    }

    /** How long without a sample before the device counts as silent: about a second, at least three periods. */
    long silenceNanos() {
        return Math.max(1_000_000_000L, 3_000_000_000L / streamHz);
    }
}
