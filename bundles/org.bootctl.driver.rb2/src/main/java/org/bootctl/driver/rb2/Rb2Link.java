package org.bootctl.driver.rb2;

import java.io.IOException;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.device.ModelDescription;
import org.bootctl.driver.rb2.codec.FrameDecoder;
import org.bootctl.driver.rb2.codec.Message;
import org.bootctl.driver.rb2.codec.NackReason;
import org.bootctl.driver.rb2.codec.SerialPorts;
import org.bootctl.serial.Registrar;
import org.bootctl.serial.SerialUnit;
import org.bootctl.serial.SerialUnit.Failure;

/**
 * One configured RB2 port: the {@link SerialUnit} (which opens, registers, backs off and lets go)
 * with BCP/2's part: the handshake (HELLO, INFO checked against the model catalogue, SET_RATE)
 * and an {@link Rb2Session} to serve the unit. {@link #start()} and {@link #stop()} never block.
 */
public final class Rb2Link extends SerialUnit<Rb2Link.Opening> {

    private static final System.Logger LOG = System.getLogger("org.bootctl.driver.rb2");
    private static final Kind RB2 = new Kind("RB2", "acknowledged VENT_ALL", LOG);

    private final PortSettings settings;
    private final Rb2Session.Stats stats = new Rb2Session.Stats();

    public Rb2Link(PortSettings settings, Registrar registrar) {
        super(RB2, settings.port(), registrar, settings.timing().firstBackoffMs(), settings.timing().maxBackoffMs());
        this.settings = settings;
    }

    public PortSettings settings() {
        return settings;
    }

    /** What this link counted, across openings. */
    public record Counters(long connects, long losses, long nacks, long framesDropped, long malformed,
                           long missedTelemetry, long ventsOnConnect) {
    }

    public Counters counters() {
        return new Counters(connects(), losses(), stats.nacks.get(), stats.dropped.get(),
                stats.malformed.get(), stats.missedTelemetry.get(), stats.ventsOnConnect.get());
    }

    /** The current opening's decoder counters, or null when the port is closed. */
    FrameDecoder.Stats decoderStats() {
        Opening current = opening();
        return current == null ? null : current.session().decoderStats();
    }

    @Override
    protected Opening open(String port, Runnable lost) throws IOException {
        return new Opening(new Rb2Session(port, SerialPorts.open(port), settings.timing(), stats, lost));
    }

    @Override
    protected String connected(DeviceDescription description) {
        return "port " + settings.port() + ": " + description.model() + " serial " + description.serial()
                + " (firmware " + description.firmware() + ") connected as " + description.id();
    }

    /** One opening of the port: its {@link Rb2Session}. */
    final class Opening extends SerialUnit.Opening<Rb2Session> {
        private volatile DeviceDescription description;
        private volatile boolean ended;

        Opening(Rb2Session session) {
            super(session);
        }

        @Override
        protected DeviceDescription handshake() throws Failure {
            session.start();
            try {
                description = Rb2Link.this.handshake(session);
                return description;
            } catch (Failure e) {
                throw session.isLost()
                        ? new Failure("port " + settings.port() + ": " + session.lossReason() + " during the handshake") : e;
            }
        }

        @Override
        protected BootConnection connection(DeviceDescription description) {
            return new Rb2Connection(description, session);
        }

        @Override
        protected void serve() throws Failure {
            session.serve();
            if (!ended) {
                throw new Failure("port " + settings.port() + ": lost " + description.id() + ": " + session.lossReason(),
                        session.unitAtFault());
            }
        }

        @Override
        protected void end() {
            ended = true;
            session.lose("stopped", false);
        }

        @Override
        protected boolean isLost() {
            return session.isLost();
        }

        @Override
        protected void letGo() {
            session.lose("let go", false);
            session.letGo();
        }
    }

    private DeviceDescription handshake(Rb2Session opened) throws Failure {
        String port = settings.port();
        Message hello = opened.hello();
        if (hello instanceof Message.Nack nack) {
            throw new Failure("port " + port + ": the device refused HELLO for BCP version " + Message.VERSION + " ("
                    + NackReason.nameOf(nack.reason()) + "): its firmware speaks another version of the protocol");
        }
        if (!(hello instanceof Message.Info info)) {
            // no count in the words: a reason that stays the same is logged once, not on every retry
            throw new Failure("port " + port + ": no INFO in answer to HELLO within "
                    + settings.timing().answerMs() + " ms (" + settings.timing().helloTries() + " tries)"
                    + (opened.unreadable() == 0 ? ": is an RB2 boot on this port?"
                    : "; frames came that could not be read: is the unit an RB2 (115200 baud), and its cable sound?"));
        }
        DeviceDescription description = describe(info);
        opened.describe(description);
        Message rate = opened.setRate(settings.rateHz());
        if (rate instanceof Message.Nack nack) {
            throw new Failure("port " + port + ": the device refused " + settings.rateHz() + " Hz ("
                    + NackReason.nameOf(nack.reason()) + ")");
        }
        if (!(rate instanceof Message.Ack)) {
            throw new Failure("port " + port + ": no answer to SET_RATE within " + settings.timing().answerMs() + " ms");
        }
        opened.stream();
        return description;
    }

    /**
     * INFO checked against the settings and the model catalogue. Where the two disagree on a
     * limit, the lower holds.
     */
    DeviceDescription describe(Message.Info info) throws Failure {
        String port = settings.port();
        if (info.version() != Message.VERSION) {
            throw new Failure("port " + port + ": the device speaks BCP version " + info.version()
                    + ", this driver speaks " + Message.VERSION);
        }
        if (!settings.autoModel() && !settings.expectedModel().equalsIgnoreCase(info.model())) {
            throw new Failure("port " + port + ": expected " + settings.expectedModel()
                    + " but the device says " + info.model());
        }
        ModelDescription spec = Rb2Models.find(info.model())
                .orElseThrow(() -> new Failure("port " + port + ": the device says it is '" + info.model()
                        + "', which is not an RB2 model bootctl knows (" + PortSettings.rb2Models() + ")"));
        if (info.limbs() != spec.limbs() || info.zones() != spec.zones()) {
            throw new Failure("port " + port + ": the device says " + info.model() + " with " + info.limbs()
                    + " x " + info.zones() + " zones, but an " + spec.model() + " has " + spec.limbs() + " x " + spec.zones());
        }
        // limits no unit can have: registered, they made the engine report faults that did not happen
        // (an over-pressure at 0.0 mmHg, every reading "implausible")
        String unit = "port " + port + ": the device " + info.model() + " (serial " + info.serial() + ") says its ";
        double hardLimit = Math.min(info.maxMmHg(), spec.hardLimitMmHg());
        if (info.maxMmHg() <= 0) {
            throw new Failure(unit + "hard limit is " + info.maxMmHg() + " mmHg: it cannot hold any pressure; check its firmware");
        }
        if (info.sensorFullScaleMmHg() <= hardLimit) {
            throw new Failure(unit + "pressure sensors read up to " + info.sensorFullScaleMmHg()
                    + " mmHg, not above its hard limit of " + mmHg(hardLimit)
                    + " mmHg: an over-pressure could not be seen; check its firmware");
        }
        return DeviceDescription.builder(settings.deviceId()).model(spec)
                .hardLimitMmHg(hardLimit)
                .sensorFullScaleMmHg(Math.min(info.sensorFullScaleMmHg(), spec.sensorFullScaleMmHg()))
                .serial(info.serial()).firmware(info.firmware()).sampleRateHz(settings.rateHz()).build();
    }

    private static String mmHg(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
