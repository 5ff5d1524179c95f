package org.bootctl.shell;

import org.bootctl.api.session.TelemetryListener;

/** Where a watch gets the engine's telemetry: in the runtime, a whiteboard listener registered for as long as it watches. */
@FunctionalInterface
interface TelemetryFeed {

    /** Starts delivering every device's frames to {@code listener}, on another thread, until the subscription is closed. */
    Subscription subscribe(TelemetryListener listener);

    @FunctionalInterface
    interface Subscription extends AutoCloseable {
        /** Stops the delivery; safe to call when the engine is gone already. */
        @Override
        void close();
    }
}
