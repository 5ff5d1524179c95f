package org.bootctl.api.device;

/** A limb of a garment; channel ids use its letter ({@code L3}, {@code R3}). */
public enum Limb {
    /** The left limb: channels {@code L1..Ln}, the first half of a two-limb device's channels. */
    LEFT("left", 'L'),
    /** The right limb: channels {@code R1..Rn}. */
    RIGHT("right", 'R');

    private final String word;
    private final char letter;

    Limb(String word, char letter) {
        this.word = word;
        this.letter = letter;
    }

    /**
     * {@code left} or {@code right}, as fault messages say it.
     *
     * @return the word
     */
    public String word() {
        return word;
    }

    /**
     * The letter channel ids start with.
     *
     * @return {@code L} or {@code R}
     */
    public char letter() {
        return letter;
    }
}
