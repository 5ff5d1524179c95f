package org.bootctl.api.device;

/** A limb of a garment; channel ids use its letter ({@code L3}, {@code R3}). */
public enum Limb {
    LEFT("left", 'L'),
    RIGHT("right", 'R');

    private final String word;
    private final char letter;

    Limb(String word, char letter) {
        this.word = word;
        this.letter = letter;
    }

    /** {@code left} or {@code right}, as fault messages say it. */
    public String word() {
        return word;
    }

    public char letter() {
        return letter;
    }
}
