package org.bootctl.engine.loop;

import java.util.Arrays;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.device.DeviceRegulatedConnection;
import org.bootctl.api.device.HostRegulatedConnection;
import org.bootctl.api.device.RegulationMode;
import org.bootctl.api.device.Valve;

/**
 * Where a tick's command goes: the connection's own kind of command, chosen once when the loop
 * takes the connection on, so the tick never asks what kind of unit it drives. A driver may queue
 * what it is given, so the engine never writes an array it handed over: each send hands the driver
 * a copy, or, when the values are those of the previous send (most ticks), that same array again
 * (compared with what the array holds now, so a driver that wrote into it gets a fresh copy).
 */
abstract class CommandSink {

    /** The driver call, as the watchdog names it when the call hangs. */
    final String call;

    private CommandSink(String call) {
        this.call = call;
    }

    abstract void send(Command command);

    /**
     * The sink for a connection whose kind matches its description's regulation mode.
     *
     * @throws IllegalArgumentException naming the device, for a connection of neither kind or of the other one
     */
    static CommandSink of(BootConnection connection, DeviceDescription device) {
        if (device.regulation() == RegulationMode.HOST && connection instanceof HostRegulatedConnection host) {
            return new CommandSink("actuate") {
                private Valve[] sent;

                @Override
                void send(Command command) {
                    Valve[] valves = sent;
                    if (!Arrays.equals(command.valves, valves)) {
                        valves = command.valves.clone();
                        sent = valves;
                    }
                    host.actuate(command.pump, valves);
                }
            };
        }
        if (device.regulation() == RegulationMode.DEVICE && connection instanceof DeviceRegulatedConnection unit) {
            return new CommandSink("setpoints") {
                private double[] sent;

                @Override
                void send(Command command) {
                    double[] setpoints = sent;
                    if (!Arrays.equals(command.setpoints, setpoints)) {
                        setpoints = command.setpoints.clone();
                        sent = setpoints;
                    }
                    unit.setpoints(setpoints);
                }
            };
        }
        String wanted = device.regulation() == RegulationMode.HOST
                ? HostRegulatedConnection.class.getSimpleName() : DeviceRegulatedConnection.class.getSimpleName();
        throw new IllegalArgumentException("device " + device.id() + " (" + device.model() + ") is "
                + device.regulation() + "-regulated, but its driver's connection (" + connection.getClass().getName()
                + ") is not a " + wanted + ": it is never commanded");
    }
}
