package org.bootctl.hub;

import com.google.gson.JsonObject;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The hub on the broker. A persistent session under a stable client id, and manual
 * acknowledgements: a message is acknowledged only once what it says is committed, so a hub
 * killed in between gets it again from the broker (records and events are QoS 1). Messages are
 * stored in batches, one transaction each, by a writer thread of their own. By default
 * every hub takes every record and event and the database keeps one (its unique keys); with a
 * share group they come through a shared subscription, so the hubs split them (docs/HUB.md says
 * when that is safe). The retained status and device messages always come through ordinary
 * subscriptions, since a shared subscription gets no retained messages.
 */
final class Ingest implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Ingest.class.getName());
    /**
     * Messages waiting for the writer. Bounded, and in practice by the broker too: it sends a client
     * only so many unacknowledged QoS 1 messages (Mosquitto's max_inflight_messages: 20 by default,
     * which keeps batches at 20; docs/HUB.md "The broker" asks for 1,000).
     */
    static final int QUEUE = 2000;
    /**
     * And about this many payload bytes (a message may be 256 KiB: 2,000 of them would be 500 MB).
     * Past it Paho's thread waits as for a full queue; one message larger than it passes alone.
     */
    static final int QUEUE_BYTES = 32 << 20;
    /** At most this many messages, and about this many payload bytes, in one transaction. */
    static final int MAX_BATCH = 500;
    static final long MAX_BATCH_BYTES = 4L << 20;
    /** Records, events and remote commands: every hub takes them, or with a group, the hubs of the group split them. */
    static String[] shared(String group) {
        String prefix = group == null || group.isBlank() ? "" : "$share/" + group.trim() + "/";
        return new String[] {prefix + "bootctl/v1/+/+/records", prefix + "bootctl/v1/+/+/events",
            prefix + "bootctl/v1/+/+/cmd/+"};
    }

    /**
     * What every hub needs itself: the retained state, live telemetry and the replies to its commands
     * (stored too: every hub stores each reply it takes, and the database keeps one).
     */
    static final String[] EVERY_HUB = {
        "bootctl/v1/+/+/status",
        "bootctl/v1/+/+/devices/+",
        "bootctl/v1/+/+/devices/+/telemetry",
        "bootctl/v1/+/+/reply",
    };

    /** Where the hub's messages go once handled: the live stream, the e-stops and the units known. Each does nothing unless implemented. */
    interface Listener {
        default void unitChanged(String site, String unit) {
        }

        default void telemetry(JsonObject telemetry) {
        }

        default void record(JsonObject record) {
        }

        default void event(String site, String unit, JsonObject event) {
        }

        /**
         * A device's retained message, stored: its state word (an e-stop's confirmation may be this),
         * when it reached the hub ({@link System#nanoTime()}) and its {@code updated} time (null when
         * it has none). Told after the commit, only the newest of a batch per device.
         */
        default void deviceState(String site, String unit, String device, String state, long arrived, Instant updated) {
        }

        default void reply(String site, String unit, JsonObject reply) {
        }

        /**
         * A unit's retained status or device message as it arrives (on Paho's thread, before the
         * database): {@code device} null for the status; {@code gone} for a device's empty message.
         */
        default void seen(String site, String unit, String device, boolean gone) {
        }
    }

    private final MqttAsyncClient client;
    private final MqttConnectOptions options;
    private final Store store;
    private final Listener listener;
    private final String[] shared;
    private final BlockingQueue<Incoming> queue = new ArrayBlockingQueue<>(QUEUE);
    /** The payload bytes the queue may still take ({@link #QUEUE_BYTES} in all). */
    private final Semaphore queueBytes = new Semaphore(QUEUE_BYTES);
    private final Thread writer;
    private final CountDownLatch storeReady = new CountDownLatch(1);
    /** The broker link's number, one more after each loss; guarded by {@link #links}. */
    private long link;
    private final Object links = new Object();
    private volatile boolean closed;

    Ingest(String brokerUri, String clientId, String user, String password, String group, Store store, Listener listener)
            throws MqttException {
        this.shared = shared(group);
        this.store = store;
        this.listener = listener;
        this.client = new MqttAsyncClient(brokerUri, clientId, new MemoryPersistence());
        client.setManualAcks(true);
        options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(false); // the broker keeps what arrives while this hub is away
        options.setAutomaticReconnect(true);
        options.setMaxReconnectDelay(4_000); // back soon after a broker restart: a shared subscription waits for it
        options.setKeepAliveInterval(15);
        options.setConnectionTimeout(10);
        options.setMaxInflight(1000);
        if (user != null && !user.isBlank()) {
            options.setUserName(user);
            options.setPassword(password == null ? new char[0] : password.toCharArray());
        }
        writer = new Thread(this::write, "bootctl-hub-writer");
        writer.setDaemon(true);
        client.setCallback(new MqttCallbackExtended() {
            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
                subscribe();
            }

            @Override
            public void connectionLost(Throwable cause) {
                synchronized (links) {
                    link++; // what came on the old link is acknowledged by the broker's resend, never by its old id
                }
                LOG.warning("bootctl hub: lost the broker " + serverURI() + " (" + cause + "); reconnecting");
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) throws InterruptedException {
                arrived(topic, message);
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // e-stop commands are fire-and-forget: the reply tells
            }
        });
    }

    private String serverURI() {
        return client.getServerURI();
    }

    /** Connects and stores at once ({@link #connect} and {@link #storeReady}). */
    void start() {
        storeReady();
        connect();
    }

    /**
     * Connects, retrying with Paho's back-off until it works or the hub stops; what is to be stored
     * waits (in the queue, then in the broker) until {@link #storeReady}.
     */
    void connect() {
        writer.start();
        try {
            client.connect(options);
        } catch (MqttException e) {
            LOG.warning("bootctl hub: cannot reach the broker " + serverURI() + " (" + e + ")");
        }
    }

    /** The database is migrated: the writer may store. */
    void storeReady() {
        storeReady.countDown();
    }

    boolean connected() {
        return client.isConnected();
    }

    private void subscribe() {
        try {
            String[] all = new String[shared.length + EVERY_HUB.length];
            System.arraycopy(shared, 0, all, 0, shared.length);
            System.arraycopy(EVERY_HUB, 0, all, shared.length, EVERY_HUB.length);
            int[] qos = new int[all.length];
            Arrays.fill(qos, 1);
            client.subscribe(all, qos);
            LOG.info("bootctl hub: subscribed on " + serverURI());
        } catch (MqttException e) {
            LOG.log(Level.WARNING, "bootctl hub: cannot subscribe on " + serverURI(), e);
        }
    }

    void publish(String topic, byte[] payload) throws MqttException {
        client.publish(topic, payload, 1, false);
    }

    /** A message taken from the broker, and the link it came on: acknowledged on that link only. */
    private record Incoming(String topic, MqttMessage message, long link, boolean stored, long arrived) {
    }

    /**
     * On Paho's callback thread: what needs no database (telemetry, and replies for the e-stops
     * waiting on them) goes on at once; what is stored (all but telemetry) waits in a bounded queue for the writer. When the queue is full this waits (until the hub
     * stops), so Paho stops reading and the broker holds the rest. QoS 1 messages are acknowledged
     * by the writer, in the order they came, after the commit of the batch that stored them.
     */
    private void arrived(String topic, MqttMessage message) throws InterruptedException {
        long arrived = System.nanoTime();
        boolean stored = stored(topic);
        seen(topic, message);
        if (passesThrough(topic)) {
            try {
                dispatch(null, topic, message, arrived, null);
            } catch (SQLException | RuntimeException e) {
                LOG.log(Level.FINE, "bootctl hub: a message on " + topic + " was refused", e);
            }
        }
        if (stored || message.getQos() > 0) {
            long now;
            synchronized (links) {
                now = link;
            }
            Incoming in = new Incoming(topic, message, now, stored, arrived);
            int bytes = bytes(in);
            while (!queueBytes.tryAcquire(bytes, 1, TimeUnit.SECONDS)) {
                if (closed) {
                    return; // the hub stops: never acknowledged, the broker keeps it
                }
            }
            while (!queue.offer(in, 1, TimeUnit.SECONDS)) {
                if (closed) {
                    queueBytes.release(bytes);
                    return;
                }
            }
        }
    }

    /** Tells the listener of a unit's retained status or device message as it comes, before the database. */
    private void seen(String topic, MqttMessage message) {
        String[] level = topic.split("/", -1);
        if (level.length < 5 || !level[0].equals("bootctl") || !level[1].equals("v1") || !Names.site(level[2])
                || !Names.unit(level[3])) {
            return;
        }
        try {
            if (level.length == 5 && level[4].equals("status")) {
                listener.seen(level[2], level[3], null, false);
            } else if (level.length == 6 && level[4].equals("devices") && Names.device(level[5])) {
                listener.seen(level[2], level[3], level[5], message.getPayload().length == 0);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "bootctl hub: the list of known units failed on " + topic, e);
        }
    }

    /** What a message counts against {@link #QUEUE_BYTES}: its payload, at most all of it. */
    private static int bytes(Incoming in) {
        return Math.min(Math.max(in.message().getPayload().length, 1), QUEUE_BYTES);
    }

    /** Records, events, status, devices, commands and replies go to the database; telemetry only passes through. */
    static boolean stored(String topic) {
        return !topic.endsWith("/telemetry");
    }

    /** Told at once, before the database: live telemetry, and replies (an e-stop's confirmation must not wait for a commit). */
    static boolean passesThrough(String topic) {
        return topic.endsWith("/telemetry") || topic.endsWith("/reply");
    }

    /**
     * The writer: takes what has come (up to {@value #MAX_BATCH} messages and about
     * {@value #MAX_BATCH_BYTES} bytes), stores it in one transaction, commits, then tells the live
     * stream and acknowledges. While the database cannot take a batch it is tried again each second
     * and nothing is acknowledged (the broker holds the rest); a hub killed meanwhile gets it all
     * again from the broker.
     */
    private void write() {
        List<Incoming> batch = new ArrayList<>();
        try {
            while (!closed && !storeReady.await(1, TimeUnit.SECONDS)) {
                // the database is not migrated yet
            }
        } catch (InterruptedException e) {
            return;
        }
        while (!closed) {
            try {
                Incoming first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                queueBytes.release(bytes(first));
                batch.add(first);
                long bytes = first.message().getPayload().length;
                Incoming next;
                while (batch.size() < MAX_BATCH && bytes < MAX_BATCH_BYTES && (next = queue.poll()) != null) {
                    queueBytes.release(bytes(next));
                    batch.add(next);
                    bytes += next.message().getPayload().length;
                }
                Map<String, Runnable> after = store(batch);
                if (after == null) {
                    return; // closing: nothing acknowledged
                }
                for (Runnable tell : after.values()) {
                    try {
                        tell.run();
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "bootctl hub: the live stream or an e-stop's watch failed", e);
                    }
                }
                for (Incoming in : batch) { // committed: acknowledged whatever the listeners did
                    ack(in);
                }
                batch.clear();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "bootctl hub: the writer failed; the broker keeps what was not acknowledged", e);
                batch.clear();
            }
        }
    }

    /**
     * The batch in one transaction, tried until it is committed; what to tell the live stream then
     * (null: closing). When the database refuses the batch for what a message holds (a value too
     * long, a character or a time it cannot take: SQLSTATE classes 21, 22, 23, 54), the messages are
     * stored one by one and only the one it refuses is dropped (logged with its unit and why), so
     * one bad message never stops the rest. A database that is away, busy or in a deadlock
     * ({@link #dataRefused} false) is waited for, as before: nothing is dropped then.
     */
    private Map<String, Runnable> store(List<Incoming> batch) throws InterruptedException {
        Map<String, Runnable> after = new LinkedHashMap<>();
        SQLException failed = transaction(batch, after);
        if (failed == null) {
            return after;
        }
        if (closed) {
            return null;
        }
        if (batch.size() > 1) {
            LOG.info("bootctl hub: the database refused a batch of " + batch.size() + " messages (" + failed.getMessage()
                    + "); storing them one by one to find the one it refuses");
        }
        after.clear();
        for (Incoming in : batch) {
            if (!in.stored()) {
                continue;
            }
            Map<String, Runnable> one = new LinkedHashMap<>();
            SQLException e = transaction(List.of(in), one);
            if (e == null) {
                after.putAll(one);
            } else if (closed) {
                return null;
            } else {
                LOG.warning("bootctl hub: refused a message from unit " + unitOf(in.topic()) + " on " + in.topic() + " ("
                        + in.message().getPayload().length + " bytes): the database cannot store it (SQLSTATE "
                        + e.getSQLState() + ": " + e.getMessage() + "); the unit should publish valid values. The rest is stored");
            }
        }
        return after;
    }

    /**
     * {@code messages} in one transaction, tried again while the database is away or busy: null once
     * committed, the exception when the database refuses what they hold (or the hub is closing).
     */
    private SQLException transaction(List<Incoming> messages, Map<String, Runnable> after) throws InterruptedException {
        boolean warned = false;
        List<String> refused = new ArrayList<>();
        while (true) {
            after.clear();
            refused.clear();
            try {
                store.write(w -> {
                    for (Incoming in : messages) {
                        if (in.stored()) {
                            try {
                                dispatch(w, in.topic(), in.message(), in.arrived(), after);
                            } catch (RuntimeException e) {
                                // a malformed message would come back for ever: refused, acknowledged with the rest
                                refused.add("bootctl hub: refused a message from unit " + unitOf(in.topic()) + " on "
                                        + in.topic() + ": " + e.getMessage() + "; the unit should publish what docs/FLEET.md says");
                            }
                        }
                    }
                    return null;
                });
                refused.forEach(LOG::warning); // once, when committed: not again with each try of the batch
                if (warned) {
                    LOG.info("bootctl hub: the database takes messages again");
                }
                return null;
            } catch (SQLException e) {
                if (dataRefused(e) || closed) {
                    return e;
                }
                if (!warned) {
                    LOG.warning("bootctl hub: the database did not take " + messages.size() + " messages (" + e.getMessage()
                            + "); trying again each second, the broker keeps the rest. Check that the database runs and answers");
                    warned = true;
                }
                Thread.sleep(retryAtOnce(e) ? 20 : 1000);
            }
        }
    }

    /**
     * The database refused what a message holds, so trying it again can never work: cardinality (21),
     * a data exception (22: too long, a NUL character, a time out of range), an integrity constraint
     * (23) or a program limit (54). Anything else (no connection, a timeout, a deadlock) may pass later.
     */
    static boolean dataRefused(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (SQLException x = t instanceof SQLException s ? s : null; x != null; x = x.getNextException()) {
                String state = x.getSQLState();
                if (state != null && state.length() == 5 && (state.startsWith("21") || state.startsWith("22")
                        || state.startsWith("23") || state.startsWith("54"))) {
                    return true;
                }
                if (x.getNextException() == x) {
                    break;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static String unitOf(String topic) {
        String[] level = topic.split("/", 5);
        return level.length >= 4 ? level[2] + "/" + level[3] : "?";
    }

    /** A deadlock or serialization failure (two hubs on one PostgreSQL): tried again at once. */
    private static boolean retryAtOnce(SQLException e) {
        String state = e.getSQLState();
        return state != null && state.startsWith("40");
    }

    /**
     * One message: with {@code w}, in the writer's transaction (what the live stream is told goes
     * to {@code after}, run once committed); without, a message that passes through.
     */
    private void dispatch(Store.Writes w, String topic, MqttMessage message, long arrived, Map<String, Runnable> after)
            throws SQLException {
        String[] level = topic.split("/", -1);
        if (level.length < 5 || !level[0].equals("bootctl") || !level[1].equals("v1")) {
            return;
        }
        String site = level[2];
        String unit = level[3];
        if (!Names.site(site) || !Names.unit(unit)) {
            return;
        }
        String kind = level[4];
        JsonObject payload = Store.parse(message.getPayload());
        if (level.length == 5) {
            switch (kind) {
                case "status" -> {
                    if (payload != null && w != null) {
                        w.status(site, unit, payload);
                        after.put("unit " + site + "/" + unit, () -> listener.unitChanged(site, unit));
                    }
                }
                case "records" -> {
                    if (payload != null && w != null) {
                        w.record(site, unit, payload, () -> { // stored: the live stream hears of it once committed
                            payload.addProperty("site", site);
                            payload.addProperty("unit", unit);
                            after.put("record " + after.size(), () -> listener.record(payload));
                        });
                    }
                }
                case "events" -> {
                    if (payload != null && w != null) {
                        event(w, site, unit, payload, after);
                    }
                }
                case "reply" -> {
                    if (payload != null && w == null) {
                        listener.reply(site, unit, payload);
                    } else if (payload != null) {
                        event(w, site, unit, CommandEvents.reply(site, unit, payload), after);
                    }
                }
                default -> {
                }
            }
        } else if (kind.equals("cmd") && level.length == 6) {
            if (payload != null && w != null) {
                event(w, site, unit, CommandEvents.command(site, unit, level[5], payload), after);
            }
        } else if (kind.equals("devices") && Names.device(level[5])) {
            if (level.length == 6 && w != null) {
                String device = level[5];
                if (message.getPayload().length == 0) {
                    w.device(site, unit, device, null);
                } else if (payload != null) {
                    w.device(site, unit, device, payload);
                    String state = Store.text(payload, "state");
                    Instant updated = Store.instant(Store.text(payload, "updated"));
                    // keyed by the device: a newer message of the batch replaces an older one's (never confirms an e-stop)
                    after.remove("device " + site + "/" + unit + "/" + device);
                    after.put("device " + site + "/" + unit + "/" + device,
                            () -> listener.deviceState(site, unit, device, state, arrived, updated));
                } else {
                    return;
                }
                after.put("unit " + site + "/" + unit, () -> listener.unitChanged(site, unit));
            } else if (level.length == 7 && level[6].equals("telemetry") && payload != null) {
                payload.addProperty("site", site);
                payload.addProperty("unit", unit);
                payload.addProperty("device", level[5]);
                listener.telemetry(payload);
            }
        }
    }

    /** Stores an event once; the live stream hears of it after the commit, with the time it came when it has none. */
    private void event(Store.Writes w, String site, String unit, JsonObject event, Map<String, Runnable> after)
            throws SQLException {
        if (w.event(site, unit, event)) {
            Instant stored = Instant.now();
            after.put("event " + after.size(), () -> {
                if (!event.has("time")) { // the stored row has its time in "at"; the payload stays what was sent
                    event.addProperty("time", stored.toString());
                }
                listener.event(site, unit, event);
            });
        }
    }

    /** Acknowledges on the link the message came on; after a reconnect its id may name another message. */
    private void ack(Incoming in) {
        if (in.message().getQos() == 0) {
            return;
        }
        synchronized (links) {
            if (in.link() != link) {
                return; // the broker sends it again on the new link
            }
            try {
                client.messageArrivedComplete(in.message().getId(), in.message().getQos());
            } catch (MqttException e) {
                // the link went: the broker sends it again
            }
        }
    }

    @Override
    public void close() {
        closed = true; // the writer ends after its batch or within a second; never interrupted: an interrupt in
        // the middle of H2's file I/O closes its file channel and with it the database
        try {
            if (client.isConnected()) {
                client.disconnect(2000).waitForCompletion(3000);
            }
        } catch (MqttException e) {
            // going anyway
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            // nothing more to free
        }
    }
}
