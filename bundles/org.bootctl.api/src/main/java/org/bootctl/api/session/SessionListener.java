package org.bootctl.api.session;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard: register one to hear about session and device changes. Called off the control
 * loop, in order, one event at a time, on one thread the engine keeps for all session listeners;
 * a slow listener delays only other listeners, never a device. Events are never dropped. A listener
 * that throws is logged and kept. Implemented by UIs and other bundles ({@code @ConsumerType}).
 */
@ConsumerType
public interface SessionListener {

    /**
     * A session started or changed state, cycle or step.
     *
     * @param session the session as it is now, never null
     */
    void sessionChanged(SessionInfo session);

    /**
     * A device appeared, went away, or its fault latched or cleared. Does nothing unless overridden.
     *
     * @param device the device as it is now, never null
     * @param online false when the device went away
     */
    default void deviceChanged(DeviceStatus device, boolean online) {
    }
}
