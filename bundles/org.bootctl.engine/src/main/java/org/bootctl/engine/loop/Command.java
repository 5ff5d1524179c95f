package org.bootctl.engine.loop;

import java.util.Arrays;
import org.bootctl.api.device.Valve;

/**
 * The one command a tick sends: pump duty and valves (host-regulated) or setpoints (device-regulated).
 * The loop reuses one instance; the connection never gets its arrays, only copies that the engine
 * does not write again ({@link CommandSink}), since a driver may queue what it is given.
 */
public final class Command {

    final Valve[] valves;
    final double[] setpoints;
    int pump;

    Command(int channels) {
        valves = new Valve[channels];
        setpoints = new double[channels];
        ventAll();
    }

    /** Pump off, every valve VENT, every setpoint 0. */
    void ventAll() {
        pump = 0;
        Arrays.fill(valves, Valve.VENT);
        Arrays.fill(setpoints, 0);
    }

    public int pump() {
        return pump;
    }

    public Valve valve(int channel) {
        return valves[channel];
    }

    public double setpoint(int channel) {
        return setpoints[channel];
    }
}
