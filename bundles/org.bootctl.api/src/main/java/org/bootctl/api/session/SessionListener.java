package org.bootctl.api.session;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard: register one to hear about session and device changes. Called off the control
 * loop, in order, one event at a time, on a thread of the engine's; a slow listener delays neither
 * a device nor another listener. Events are never dropped for a listener that keeps up; one that
 * falls 1000 events behind (it does not return) loses its oldest. A listener that throws, an
 * {@code Error} too, is logged and kept. Implemented by UIs and other bundles ({@code @ConsumerType}).
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
