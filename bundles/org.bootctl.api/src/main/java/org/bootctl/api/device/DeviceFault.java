package org.bootctl.api.device;

/**
 * A fault the device itself reports: latched by its firmware, or a reset it went through.
 *
 * @param kind    what happened
 * @param channel the channel it concerns, or -1
 * @param detail  the device's own words, for the log
 */
public record DeviceFault(Kind kind, int channel, String detail) {

    public enum Kind {
        OVERPRESSURE("device over-pressure"),
        WATCHDOG("device watchdog tripped"),
        SENSOR("device sensor fault"),
        PUMP("device pump fault"),
        POWER("device power fault"),
        RESTARTED("device restarted"),
        OTHER("device fault");

        private final String words;

        Kind(String words) {
            this.words = words;
        }

        /** The cause as a fault message starts with it. */
        public String words() {
            return words;
        }
    }
}
