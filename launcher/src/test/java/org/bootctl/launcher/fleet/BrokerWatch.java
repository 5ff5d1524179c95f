package org.bootctl.launcher.fleet;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.bootctl.testing.Waits;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A tool outside bootctl that relies on the contract: the admin, subscribed to {@code bootctl/#}
 * with a persistent session (QoS 1), so what is published while it is away is kept for it. Keeps
 * every message in arrival order.
 */
final class BrokerWatch implements AutoCloseable {

    record Message(String topic, String payload, boolean retained, int qos) {
        JsonObject json() {
            return JsonParser.parseString(payload).getAsJsonObject();
        }
    }

    private final String url;
    private final String clientId;
    private final List<Message> messages = new ArrayList<>();
    private MqttClient client;

    BrokerWatch(Mosquitto broker, String clientId) throws MqttException {
        this.url = "tcp://127.0.0.1:" + broker.port();
        this.clientId = clientId;
        connect();
    }

    /** (Re)connects, retrying until the broker is there; the persistent session brings what was queued. */
    void connect() throws MqttException {
        AtomicReference<MqttException> last = new AtomicReference<>();
        Waits.until(() -> "connected to the broker at " + url + " (last: " + last.get() + ")", Duration.ofSeconds(20), () -> {
            try {
                client = open();
                return true;
            } catch (MqttException e) {
                last.set(e);
                return false;
            }
        });
    }

    private MqttClient open() throws MqttException {
        MqttClient c = new MqttClient(url, clientId, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(false);
        options.setUserName(Mosquitto.ADMIN);
        options.setPassword(Mosquitto.PASSWORD.toCharArray());
        c.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage m) {
                add(new Message(topic, new String(m.getPayload(), StandardCharsets.UTF_8), m.isRetained(), m.getQos()));
            }

            @Override
            public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
            }
        });
        c.connect(options);
        c.subscribe("bootctl/#", 1);
        return c;
    }

    /** Drops the link without a goodbye (the broker is being killed). */
    void drop() {
        try {
            client.disconnectForcibly(0, 0, false);
            client.close(true);
        } catch (MqttException | RuntimeException e) {
            // gone
        }
    }

    void publish(String topic, String payload, boolean retained) throws MqttException {
        client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, retained);
    }

    private synchronized void add(Message message) {
        messages.add(message);
        notifyAll();
    }

    synchronized List<Message> messages() {
        return List.copyOf(messages);
    }

    synchronized List<Message> on(String topic) {
        return messages.stream().filter(m -> m.topic().equals(topic)).toList();
    }

    /** The first message that matches, waiting for it; fails with what came. */
    synchronized Message await(Predicate<Message> wanted, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<Message> found = messages.stream().filter(wanted).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                StringBuilder seen = new StringBuilder();
                messages.stream().skip(Math.max(0, messages.size() - 30))
                        .forEach(m -> seen.append(m.topic()).append(' ').append(m.payload(), 0, Math.min(200, m.payload().length())).append('\n'));
                throw new AssertionError("no message: " + what + " within " + timeout.toSeconds() + " s; the last ones:\n" + seen);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(1000);
            }
            client.close(true);
        } catch (MqttException | RuntimeException e) {
            // closing anyway
        }
    }

    static boolean topic(Message m, String topic) {
        return m.topic().equals(topic);
    }

    static Predicate<Message> on(String topic, Predicate<Message> also) {
        return m -> m.topic().equals(topic) && also.test(m);
    }

    static <T> List<T> list(List<T> list) {
        return new ArrayList<>(list);
    }
}
