package org.bootctl.driver.rb2;

import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.device.HostRegulatedConnection;
import org.bootctl.api.device.Valve;
import org.bootctl.serial.SerialConnection;

/**
 * The engine's view of one RB2 unit while its port answers: a fixed description, and commands
 * that are queued for the writer and never block. Once the unit is lost, commands do nothing
 * and clearing a fault answers false.
 */
final class Rb2Connection extends SerialConnection<Rb2Session> implements HostRegulatedConnection {

    Rb2Connection(DeviceDescription description, Rb2Session session) {
        super(description, session);
    }

    @Override
    public void actuate(int pumpDuty, Valve[] valves) {
        HostRegulatedConnection.checkCommand(description(), pumpDuty, valves);
        session().actuate(pumpDuty, valves);
    }

    @Override
    public String toString() {
        return "RB2 " + description().model() + " " + description().serial() + " as " + description().id();
    }
}
