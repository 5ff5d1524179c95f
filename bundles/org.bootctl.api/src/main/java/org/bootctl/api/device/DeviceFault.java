package org.bootctl.api.device;

/**
 * A fault the device itself reports: latched by its firmware, or a reset it went through. A driver
 * makes one for {@link BootConnection.Listener#deviceFault} and keeps it in every {@link Sample}
 * while the firmware keeps it latched. The engine writes the message a person reads from the kind,
 * the channel and the pressure; {@code detail} only goes to the log.
 *
 * @param kind    what happened, not null
 * @param channel the channel index it concerns (0-based, device order), or -1 where none
 * @param detail  the device's own words, for the log, cleaned with {@link DeviceText#clean}; may be null
 */
public record DeviceFault(Kind kind, int channel, String detail) {

    /** What kind of fault the unit reported; the driver maps its protocol's codes onto these. */
    public enum Kind {
        /** The firmware's own over-pressure trip. */
        OVERPRESSURE("device over-pressure"),
        /** The firmware's watchdog vented the unit: commands or keep-alives stopped coming. */
        WATCHDOG("device watchdog tripped"),
        /** A pressure sensor the firmware finds faulty. */
        SENSOR("device sensor fault"),
        /** The pump failed. */
        PUMP("device pump fault"),
        /** A power fault the unit reports. */
        POWER("device power fault"),
        /** The unit reset or was power-cycled. */
        RESTARTED("device restarted"),
        /** Anything else the unit reports; the detail says what. */
        OTHER("device fault");

        private final String words;

        Kind(String words) {
            this.words = words;
        }

        /**
         * The cause as a fault message starts with it.
         *
         * @return e.g. {@code device over-pressure}
         */
        public String words() {
            return words;
        }
    }
}
