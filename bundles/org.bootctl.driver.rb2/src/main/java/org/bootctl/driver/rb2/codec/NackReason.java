package org.bootctl.driver.rb2.codec;

import java.util.Arrays;

/** Why a device refused a host frame (the payload of NACK). */
public enum NackReason {
    UNKNOWN_TYPE(2),
    BAD_LENGTH(3),
    BAD_VALUE(4),
    IN_FAULT(5);

    private final int code;

    NackReason(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The name of a reason on the wire, or {@code reason N} for one this driver does not know. */
    public static String nameOf(int code) {
        return Arrays.stream(values()).filter(r -> r.code == code).map(Enum::name).findFirst().orElse("reason " + code);
    }
}
