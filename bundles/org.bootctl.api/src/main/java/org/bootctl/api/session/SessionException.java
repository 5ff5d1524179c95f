package org.bootctl.api.session;

/** A session request that cannot be carried out; {@link #reason()} says which kind, the message says why. */
public class SessionException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Which kind of refusal: the web API answers them with 404, 400 and 409. */
    public enum Reason {
        /** No such device, program or session. */
        NOT_FOUND,
        /** The settings or the plan fail a safety or validity check. */
        REFUSED,
        /** The device has a session already, a latched fault, or is offline. */
        CONFLICT
    }

    /** Which kind of refusal. */
    private final Reason reason;

    /**
     * A refusal.
     *
     * @param reason which kind, not null
     * @param message why, in words a person can act on
     */
    public SessionException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /**
     * Which kind of refusal.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }
}
