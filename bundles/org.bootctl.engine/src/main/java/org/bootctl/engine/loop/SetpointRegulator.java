package org.bootctl.engine.loop;

/** Device-regulated devices (RB1): the firmware regulates; the engine sends whole-mmHg setpoints, rounded down. */
final class SetpointRegulator implements Regulator {

    @Override
    public void regulate(double[] targets, boolean gentle, Readings readings, long nowNanos, Command command) {
        command.pump = 0;
        for (int c = 0; c < targets.length; c++) {
            command.setpoints[c] = targets[c] > 0 ? Math.floor(targets[c]) : 0;
        }
    }

    @Override
    public void reset() {
    }
}
