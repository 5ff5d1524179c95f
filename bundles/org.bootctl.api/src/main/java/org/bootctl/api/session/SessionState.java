package org.bootctl.api.session;

/**
 * The state words every interface uses: API, trace, command line and web. A session goes
 * IDLE, FIT_CHECK, RUNNING (and PAUSED and back), VENTING, then COMPLETED or STOPPED; an emergency
 * stop goes to STOPPED at once, a fault to FAULT from any state.
 */
public enum SessionState {
    /** Accepted, not yet begun; a device's state when it has no session. */
    IDLE,
    /** Checking that every zone holds air before the program starts. */
    FIT_CHECK,
    /** The plan's cycles are running. */
    RUNNING,
    /** Every zone vented; the remaining time is kept. */
    PAUSED,
    /** Venting every zone before the session ends. */
    VENTING,
    /** Ended after its time ran out. */
    COMPLETED,
    /** Ended by a person (stop or emergency stop) or a shutdown. */
    STOPPED,
    /** Ended by a fault; a device in FAULT has a latched fault until a person clears it. */
    FAULT;

    /**
     * A session in this state is over.
     *
     * @return true for COMPLETED, STOPPED and FAULT
     */
    public boolean isFinal() {
        return this == COMPLETED || this == STOPPED || this == FAULT;
    }
}
