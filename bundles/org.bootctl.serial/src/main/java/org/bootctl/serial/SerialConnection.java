package org.bootctl.serial;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.device.DeviceDescription;

/**
 * The engine's view of one unit while its port answers, as far as every serial driver's is the
 * same: a fixed description, and calls handed to the session, which queues them and never
 * blocks. A driver adds what its kind of regulation takes (actuation or setpoints).
 */
public abstract class SerialConnection<S extends SerialConnection.Session> implements BootConnection {

    /** What a protocol's session does for the engine whatever the regulation. */
    public interface Session {
        void listen(Listener listener);

        void ventAll();

        /** Completes with true when the unit cleared its fault; false when it keeps it or is lost. */
        CompletionStage<Boolean> clearFault();

        /** The JVM is exiting: vent at once, and nothing fills the unit after it; true when the unit confirmed. */
        CompletableFuture<Boolean> ventForExit();
    }

    private final DeviceDescription description;
    private final S session;

    protected SerialConnection(DeviceDescription description, S session) {
        this.description = description;
        this.session = session;
    }

    @Override
    public final DeviceDescription description() {
        return description;
    }

    /** The protocol session behind it, for the driver, tests and diagnostics. */
    public final S session() {
        return session;
    }

    @Override
    public final void listen(Listener listener) {
        session.listen(listener);
    }

    @Override
    public final void ventAll() {
        session.ventAll();
    }

    @Override
    public final CompletionStage<Boolean> clearFault() {
        return session.clearFault();
    }
}
