package org.bootctl.launcher.fleet;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bootctl.launcher.cli.CommandException;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** The fleet commands' one connection to the broker (Paho, as the fleet bundle uses). */
final class FleetClient implements AutoCloseable {

    static final int TIMEOUT_S = 5;

    private final MqttClient client;

    private FleetClient(MqttClient client) {
        this.client = client;
    }

    /** Connects or ends the command with exit 1, naming the broker and why. */
    static FleetClient connect(String url, String user, Path passwordFile, Path caFile) throws CommandException {
        String uri = FleetNames.broker(url);
        try {
            MqttClient client = new MqttClient(uri, "bootctl-cli-" + UUID.randomUUID().toString().substring(0, 8),
                    new MemoryPersistence());
            MqttConnectOptions options = new MqttConnectOptions();
            options.setCleanSession(true);
            options.setConnectionTimeout(TIMEOUT_S);
            options.setAutomaticReconnect(false);
            options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            if (user != null) {
                options.setUserName(user);
                if (passwordFile != null) {
                    options.setPassword(Files.readString(passwordFile, StandardCharsets.UTF_8).strip().toCharArray());
                }
            }
            if (uri.startsWith("ssl://")) {
                options.setSocketFactory(ssl(caFile).getSocketFactory());
                options.setHttpsHostnameVerificationEnabled(true);
            }
            client.setTimeToWait(TIMEOUT_S * 1000L);
            try {
                client.connect(options);
            } catch (MqttException e) {
                client.close(true);
                throw e;
            }
            return new FleetClient(client);
        } catch (MqttException e) {
            String why = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getMessage();
            throw CommandException.failure("cannot reach the broker " + url + ": " + why);
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            throw CommandException.failure("cannot connect to " + url + ": " + e.getMessage());
        }
    }

    /** What a subscription hands each message to, on Paho's thread. */
    interface Handler {
        /** @param retained whether the broker kept it: sent as the subscription begins, not as it happens */
        void accept(String topic, byte[] payload, boolean retained);
    }

    /** Subscribes; every message (retained ones first) goes to {@code handler} on Paho's thread. */
    void subscribe(Handler handler, String... topics) throws CommandException {
        try {
            for (String topic : topics) {
                client.subscribe(topic, 1, (t, message) -> handler.accept(t, message.getPayload(), message.isRetained()));
            }
        } catch (MqttException e) {
            throw CommandException.failure("the broker refused the subscription to " + String.join(", ", topics)
                    + ": " + e.getMessage() + " (does the ACL let this user read bootctl/v1/#?)");
        }
    }

    /** QoS 1, waiting for the broker's acknowledgement. */
    void publish(String topic, byte[] payload, boolean retained) throws CommandException {
        try {
            client.publish(topic, payload, 1, retained);
        } catch (MqttException e) {
            throw CommandException.failure("cannot publish to " + topic + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(1000);
            }
            client.close(true);
        } catch (MqttException e) {
            // leaving anyway
        }
    }

    private static SSLContext ssl(Path caFile) throws java.io.IOException, java.security.GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        if (caFile == null) {
            context.init(null, null, null);
            return context;
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(caFile)) {
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
