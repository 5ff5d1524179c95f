package org.bootctl.fleet;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bootctl.api.audit.AuditEvent;
import org.bootctl.api.audit.AuditLog;
import org.bootctl.api.program.Program;
import org.bootctl.api.program.ProgramLibrary;
import org.bootctl.api.session.DeviceStatus;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionListener;
import org.bootctl.api.session.SessionService;
import org.bootctl.api.session.Telemetry;
import org.bootctl.api.session.TelemetryListener;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * This controller on an MQTT broker (docs/FLEET.md): live status, devices, telemetry and events
 * out; every history record out, never lost; commands and programs in. Runs only with its
 * configuration ({@code bootctl run --fleet}); the engine knows nothing of it: it hears the engine
 * as a session and telemetry listener and acts through the SessionService like any UI.
 */
@Component(configurationPid = "org.bootctl.fleet", configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {SessionListener.class, TelemetryListener.class}, immediate = true)
@Designate(ocd = FleetConfig.class)
public final class FleetComponent implements SessionListener, TelemetryListener {

    /** How long a stopping fleet waits to say offline before the will has to. */
    static final long STOP_WAIT_MS = 1500;
    private static final System.Logger LOG = System.getLogger("org.bootctl.fleet");

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile SessionService sessions;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ProgramLibrary library;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuditLog auditLog;

    private volatile Outbox outbox;
    private volatile SessionEvents events;
    private volatile Publisher publisher;
    private volatile Inbox inbox;
    private volatile ProgramNews programNews;

    @Activate
    void activate(BundleContext context, FleetConfig config) {
        Topics topics = new Topics(config.site(), config.unit()); // refuses bad names: the component does not start
        BrokerAddress broker = BrokerAddress.parse(config.broker());
        if (!(config.telemetryHz() >= 0 && config.telemetryHz() <= 50)) {
            throw new IllegalArgumentException("fleet-telemetry-hz must be 0..50, not " + config.telemetryHz());
        }
        if (config.eventQueue() < 1 || config.eventQueue() > 100_000) {
            throw new IllegalArgumentException("eventQueue must be 1..100000, not " + config.eventQueue());
        }
        String data = context.getProperty("bootctl.data");
        Path dataFolder = Path.of(data == null || data.isBlank() ? "./data" : data);
        Publisher[] self = new Publisher[1];
        Outbox box = new Outbox(() -> {
            Publisher p = self[0];
            if (p != null) {
                p.wake();
            }
        }, config.eventQueue());
        Publisher.Settings settings = new Publisher.Settings(broker, topics, context.getBundle().getVersion().toString(),
                config.telemetryHz(), () -> credentials(config));
        Publisher p = new Publisher(settings, box, new HistoryCursor(dataFolder.resolve("history.jsonl"),
                dataFolder.resolve("fleet").resolve("cursor")), new PublishedDevices(dataFolder.resolve("fleet").resolve("devices")),
                () -> sessions);
        self[0] = p;
        FleetPrograms programs = new FleetPrograms(dataFolder.resolve("fleet").resolve("programs"), this::validate,
                (type, what) -> box.event(new Outbox.Event(type, Instant.now(), null, what)));
        Inbox handler = new Inbox(new RemoteCommands(() -> sessions, () -> library, config.control(), this::audit, topics), programs, box);
        p.inbox(handler);
        outbox = box;
        events = new SessionEvents(box);
        inbox = handler;
        publisher = p;
        programNews = new ProgramNews(box::event); // as the web's program event: {change, program}
        p.start(); // connecting, reading files: all on its own thread
    }

    @Deactivate
    void deactivate() {
        Publisher p = publisher;
        publisher = null;
        events = null;
        outbox = null;
        ProgramNews news = programNews;
        programNews = null;
        if (news != null) {
            news.close();
        }
        if (inbox != null) {
            inbox.stop();
        }
        if (p != null) {
            p.stop(STOP_WAIT_MS);
        }
    }

    @Override
    public void sessionChanged(SessionInfo session) {
        SessionEvents e = events;
        if (e != null) {
            e.sessionChanged(session);
        }
        if (session.state().isFinal()) {
            Publisher p = publisher;
            if (p != null) {
                p.wake(); // its record is in history.jsonl by now, or soon
            }
        }
    }

    @Override
    public void deviceChanged(DeviceStatus device, boolean online) {
        SessionEvents e = events;
        if (e != null) {
            e.deviceChanged(device, online);
        }
    }

    @Override
    public void telemetry(Telemetry frame) {
        Outbox box = outbox;
        if (box != null) {
            box.telemetry(frame);
        }
    }

    @Reference(service = Program.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addProgram(Program program, Map<String, Object> properties) {
        ProgramNews news = programNews;
        if (news != null) { // those there at activation are no news
            news.added(program, properties);
        }
    }

    void removeProgram(Program program, Map<String, Object> properties) {
        ProgramNews news = programNews;
        if (news != null) {
            news.removed(program, properties);
        }
    }

    private List<org.bootctl.api.program.ValidationError> validate(String json) {
        ProgramLibrary l = library;
        return l == null ? List.of() : l.validate(json, "fleet program", null);
    }

    private void audit(AuditEvent event) {
        AuditLog log = auditLog;
        if (log != null) {
            try {
                log.record(event);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "bootctl fleet: the audit log failed to record " + event.action(), e);
            }
        }
    }

    /** Read on every connection attempt (publisher thread), so a changed password file needs no restart. */
    private static MqttLink.Credentials credentials(FleetConfig config) {
        String password = config.password();
        if (!config.passwordFile().isBlank()) {
            try {
                password = Files.readString(Path.of(config.passwordFile()), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new IllegalStateException("cannot read fleet-password-file " + config.passwordFile() + ": " + e);
            }
        }
        return new MqttLink.Credentials(config.user(), password, config.caFile());
    }
}
