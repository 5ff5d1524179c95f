package org.bootctl.api.session;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard: register one to hear about session and device changes. Called off the control
 * loop, in order; a slow listener delays only other listeners, never a device.
 */
@ConsumerType
public interface SessionListener {

    void sessionChanged(SessionInfo session);

    /** A device appeared, went away, or its fault latched or cleared. */
    default void deviceChanged(DeviceStatus device, boolean online) {
    }
}
