package org.bootctl.engine.loop;

/** Turns per-channel targets and pressures into the tick's command. Runs on the loop only. */
interface Regulator {

    /**
     * @param targets   mmHg per channel, 0 = vent
     * @param gentle    whether fills check rather than treat (the fit check). A host regulator then
     *                  tapers the pump toward the target, so that a chamber leaking more than a
     *                  throttled pump makes up never reaches it: a stricter leak test, where speed
     *                  does not matter.
     * @param readings  this tick's pressures
     * @param nowNanos  the loop's time
     * @param command   written in full
     */
    void regulate(double[] targets, boolean gentle, Readings readings, long nowNanos, Command command);

    /** Forgets its state: after a vent-all, a fault or a new session. */
    void reset();
}
