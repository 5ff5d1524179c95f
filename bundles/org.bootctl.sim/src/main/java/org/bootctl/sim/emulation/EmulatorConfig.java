package org.bootctl.sim.emulation;

/**
 * What every emulator's configuration holds, whatever its protocol: a component property type
 * that an emulator component takes next to its own (which adds its fault list and what else only
 * its firmware reports). The properties are {@code port}, {@code model}, {@code device} and {@code seed}.
 */
public @interface EmulatorConfig {

    /** The device's end of the serial line, e.g. one end of a socat pair; required. */
    String port();

    /** The model the firmware reports; empty: the plant's. */
    String model() default "";

    /** {@code bootctl.device.id} of the simulated device that gives the physics. */
    String device() default "sim-1";

    /** Seeds the garbage bytes and corruption that faults inject. */
    long seed() default 1;
}
