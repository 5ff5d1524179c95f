package org.bootctl.sim;

import java.util.Arrays;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.device.DeviceFault;
import org.bootctl.api.device.Valve;

/**
 * What the unit's own firmware does: applies commands to the valves and pump, latches
 * OVERPRESSURE when a channel reads above the hard limit (then vents everything, pump off, and
 * refuses to actuate until a clear succeeds), and on device-regulated models runs the
 * setpoint regulator. Runs on the device's timebase only.
 */
final class Firmware {

    private final DeviceDescription description;
    private final Plant plant;
    private final SetpointRegulator regulator;
    private final double[] setpoints;
    private DeviceFault latched;

    Firmware(SimModel model, DeviceDescription description, Plant plant) {
        this.description = description;
        this.plant = plant;
        this.setpoints = new double[description.channelCount()];
        this.regulator = model.deviceRegulated() ? new SetpointRegulator(model, description.channelCount()) : null;
    }

    /** Acts on a command whose time has come; actuation is ignored while a fault is latched. */
    void apply(Command command) {
        switch (command.kind()) {
            case VENT_ALL -> ventAll();
            case ACTUATE -> {
                if (latched == null) {
                    plant.pump(command.pumpDuty() / 255.0);
                    Valve[] valves = command.valves();
                    for (int i = 0; i < valves.length; i++) {
                        plant.valve(i, valves[i]);
                    }
                }
            }
            case SETPOINTS -> {
                if (latched == null) {
                    System.arraycopy(command.setpoints(), 0, setpoints, 0, setpoints.length);
                }
            }
            default -> throw new IllegalStateException("unhandled command " + command.kind());
        }
    }

    /**
     * Checks this sample's readings against the hard limit, then regulates (device-regulated models).
     *
     * @return the fault latched by this very check, or null
     */
    DeviceFault supervise(double[] readings) {
        DeviceFault fresh = null;
        if (latched == null) {
            int channel = aboveLimit(readings);
            if (channel >= 0) {
                latched = fresh = new DeviceFault(DeviceFault.Kind.OVERPRESSURE, channel,
                        "over-pressure in " + description.describe(channel) + ": " + readings[channel]
                                + " mmHg (hard limit " + description.hardLimitMmHg() + " mmHg)");
                ventAll();
            }
        }
        if (regulator != null) {
            regulator.regulate(readings, setpoints, plant);
        }
        return fresh;
    }

    /** Clears the latched fault unless its cause persists (a channel still reads above the limit). */
    boolean clear(double[] readings) {
        if (latched != null && aboveLimit(readings) >= 0) {
            return false;
        }
        latched = null;
        return true;
    }

    DeviceFault latched() {
        return latched;
    }

    private int aboveLimit(double[] readings) {
        for (int i = 0; i < readings.length; i++) {
            if (readings[i] > description.hardLimitMmHg()) {
                return i;
            }
        }
        return -1;
    }

    /** Pump off, every channel open to atmosphere, every setpoint 0, until the next command. */
    private void ventAll() {
        Arrays.fill(setpoints, 0);
        if (regulator != null) {
            regulator.reset();
        }
        plant.pump(0);
        for (int i = 0; i < plant.channels(); i++) {
            plant.valve(i, Valve.VENT);
        }
    }
}
