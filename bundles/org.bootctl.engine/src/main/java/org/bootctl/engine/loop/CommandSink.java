package org.bootctl.engine.loop;

import org.bootctl.api.device.BootConnection;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.device.DeviceRegulatedConnection;
import org.bootctl.api.device.HostRegulatedConnection;
import org.bootctl.api.device.RegulationMode;

/**
 * Where a tick's command goes: the connection's own kind of command, chosen once when the loop
 * takes the connection on, so the tick never asks what kind of unit it drives. Each send hands the
 * driver fresh copies of the arrays, since a driver may queue what it is given.
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
                @Override
                void send(Command command) {
                    host.actuate(command.pump, command.valves.clone());
                }
            };
        }
        if (device.regulation() == RegulationMode.DEVICE && connection instanceof DeviceRegulatedConnection unit) {
            return new CommandSink("setpoints") {
                @Override
                void send(Command command) {
                    unit.setpoints(command.setpoints.clone());
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
