package org.bootctl.fleet;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * One connection to the broker (Eclipse Paho, MQTT 3.1.1; docs/FLEET.md says why). A clean
 * session: what must survive a lost link is kept by the fleet itself (the history cursor, the
 * event queue), and a command sent while a unit was away is not carried out an hour later.
 * Paho's own reconnect is off: the fleet reconnects with its jittered back-off.
 */
final class MqttLink implements AutoCloseable {

    /**
     * What the broker sends, on Paho's callback thread: hand it on, never block. Deliveries are not
     * followed here: the publisher waits on the tokens themselves.
     */
    interface Inbound extends MqttCallback {
        @Override
        void messageArrived(String topic, MqttMessage message);

        @Override
        default void deliveryComplete(IMqttDeliveryToken token) {
        }
    }

    static final int KEEP_ALIVE_S = 15;
    static final int CONNECT_TIMEOUT_S = 10;
    static final long ACK_TIMEOUT_MS = 10_000;

    private final MqttAsyncClient client;
    private boolean closed;

    private MqttLink(MqttAsyncClient client) {
        this.client = client;
    }

    /**
     * Connects, waiting at most {@link #CONNECT_TIMEOUT_S}.
     *
     * @param will the retained message the broker publishes when the link dies
     */
    static MqttLink connect(BrokerAddress broker, String clientId, Credentials credentials, String willTopic,
                            byte[] will, Inbound inbound) throws MqttException, IOException, GeneralSecurityException {
        MqttAsyncClient client = new MqttAsyncClient(broker.pahoUri(), clientId, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        options.setAutomaticReconnect(false);
        options.setKeepAliveInterval(KEEP_ALIVE_S);
        options.setConnectionTimeout(CONNECT_TIMEOUT_S);
        options.setMaxInflight(100);
        options.setWill(willTopic, will, 1, true);
        if (!credentials.user().isEmpty()) {
            options.setUserName(credentials.user());
            options.setPassword(credentials.password().toCharArray());
        }
        if (broker.tls()) {
            options.setSocketFactory(sslContext(credentials.caFile()).getSocketFactory());
            options.setHttpsHostnameVerificationEnabled(true);
        }
        client.setCallback(inbound);
        try {
            client.connect(options).waitForCompletion((CONNECT_TIMEOUT_S + 2) * 1000L);
        } catch (MqttException e) {
            closeQuietly(client);
            throw e;
        }
        return new MqttLink(client);
    }

    boolean connected() {
        return client.isConnected();
    }

    IMqttDeliveryToken publish(String topic, byte[] payload, int qos, boolean retained) throws MqttException {
        return client.publish(topic, payload, qos, retained);
    }

    /** Publishes and waits for the broker's acknowledgement (QoS 1: its PUBACK). */
    void publishAcked(String topic, byte[] payload, boolean retained) throws MqttException {
        publish(topic, payload, 1, retained).waitForCompletion(ACK_TIMEOUT_MS);
    }

    void subscribe(String... topics) throws MqttException {
        int[] qos = new int[topics.length];
        java.util.Arrays.fill(qos, 1);
        IMqttToken token = client.subscribe(topics, qos);
        token.waitForCompletion(ACK_TIMEOUT_MS);
        for (int granted : token.getGrantedQos()) {
            if (granted == 0x80) {
                throw new MqttException(MqttException.REASON_CODE_SUBSCRIBE_FAILED);
            }
        }
    }

    /** Disconnects cleanly (no will) within {@code timeoutMs}, then closes. */
    synchronized void disconnect(long timeoutMs) {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (client.isConnected()) {
                client.disconnect(timeoutMs).waitForCompletion(timeoutMs);
            }
        } catch (MqttException e) {
            // going anyway
        }
        closeQuietly(client);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return; // Paho fails on a second close
        }
        closed = true;
        try {
            client.disconnectForcibly(0, 100, false);
        } catch (MqttException | RuntimeException e) {
            // gone already
        }
        closeQuietly(client);
    }

    private static void closeQuietly(MqttAsyncClient client) {
        try {
            client.close(true);
        } catch (MqttException | RuntimeException e) {
            // nothing more to free
        }
    }

    /** Trusts the certificates of a PEM file, or the JVM's own when none is given. */
    static SSLContext sslContext(String caFile) throws IOException, GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        if (caFile == null || caFile.isBlank()) {
            context.init(null, null, null);
            return context;
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(Path.of(caFile))) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IOException(caFile + " holds no certificate");
            }
            int i = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    /** Who the unit is to the broker. The password is read when connecting, never logged. */
    record Credentials(String user, String password, String caFile) {
    }
}
