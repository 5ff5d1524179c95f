package org.bootctl.api.session;

import org.bootctl.api.device.DeviceDescription;

/**
 * A device as the engine sees it now: a snapshot made by the engine.
 *
 * @param description what the device is
 * @param state       the state of its current or last session; IDLE when none, FAULT while a fault is latched
 * @param sessionId   its current or last session, or null
 * @param fault       the latched fault, or null
 */
public record DeviceStatus(DeviceDescription description, SessionState state, String sessionId, Fault fault) {

    /**
     * The device id.
     *
     * @return {@code description().id()}
     */
    public String id() {
        return description.id();
    }
}
