package org.bootctl.driver.rb1;

import org.bootctl.api.device.BootConnection;
import org.bootctl.api.device.DeviceRegulatedConnection;
import org.bootctl.serial.testing.RecordingRegistrar;

/** What the engine would see: registrations, samples and faults, recorded in place of a BundleContext. */
final class Host extends RecordingRegistrar {

    /** The connection, as the device-regulated kind every RB1 connection is; failing when there is none. */
    DeviceRegulatedConnection device() {
        BootConnection current = connection();
        if (current == null) {
            throw new AssertionError("no device registered");
        }
        return (DeviceRegulatedConnection) current;
    }

    Rb1Session session() {
        return ((Rb1Connection) device()).session();
    }
}
