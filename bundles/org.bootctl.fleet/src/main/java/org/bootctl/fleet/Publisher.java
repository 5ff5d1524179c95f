package org.bootctl.fleet;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.bootctl.api.session.DeviceStatus;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionService;
import org.bootctl.api.session.Telemetry;
import org.bootctl.web.contract.Views;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;

/**
 * The fleet's one publisher thread ("bootctl-fleet-publisher"): connects (and reconnects with
 * {@link Backoff}), then publishes, in this order of priority, device changes, command replies,
 * events, records from the history cursor and telemetry. Nothing the engine calls ever waits for
 * it: the listeners only fill the {@link Outbox} and unpark this thread.
 */
final class Publisher implements Runnable, MqttLink.Inbound {

    /** Records sent between two acknowledgement waits (QoS 1 in flight at once). */
    static final int RECORD_BATCH = 20;
    /** Records sent in one round before other work gets its turn. */
    static final int RECORDS_PER_ROUND = 200;
    static final long IDLE_MS = 1000;
    private static final System.Logger LOG = System.getLogger("org.bootctl.fleet");

    /** Everything the publisher needs to know of its unit. */
    record Settings(BrokerAddress broker, Topics topics, String version, double telemetryHz,
                    Supplier<MqttLink.Credentials> credentials) {
    }

    private final Settings settings;
    private final Outbox outbox;
    private final HistoryCursor cursor;
    private final PublishedDevices published;
    private final Supplier<SessionService> sessions;
    private volatile Inbox inbox;
    private final Backoff backoff = new Backoff();
    private final Map<String, IMqttDeliveryToken> telemetryInFlight = new HashMap<>();
    private final Map<String, Telemetry> telemetrySent = new HashMap<>();
    private volatile boolean stopping;
    private volatile boolean lost;
    private volatile Thread thread;
    private MqttLink link;
    private Instant since;
    private List<String> announcedDevices = List.of();
    private boolean failing;

    Publisher(Settings settings, Outbox outbox, HistoryCursor cursor, PublishedDevices published,
              Supplier<SessionService> sessions) {
        this.settings = settings;
        this.outbox = outbox;
        this.cursor = cursor;
        this.published = published;
        this.sessions = sessions;
    }

    void inbox(Inbox handler) {
        this.inbox = handler;
    }

    void start() {
        Thread t = new Thread(this, "bootctl-fleet-publisher");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** Asks the thread to say offline and go; waits at most {@code waitMs} for it. */
    void stop(long waitMs) {
        stopping = true;
        Thread t = thread;
        if (t == null) {
            return;
        }
        LockSupport.unpark(t);
        try {
            t.join(waitMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            t.interrupt(); // a broker that does not answer: the will says offline instead
        }
    }

    void wake() {
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    @Override
    public void run() {
        try {
            cursor.load();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "bootctl fleet: cannot read the record cursor (" + e + "); every record is sent again");
        }
        try {
            published.load();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "bootctl fleet: cannot read the list of published devices (" + e
                    + "); a device gone while the unit was stopped keeps its retained message");
        }
        long nextTelemetry = System.nanoTime();
        long periodNanos = settings.telemetryHz() > 0 ? (long) (1e9 / settings.telemetryHz()) : Long.MAX_VALUE;
        while (!stopping) {
            try {
                if (link == null || lost || !link.connected()) {
                    dropLink();
                    if (!connect()) {
                        pause(backoff.next());
                        continue;
                    }
                }
                publishDevices();
                publishReplies();
                publishEvents();
                boolean more = publishRecords();
                long now = System.nanoTime();
                if (now - nextTelemetry >= 0) {
                    publishTelemetry();
                    nextTelemetry = periodNanos == Long.MAX_VALUE ? now + TimeUnit.DAYS.toNanos(1) : Math.max(nextTelemetry + periodNanos, now);
                }
                if (!more) {
                    long wait = Math.min(TimeUnit.MILLISECONDS.toNanos(IDLE_MS), nextTelemetry - System.nanoTime());
                    if (wait > 0) {
                        LockSupport.parkNanos(this, wait);
                    }
                }
            } catch (MqttException e) {
                LOG.log(Level.INFO, "bootctl fleet: the link to " + settings.broker() + " broke (" + e.getMessage() + ")");
                lost = true;
            } catch (IOException e) {
                LOG.log(Level.WARNING, "bootctl fleet: " + e);
                pause(IDLE_MS);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "bootctl fleet: unexpected failure; going on", e);
                pause(IDLE_MS);
            }
        }
        sayOffline();
    }

    /** Paho's callback thread: a command or a program. Retained commands are never carried out (but audited). */
    @Override
    public void messageArrived(String topic, MqttMessage message) {
        Inbox handler = inbox;
        Topics topics = settings.topics();
        if (handler == null) {
            return;
        }
        if (topic.startsWith(topics.commandPrefix())) {
            if (message.isRetained()) {
                handler.retainedCommand(topic.substring(topics.commandPrefix().length()), message.getPayload());
                return;
            }
            handler.command(topic.substring(topics.commandPrefix().length()), message.getPayload());
        } else if (topic.startsWith(Topics.ROOT + topics.site() + "/programs/")) {
            handler.program(true, topic.substring((Topics.ROOT + topics.site() + "/programs/").length()), message.getPayload());
        } else if (topic.startsWith(Topics.ROOT + "all/programs/")) {
            handler.program(false, topic.substring((Topics.ROOT + "all/programs/").length()), message.getPayload());
        }
    }

    @Override
    public void connectionLost(Throwable cause) {
        lost = true;
        wake();
    }

    private boolean connect() {
        Topics topics = settings.topics();
        try {
            lost = false;
            MqttLink connected = MqttLink.connect(settings.broker(), "bootctl-" + topics.site() + "-" + topics.unit(),
                    settings.credentials().get(), topics.status(), status("offline", null, announcedDevices), this);
            link = connected;
            since = Instant.now();
            announcedDevices = onlineDevices();
            connected.publishAcked(topics.status(), status("online", since, announcedDevices), true);
            Inbox handler = inbox;
            if (handler != null) {
                handler.resync(); // before the subscription: every retained program that follows counts as seen
            }
            connected.subscribe(topics.commands(), topics.sitePrograms(), topics.allPrograms());
            if (handler != null) {
                handler.subscribed(); // only now can a program the broker does not send again be taken as removed
            }
            SessionService s = sessions.get();
            if (s != null) {
                List<String> present = s.devices().stream().map(DeviceStatus::id).toList();
                present.forEach(id -> outbox.deviceChanged(id, true));
                // gone while the unit was stopped: its retained message is emptied (one that is only late comes back when it appears)
                published.ids().stream().filter(id -> !present.contains(id)).forEach(id -> outbox.deviceChanged(id, false));
            }
            backoff.reset();
            telemetryInFlight.clear();
            LOG.log(Level.INFO, "bootctl fleet: connected to " + settings.broker() + " as " + topics.site() + "/" + topics.unit());
            failing = false;
            return true;
        } catch (MqttException | IOException | GeneralSecurityException | RuntimeException e) {
            if (!failing) {
                LOG.log(Level.WARNING, "bootctl fleet: cannot reach the broker " + settings.broker() + ": " + describe(e)
                        + "; trying again with back-off up to " + Backoff.CAP_MS / 1000 + " s");
            }
            failing = true;
            dropLink();
            return false;
        }
    }

    private void dropLink() {
        MqttLink l = link;
        link = null;
        if (l != null) {
            l.close();
        }
    }

    private void publishDevices() throws MqttException {
        Map<String, Boolean> changes = outbox.takeChangedDevices();
        if (changes.isEmpty()) {
            return;
        }
        Map<String, Boolean> left = new LinkedHashMap<>(changes);
        SessionService s = sessions.get();
        try {
            for (Map.Entry<String, Boolean> change : changes.entrySet()) {
                String id = change.getKey();
                if (Topics.usable(id)) {
                    Optional<DeviceStatus> status = change.getValue() && s != null ? s.device(id) : Optional.empty();
                    byte[] payload = status.map(d -> Json.bytes(device(d, s))).orElse(new byte[0]);
                    link.publishAcked(settings.topics().device(id), payload, true);
                    if (status.isEmpty()) {
                        outbox.telemetryGone(id);
                    }
                    remember(id, status.isPresent());
                }
                left.remove(id);
            }
        } catch (MqttException e) {
            outbox.restoreChangedDevices(left);
            throw e;
        }
        List<String> online = onlineDevices();
        if (!online.equals(announcedDevices)) {
            link.publishAcked(settings.topics().status(), status("online", since, online), true);
            announcedDevices = online;
        }
    }

    private void remember(String id, boolean retained) {
        try {
            published.update(id, retained);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "bootctl fleet: cannot write the list of published devices (" + e + ")");
        }
    }

    private void publishReplies() throws MqttException {
        for (RemoteCommands.Reply reply; (reply = outbox.peekReply()) != null; ) {
            link.publishAcked(settings.topics().reply(), Json.bytes(reply), false);
            outbox.replySent();
        }
    }

    private void publishEvents() throws MqttException {
        long dropped = outbox.takeDroppedEvents();
        if (dropped > 0) {
            try {
                JsonObject counted = new JsonObject();
                counted.addProperty("count", dropped);
                link.publishAcked(settings.topics().events(), event(new Outbox.Event("events-dropped", Instant.now(), null,
                        counted)), false);
            } catch (MqttException e) {
                outbox.restoreDroppedEvents(dropped);
                throw e;
            }
        }
        for (Outbox.Event event; (event = outbox.peekEvent()) != null; ) {
            link.publishAcked(settings.topics().events(), event(event), false);
            outbox.eventSent();
        }
    }

    /** @return whether more records wait */
    private boolean publishRecords() throws MqttException, IOException {
        int sent = 0;
        while (sent < RECORDS_PER_ROUND && !stopping) {
            List<HistoryCursor.Line> lines = cursor.next(RECORD_BATCH);
            if (lines.isEmpty()) {
                return false;
            }
            List<IMqttDeliveryToken> tokens = new ArrayList<>();
            for (HistoryCursor.Line line : lines) {
                if (line.json() != null) {
                    tokens.add(link.publish(settings.topics().records(), line.json().getBytes(StandardCharsets.UTF_8), 1, false));
                }
            }
            for (IMqttDeliveryToken token : tokens) {
                token.waitForCompletion(MqttLink.ACK_TIMEOUT_MS);
            }
            cursor.commit(lines.get(lines.size() - 1).end());
            sent += lines.size();
        }
        return true;
    }

    /** QoS 0, never waited for: a frame whose predecessor is still on its way is dropped. */
    private void publishTelemetry() throws MqttException {
        for (Telemetry frame : outbox.telemetryFrames()) {
            String id = frame.deviceId();
            IMqttDeliveryToken previous = telemetryInFlight.get(id);
            if (!Topics.usable(id) || telemetrySent.get(id) == frame || (previous != null && !previous.isComplete())) {
                continue;
            }
            JsonObject data = Json.tree(Views.TelemetryView.of(frame));
            data.addProperty("time", Instant.now().toString());
            data.addProperty("site", settings.topics().site());
            data.addProperty("unit", settings.topics().unit());
            telemetryInFlight.put(id, link.publish(settings.topics().telemetry(id),
                    data.toString().getBytes(StandardCharsets.UTF_8), 0, false));
            telemetrySent.put(id, frame);
        }
    }

    /** On a clean stop: offline, retained, then a clean disconnect (the broker then keeps the will to itself). */
    private void sayOffline() {
        MqttLink l = link;
        link = null;
        if (l == null) {
            return;
        }
        try {
            if (l.connected() && !Thread.currentThread().isInterrupted()) {
                l.publish(settings.topics().status(), status("offline", Instant.now(), onlineDevices()), 1, true)
                        .waitForCompletion(1000);
                l.disconnect(500);
            }
        } catch (MqttException e) {
            // the will says it instead
        } finally {
            l.close();
        }
    }

    private byte[] status(String state, Instant at, List<String> devices) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("state", state);
        status.put("version", settings.version());
        status.put("since", at == null ? null : at.toString());
        status.put("devices", devices);
        return Json.bytes(status);
    }

    private byte[] event(Outbox.Event event) {
        JsonObject o = new JsonObject();
        o.addProperty("event", event.type());
        o.addProperty("time", event.time().toString());
        o.addProperty("site", settings.topics().site());
        o.addProperty("unit", settings.topics().unit());
        o.addProperty("device", event.device());
        if (event.data() != null) {
            JsonElement data = event.data() instanceof JsonElement e ? e : Json.GSON.toJsonTree(event.data());
            if (data.isJsonObject()) {
                data.getAsJsonObject().entrySet().forEach(field -> o.add(field.getKey(), field.getValue()));
            }
        }
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The device object of {@code GET /api/devices/{id}}, plus its session's program and time left. */
    private static JsonObject device(DeviceStatus status, SessionService s) {
        JsonObject o = Json.tree(Views.DeviceView.of(status));
        Optional<SessionInfo> session = status.sessionId() == null ? Optional.empty() : s.session(status.sessionId());
        o.addProperty("program", session.map(SessionInfo::programId).orElse(null));
        o.addProperty("remainingMs", session.filter(i -> !i.state().isFinal()).map(SessionInfo::remainingMs).orElse(0L));
        o.addProperty("updated", Instant.now().toString());
        return o;
    }

    private List<String> onlineDevices() {
        SessionService s = sessions.get();
        return s == null ? List.of() : s.devices().stream().map(DeviceStatus::id).sorted().toList();
    }

    private void pause(long ms) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        while (!stopping) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            LockSupport.parkNanos(this, left);
        }
    }

    private static String describe(Exception e) {
        if (e instanceof MqttException m) {
            return switch (m.getReasonCode()) {
                case MqttException.REASON_CODE_FAILED_AUTHENTICATION, MqttException.REASON_CODE_NOT_AUTHORIZED ->
                        "the broker refused the user or password (" + m.getMessage() + ")";
                case MqttException.REASON_CODE_SERVER_CONNECT_ERROR -> "no answer (" + (m.getCause() == null
                        ? m.getMessage() : m.getCause().getMessage()) + ")";
                default -> m.getMessage() + (m.getCause() == null ? "" : ": " + m.getCause().getMessage());
            };
        }
        return e.toString();
    }
}
