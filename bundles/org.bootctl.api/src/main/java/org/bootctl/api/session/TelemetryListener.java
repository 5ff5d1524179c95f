package org.bootctl.api.session;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard: register one to receive every device's ticks. Called off the control loop; when a
 * listener falls behind, older frames are dropped for it, never queued without bound (it keeps the
 * newest 64). Each listener has a thread of its own; a listener that throws is logged and kept.
 * Implemented by UIs and recorders ({@code @ConsumerType}).
 */
@ConsumerType
public interface TelemetryListener {
    /**
     * One control tick of one device: every tick of every device (50 a second per device by default).
     *
     * @param frame the tick, never null; its arrays are this listener's own
     */
    void telemetry(Telemetry frame);
}
