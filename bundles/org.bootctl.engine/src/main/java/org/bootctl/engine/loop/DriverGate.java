package org.bootctl.engine.loop;

import org.bootctl.api.device.BootConnection;
import org.bootctl.api.device.DeviceDescription;

/**
 * The tick's calls into the driver, each watched by the {@link DriverWatchdog} through
 * {@link DriverCall}: once the watchdog has taken the loop over, the tick stops where it is
 * ({@link TakenOver}) and touches nothing more.
 */
final class DriverGate {

    private final BootConnection connection;
    /** The connection's kind of command (valves and pump, or setpoints), chosen once. */
    private final CommandSink sink;
    private final DriverCall call;

    DriverGate(BootConnection connection, DeviceDescription device, DriverCall call) {
        this.connection = connection;
        this.call = call;
        sink = CommandSink.of(connection, device);
    }

    /** This tick's one command. */
    void send(Command command) {
        enter(sink.call);
        try {
            sink.send(command);
        } finally {
            leave();
        }
    }

    void ventAll() {
        enter("vent-all");
        try {
            connection.ventAll();
        } finally {
            leave();
        }
    }

    private void enter(String what) {
        if (!call.enter(what)) {
            throw TakenOver.INSTANCE;
        }
    }

    private void leave() {
        if (!call.leave()) {
            throw TakenOver.INSTANCE;
        }
    }

    /** The watchdog took the loop over while the tick was in a driver call: the tick touches nothing more. */
    static final class TakenOver extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final TakenOver INSTANCE = new TakenOver();

        private TakenOver() {
            super("the driver watchdog took the loop over", null, false, false);
        }
    }
}
