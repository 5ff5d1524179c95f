package org.bootctl.api.session;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard: register one to receive every device's ticks. Called off the control loop; when a
 * listener falls behind, older frames are dropped for it, never queued without bound.
 */
@ConsumerType
public interface TelemetryListener {
    void telemetry(Telemetry frame);
}
