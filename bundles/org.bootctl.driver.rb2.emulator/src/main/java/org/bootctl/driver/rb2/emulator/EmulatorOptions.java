package org.bootctl.driver.rb2.emulator;

import java.util.List;

/**
 * How an emulator presents itself and what goes wrong with it.
 *
 * @param model    model id sent in INFO; null or blank: the plant's (another name plays a wrong model)
 * @param serial   serial number sent in INFO; null or blank: the plant's
 * @param firmware firmware version sent in INFO
 * @param faults   faults to inject, from {@link EmulatorFault#parseAll}
 * @param seed     seeds garbage bytes and corrupted positions
 */
public record EmulatorOptions(String model, String serial, String firmware, List<EmulatorFault> faults, long seed) {

    public static final String FIRMWARE = "bcp2-emulator 0.1.0";

    public EmulatorOptions {
        faults = List.copyOf(faults);
        firmware = firmware == null || firmware.isBlank() ? FIRMWARE : firmware;
    }

    /** The plant's model and serial, no faults. */
    public static EmulatorOptions defaults() {
        return new EmulatorOptions(null, null, FIRMWARE, List.of(), 1);
    }

    public EmulatorOptions withFaults(List<EmulatorFault> faults) {
        return new EmulatorOptions(model, serial, firmware, faults, seed);
    }

    public EmulatorOptions withModel(String model) {
        return new EmulatorOptions(model, serial, firmware, faults, seed);
    }
}
