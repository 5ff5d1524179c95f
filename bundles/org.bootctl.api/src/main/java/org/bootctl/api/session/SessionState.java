package org.bootctl.api.session;

/** The state words every interface uses: API, trace, command line and web. */
public enum SessionState {
    IDLE, FIT_CHECK, RUNNING, PAUSED, VENTING, COMPLETED, STOPPED, FAULT;

    /** A session in this state is over. */
    public boolean isFinal() {
        return this == COMPLETED || this == STOPPED || this == FAULT;
    }
}
