package org.bootctl.driver.rb2.codec;

import java.util.Arrays;
import java.util.Locale;
import org.bootctl.api.device.DeviceFault;

/** The fault codes of FAULT and TELEMETRY frames, and the engine's word for each. */
public enum FaultCode {
    OVERPRESSURE(1, DeviceFault.Kind.OVERPRESSURE),
    WATCHDOG(2, DeviceFault.Kind.WATCHDOG),
    SENSOR(3, DeviceFault.Kind.SENSOR),
    PUMP(4, DeviceFault.Kind.PUMP),
    POWER(5, DeviceFault.Kind.POWER);

    /** The channel byte when a fault concerns no channel. */
    public static final int NO_CHANNEL = 0xFF;

    private final int code;
    private final DeviceFault.Kind kind;

    FaultCode(int code, DeviceFault.Kind kind) {
        this.code = code;
        this.kind = kind;
    }

    public int code() {
        return code;
    }

    public DeviceFault.Kind kind() {
        return kind;
    }

    /** The engine's kind for a code on the wire: OTHER for a code this driver does not know. */
    public static DeviceFault.Kind kindOf(int code) {
        return Arrays.stream(values()).filter(f -> f.code == code).map(FaultCode::kind).findFirst()
                .orElse(DeviceFault.Kind.OTHER);
    }

    /** The name of a code on the wire, e.g. {@code OVERPRESSURE}, or {@code code 9}. */
    public static String nameOf(int code) {
        return Arrays.stream(values()).filter(f -> f.code == code).map(Enum::name).findFirst().orElse("code " + code);
    }

    /** A code by its name, ignoring case ({@code watchdog}), or its number. */
    public static FaultCode parse(String text) {
        for (FaultCode f : values()) {
            if (f.name().equalsIgnoreCase(text.trim()) || Integer.toString(f.code).equals(text.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown fault code '" + text + "': known are "
                + Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT)).toList());
    }
}
