package org.bootctl.api.program;

/**
 * A program cannot make a plan for this garment and these settings; the message says why. Thrown
 * by {@link Program#compile}; the engine refuses the start with the program's name and this message.
 */
public class PlanException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * A refusal.
     *
     * @param message why, in words a person can act on, e.g. {@code runs on garments of 3 to 8 zones}
     */
    public PlanException(String message) {
        super(message);
    }
}
