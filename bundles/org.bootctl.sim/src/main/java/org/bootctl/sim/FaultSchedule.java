package org.bootctl.sim;

import java.util.Comparator;
import java.util.List;

/**
 * Turns injected faults on in the plant and the sensors when their time comes. Checked every
 * physics step, so it costs one comparison while nothing is due; the physics ends a step where
 * the next one falls due ({@link #nextAtNanos}).
 */
final class FaultSchedule {

    private final SimFault[] faults;
    private int next;
    private boolean stalled;

    FaultSchedule(List<SimFault> faults) {
        this.faults = faults.stream().sorted(Comparator.comparingDouble(SimFault::atSeconds)).toArray(SimFault[]::new);
    }

    /** Switches on every fault due at {@code elapsedNanos} after the device started. */
    void activateDue(long elapsedNanos, Plant plant, SensorModel sensors) {
        while (next < faults.length && faults[next].atNanos() <= elapsedNanos) {
            SimFault fault = faults[next++];
            switch (fault.kind()) {
                case LEAK -> plant.leak(fault.channel());
                case DISCONNECTED -> plant.disconnect(fault.channel());
                case STUCK_FILL -> plant.stickFillOpen(fault.channel());
                case SENSOR_STUCK -> sensors.stick(fault.channel());
                case SENSOR_DROPOUT -> sensors.dropOut();
                case PUMP_FAILURE -> plant.failPump();
                case STALL -> stalled = true;
                default -> throw new IllegalStateException("unhandled fault " + fault);
            }
        }
    }

    /** When the next fault is due, in nanoseconds after the device started; {@link Long#MAX_VALUE} for none. */
    long nextAtNanos() {
        return next < faults.length ? faults[next].atNanos() : Long.MAX_VALUE;
    }

    /** Whether telemetry has stopped. */
    boolean stalled() {
        return stalled;
    }
}
