package org.bootctl.api.device;

/**
 * The state of one channel's valves, as the engine commands it in {@link HostRegulatedConnection#actuate}
 * and a device may report it in a {@link Sample}; the ordinal is the RB2 wire value.
 */
public enum Valve {
    /** Sealed: the chamber holds its air. */
    CLOSED('C'),
    /** Open to the pump manifold. */
    FILL('F'),
    /** Open to atmosphere. */
    VENT('V');

    private final char letter;

    Valve(char letter) {
        this.letter = letter;
    }

    /**
     * {@code C}, {@code F} or {@code V}, as the trace writes it.
     *
     * @return the letter
     */
    public char letter() {
        return letter;
    }
}
