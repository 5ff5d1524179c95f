package org.bootctl.hub;

import com.google.gson.JsonObject;
import java.sql.SQLException;
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
 * killed in between gets it again from the broker (records and events are QoS 1). By default
 * every hub takes every record and event and the database keeps one (its unique keys); with a
 * share group they come through a shared subscription, so the hubs split them (docs/HUB.md says
 * when that is safe). The retained status and device messages always come through ordinary
 * subscriptions, since a shared subscription gets no retained messages.
 */
final class Ingest implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Ingest.class.getName());
    /** Records and events: every hub takes them, or with a group, the hubs of the group split them. */
    static String[] shared(String group) {
        String prefix = group == null || group.isBlank() ? "" : "$share/" + group.trim() + "/";
        return new String[] {prefix + "bootctl/v1/+/+/records", prefix + "bootctl/v1/+/+/events"};
    }

    /** What every hub needs itself: the retained state, live telemetry and the replies to its commands. */
    static final String[] EVERY_HUB = {
        "bootctl/v1/+/+/status",
        "bootctl/v1/+/+/devices/+",
        "bootctl/v1/+/+/devices/+/telemetry",
        "bootctl/v1/+/+/reply",
    };

    /** Where the hub's messages go once handled: the live stream and the e-stop replies. */
    interface Listener {
        void unitChanged(String site, String unit);

        void telemetry(JsonObject telemetry);

        void record(JsonObject record);

        void event(JsonObject event);

        void reply(String site, String unit, JsonObject reply);
    }

    private final MqttAsyncClient client;
    private final MqttConnectOptions options;
    private final Store store;
    private final Listener listener;
    private final String[] shared;
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
        client.setCallback(new MqttCallbackExtended() {
            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
                subscribe();
            }

            @Override
            public void connectionLost(Throwable cause) {
                LOG.warning("bootctl hub: lost the broker " + serverURI() + " (" + cause + "); reconnecting");
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                handle(topic, message);
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

    /** Connects, retrying with Paho's back-off until it works or the hub stops. */
    void start() {
        try {
            client.connect(options);
        } catch (MqttException e) {
            LOG.warning("bootctl hub: cannot reach the broker " + serverURI() + " (" + e + ")");
        }
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
            java.util.Arrays.fill(qos, 1);
            client.subscribe(all, qos);
            LOG.info("bootctl hub: subscribed on " + serverURI());
        } catch (MqttException e) {
            LOG.log(Level.WARNING, "bootctl hub: cannot subscribe on " + serverURI(), e);
        }
    }

    void publish(String topic, byte[] payload) throws MqttException {
        client.publish(topic, payload, 1, false);
    }

    /**
     * On Paho's callback thread, one message at a time: stored, committed, then acknowledged. While
     * the database cannot take a message, it is tried again each second and nothing is acknowledged
     * (the broker holds the rest); a hub killed meanwhile gets it again from the broker.
     */
    private void handle(String topic, MqttMessage message) {
        boolean warned = false;
        while (!closed) {
            try {
                dispatch(topic, message);
                break;
            } catch (SQLException e) {
                if (!warned) {
                    LOG.warning("bootctl hub: the database did not take a message on " + topic + " (" + e.getMessage()
                            + "); trying again each second, the broker keeps the rest");
                    warned = true;
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "bootctl hub: a message on " + topic + " was refused", e);
                break; // a malformed message would come back for ever
            }
        }
        if (!closed) {
            ack(message);
        }
    }

    private void dispatch(String topic, MqttMessage message) throws SQLException {
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
                    if (payload != null) {
                        store.status(site, unit, payload);
                        listener.unitChanged(site, unit);
                    }
                }
                case "records" -> {
                    if (payload != null) {
                        if (store.record(site, unit, payload)) {
                            payload.addProperty("site", site);
                            payload.addProperty("unit", unit);
                            listener.record(payload);
                        }
                    }
                }
                case "events" -> {
                    if (payload != null) {
                        if (store.event(site, unit, payload)) {
                            listener.event(payload);
                        }
                    }
                }
                case "reply" -> {
                    if (payload != null) {
                        listener.reply(site, unit, payload);
                    }
                }
                default -> {
                }
            }
        } else if (kind.equals("devices") && Names.device(level[5])) {
            if (level.length == 6) {
                if (message.getPayload().length == 0) {
                    store.device(site, unit, level[5], null);
                } else if (payload != null) {
                    store.device(site, unit, level[5], payload);
                } else {
                    return;
                }
                listener.unitChanged(site, unit);
            } else if (level.length == 7 && level[6].equals("telemetry") && payload != null) {
                payload.addProperty("site", site);
                payload.addProperty("unit", unit);
                payload.addProperty("device", level[5]);
                listener.telemetry(payload);
            }
        }
    }

    private void ack(MqttMessage message) {
        if (message.getQos() == 0) {
            return;
        }
        try {
            client.messageArrivedComplete(message.getId(), message.getQos());
        } catch (MqttException e) {
            // the link went: the broker sends it again
        }
    }

    @Override
    public void close() {
        closed = true;
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
