package org.bootctl.driver.rb1;

import java.io.IOException;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.driver.rb1.codec.SerialLink;
import org.bootctl.serial.Registrar;
import org.bootctl.serial.SerialUnit;
import org.bootctl.serial.SerialUnit.Failure;

/**
 * One configured RB1 port: the {@link SerialUnit} (which opens, registers, backs off 1 s
 * doubling to 10 s, and lets go) with the line protocol's part: an {@link Rb1Session} on a
 * {@link SerialLink} shakes hands and serves the unit. {@link #start()} and {@link #stop()} never
 * block on the port.
 */
final class Rb1Driver extends SerialUnit<Rb1Driver.Opening> {

    static final long FIRST_BACKOFF_MS = 1000;
    static final long MAX_BACKOFF_MS = 10_000;
    private static final Kind RB1 = new Kind("RB1", "answered VENT", System.getLogger("org.bootctl.driver.rb1"));

    private final DriverSettings settings;

    Rb1Driver(DriverSettings settings, Registrar registrar) {
        super(RB1, settings.port(), registrar, FIRST_BACKOFF_MS, MAX_BACKOFF_MS);
        this.settings = settings;
    }

    @Override
    protected Opening open(String port, Runnable lost) throws IOException {
        Rb1Session session = new Rb1Session(settings);
        SerialLink link = SerialLink.open(port, session, "bootctl-rb1-reader " + port);
        session.attach(link::write);
        return new Opening(session, link);
    }

    @Override
    protected String connected(DeviceDescription description) {
        return description.model() + " " + description.serial() + " on " + settings.port()
                + " connected as " + description.id();
    }

    @Override
    protected String warning(String reason) {
        return reason + "; trying again";
    }

    /** One opening of the port: the session, and the link it reads and writes through. */
    static final class Opening extends SerialUnit.Opening<Rb1Session> {
        private final SerialLink link;
        /** Set on the manager thread: how letting go must treat the unit. */
        private boolean shaken;
        private boolean silent;

        Opening(Rb1Session session, SerialLink link) {
            super(session);
            this.link = link;
        }

        @Override
        protected DeviceDescription handshake() throws Failure {
            DeviceDescription description = failing(session::handshake);
            shaken = true;
            return description;
        }

        @Override
        protected BootConnection connection(DeviceDescription description) {
            return new Rb1Connection(description, session);
        }

        @Override
        protected void serve() throws Failure {
            failing(() -> {
                session.serve();
                return null;
            });
        }

        @Override
        protected void end() {
            session.stop();
        }

        @Override
        protected boolean isLost() {
            return link.isLost();
        }

        /**
         * A unit served to the end is vented, waiting briefly for its OK; a silent one gets one
         * VENT if the port still takes it (it costs nothing); a refused one is left alone.
         */
        @Override
        protected void letGo() {
            try {
                if (silent) {
                    if (!link.isLost()) {
                        link.write(CommandScheduler.VENT);
                    }
                } else if (shaken) {
                    session.letGo();
                }
            } finally {
                link.close();
            }
        }

        private interface Step<T> {
            T run() throws Rb1Session.Lost, Rb1Session.Refused;
        }

        private <T> T failing(Step<T> step) throws Failure {
            try {
                return step.run();
            } catch (Rb1Session.Lost e) {
                silent = true;
                throw new Failure(e.getMessage(), e.unitAtFault());
            } catch (Rb1Session.Refused e) {
                shaken = false;
                throw new Failure(e.getMessage());
            }
        }
    }
}
