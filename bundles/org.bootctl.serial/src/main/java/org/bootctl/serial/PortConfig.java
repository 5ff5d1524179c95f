package org.bootctl.serial;

/**
 * What every serial driver's port configuration holds, whatever its protocol: a component property
 * type that a driver's component takes next to its own (which adds what only its protocol has, such
 * as the telemetry rate). The properties are {@code port}, {@code model} and {@code id}.
 */
public @interface PortConfig {

    /** The model that accepts any model of the driver's catalogue. */
    String AUTO = "auto";

    /** The serial port's path, e.g. {@code /dev/ttyUSB0} (a socat link works); required. */
    String port();

    /** The model expected on the port, or {@value #AUTO}; blank means {@value #AUTO}. */
    String model() default AUTO;

    /** The device's id in the engine; blank: the driver's prefix and the port's name, e.g. {@code rb2-ttyUSB0}. */
    String id() default "";
}
