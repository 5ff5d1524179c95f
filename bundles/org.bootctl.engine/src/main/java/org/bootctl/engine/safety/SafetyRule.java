package org.bootctl.engine.safety;

import org.bootctl.api.session.Fault;

/** One rule of the safety table. Rules may keep memory between ticks; they never act, they only report. */
public interface SafetyRule {

    /** The fault this tick shows, or null. Called on every tick, tripped or not, so memory stays current. */
    Fault check(SafetyInputs in);

    /** Forgets everything learnt: after a fault was cleared, the device starts afresh. */
    default void reset() {
    }
}
