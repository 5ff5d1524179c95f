package org.bootctl.api.session;

/** A session request that cannot be carried out; {@link #reason()} says which kind, the message says why. */
public class SessionException extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** No such device, program or session. */
        NOT_FOUND,
        /** The settings or the plan fail a safety or validity check. */
        REFUSED,
        /** The device has a session already, a latched fault, or is offline. */
        CONFLICT
    }

    private final Reason reason;

    public SessionException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
