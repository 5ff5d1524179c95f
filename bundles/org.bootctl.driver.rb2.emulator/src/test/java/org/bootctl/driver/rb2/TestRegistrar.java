package org.bootctl.driver.rb2;

import org.bootctl.api.device.HostRegulatedConnection;
import org.bootctl.serial.testing.RecordingRegistrar;

/** A {@link RecordingRegistrar} that hands out RB2 connections as what they are. */
public final class TestRegistrar extends RecordingRegistrar {

    /** The connection registered now, as the host-regulated kind every RB2 connection is; null while none is. */
    public HostRegulatedConnection current() {
        return (HostRegulatedConnection) connection();
    }
}
