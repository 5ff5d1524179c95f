package org.bootctl.api.program;

/** A program cannot make a plan for this garment and these settings; the message says why. */
public class PlanException extends Exception {
    private static final long serialVersionUID = 1L;

    public PlanException(String message) {
        super(message);
    }
}
