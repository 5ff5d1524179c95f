package org.bootctl.tools.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The fleet through a local Mosquitto (started here on a free loopback port): 100 simulated
 * units in this process, one MQTT connection each (Paho, clean session, as the fleet bundle),
 * each with 4 devices sending telemetry at 1 Hz (QoS 0) and a record every 5 s (QoS 1, the
 * fleet's topics). A watcher subscribed to {@code bootctl/#} measures the end-to-end latency and
 * counts lost messages by their sequence numbers; then the broker is restarted and the time until
 * all 100 are connected again is taken (each unit reconnects with the fleet's back-off: a random
 * time in a window doubling from 0.5 s to 30 s). The units are not whole controllers: the bench
 * measures the broker and the client as the fleet uses them.
 */
final class FleetBench {

    static final int UNITS = 100;
    static final int DEVICES = 4;
    static final long RECORD_EVERY_MS = 5_000;

    /**
     * @param telemetryP50Ms end-to-end latency of telemetry, median
     * @param recordsLost    records (QoS 1) sent but never received (the fleet resends from its cursor; this client alone does not)
     * @param reconnectS     from the broker's restart until all units are connected again
     */
    record Result(int units, int devices, double seconds, long telemetrySent, long telemetryLost, double telemetryP50Ms,
                  double telemetryP99Ms, long recordsSent, long recordsLost, double recordP50Ms, double recordP99Ms,
                  double reconnectS, double reconnectMaxAttempts) {
    }

    private FleetBench() {
    }

    static Result run(int seconds) throws BenchUnavailable, InterruptedException {
        return run(seconds, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** The fleet part with the broker's folder (its configuration and log) in {@code parent}, deleted at the end. */
    static Result run(int seconds, Path parent) throws BenchUnavailable, InterruptedException {
        String mosquitto = tool("mosquitto");
        if (mosquitto == null) {
            throw new BenchUnavailable("mosquitto is not installed (Debian: apt-get install mosquitto)");
        }
        Path folder;
        try {
            folder = BenchLeftovers.temporaryFolder(parent, "bootctl-bench-fleet");
        } catch (IOException e) {
            throw new BenchUnavailable("cannot prepare mosquitto: " + e.getMessage());
        }
        try {
            return run(seconds, mosquitto, folder);
        } finally {
            BenchFramework.delete(folder); // every run left its folder in /tmp
        }
    }

    private static Result run(int seconds, String mosquitto, Path folder) throws BenchUnavailable, InterruptedException {
        int port;
        try {
            port = freePort();
            Files.writeString(folder.resolve("mosquitto.conf"), "listener " + port + " 127.0.0.1\nallow_anonymous true\n"
                    + "max_queued_messages 10000\nuser " + System.getProperty("user.name") + "\n");
        } catch (IOException e) {
            throw new BenchUnavailable("cannot prepare mosquitto: " + e.getMessage());
        }
        Process broker = startBroker(mosquitto, folder, port);
        Watcher watcher = new Watcher(port);
        List<Unit> units = new ArrayList<>();
        try {
            for (int i = 0; i < UNITS; i++) {
                units.add(new Unit(i, port));
            }
            units.forEach(Unit::start);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < end) {
                Thread.sleep(200);
            }
            units.forEach(Unit::pause);
            Thread.sleep(2000); // the last messages arrive
            Result partial = watcher.result(units, seconds);

            // the broker restarts: how long until every unit is back
            broker.destroy();
            broker.waitFor(10, TimeUnit.SECONDS);
            Thread.sleep(1000);
            units.forEach(Unit::resumeAfterRestart);
            long restarted = System.nanoTime();
            broker = startBroker(mosquitto, folder, port);
            long deadline = restarted + TimeUnit.SECONDS.toNanos(120);
            while (units.stream().anyMatch(u -> !u.connected()) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            double reconnect = (System.nanoTime() - restarted) / 1e9;
            double attempts = units.stream().mapToInt(Unit::attempts).max().orElse(0);
            return new Result(partial.units(), partial.devices(), partial.seconds(), partial.telemetrySent(),
                    partial.telemetryLost(), partial.telemetryP50Ms(), partial.telemetryP99Ms(), partial.recordsSent(),
                    partial.recordsLost(), partial.recordP50Ms(), partial.recordP99Ms(), reconnect, attempts);
        } finally {
            units.forEach(Unit::stop);
            watcher.close();
            broker.destroyForcibly();
            broker.waitFor(10, TimeUnit.SECONDS); // it writes its log in the folder until it is gone
        }
    }

    /** One simulated unit: its own connection and a thread that publishes and reconnects. */
    private static final class Unit implements Runnable {
        private final int index;
        private final String uri;
        private final Thread thread;
        private volatile boolean running = true;
        private volatile boolean publishing = true;
        private volatile MqttAsyncClient client;
        private volatile int attempts;
        private long telemetrySeq;
        private long recordSeq;
        final AtomicLong telemetrySent = new AtomicLong();
        final AtomicLong recordsSent = new AtomicLong();

        Unit(int index, int port) {
            this.index = index;
            this.uri = "tcp://127.0.0.1:" + port;
            this.thread = new Thread(this, "bench-unit-" + index);
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        void pause() {
            publishing = false;
        }

        void resumeAfterRestart() {
            attempts = 0;
        }

        boolean connected() {
            MqttAsyncClient c = client;
            return c != null && c.isConnected();
        }

        int attempts() {
            return attempts;
        }

        void stop() {
            running = false;
            thread.interrupt();
            MqttAsyncClient c = client;
            if (c != null) {
                try {
                    c.disconnectForcibly(0, 100, false);
                    c.close(true);
                } catch (MqttException | RuntimeException e) {
                    // stopping
                }
            }
        }

        @Override
        public void run() {
            int failures = 0;
            long nextRecord = System.nanoTime() + ThreadLocalRandom.current().nextLong(TimeUnit.MILLISECONDS.toNanos(RECORD_EVERY_MS));
            long nextTelemetry = System.nanoTime() + ThreadLocalRandom.current().nextLong(TimeUnit.SECONDS.toNanos(1));
            while (running) {
                try {
                    if (!connected()) {
                        attempts++;
                        MqttAsyncClient c = new MqttAsyncClient(uri, "bench-unit-" + index, new MemoryPersistence());
                        MqttConnectOptions options = new MqttConnectOptions();
                        options.setCleanSession(true);
                        options.setMaxInflight(100);
                        options.setConnectionTimeout(10);
                        try {
                            c.connect(options).waitForCompletion(12_000);
                        } catch (MqttException e) {
                            c.close(true);
                            throw e;
                        }
                        MqttAsyncClient old = client;
                        client = c;
                        if (old != null) {
                            try {
                                old.close(true);
                            } catch (MqttException | RuntimeException e) {
                                // replaced
                            }
                        }
                        failures = 0;
                    }
                    long now = System.nanoTime();
                    if (publishing && now >= nextTelemetry) {
                        for (int d = 0; d < DEVICES; d++) {
                            client.publish("bootctl/v1/bench/unit-" + index + "/devices/d" + d + "/telemetry",
                                    payload(telemetrySeq, now), 0, false);
                            telemetrySent.incrementAndGet();
                        }
                        telemetrySeq++;
                        nextTelemetry += TimeUnit.SECONDS.toNanos(1);
                    }
                    if (publishing && now >= nextRecord) {
                        IMqttDeliveryToken token = client.publish("bootctl/v1/bench/unit-" + index + "/records",
                                payload(recordSeq, now), 1, false);
                        token.waitForCompletion(10_000);
                        recordSeq++;
                        recordsSent.incrementAndGet();
                        nextRecord += TimeUnit.MILLISECONDS.toNanos(RECORD_EVERY_MS);
                    }
                    Thread.sleep(20);
                } catch (MqttException e) {
                    failures++;
                    long window = Math.min(30_000, 500L << Math.min(failures - 1, 16));
                    try {
                        Thread.sleep(ThreadLocalRandom.current().nextLong(window / 2, window + 1));
                    } catch (InterruptedException stop) {
                        return;
                    }
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }

        private static byte[] payload(long seq, long nanos) {
            return ByteBuffer.allocate(16).putLong(seq).putLong(nanos).array();
        }
    }

    /** Subscribed to everything; latency from the send time each message carries (same process, same clock). */
    private static final class Watcher implements AutoCloseable {
        private final MqttClient client;
        private final Map<String, Long> telemetryCount = new ConcurrentHashMap<>();
        private final Map<String, Long> recordCount = new ConcurrentHashMap<>();
        private final List<Double> telemetryMs = java.util.Collections.synchronizedList(new ArrayList<>());
        private final List<Double> recordMs = java.util.Collections.synchronizedList(new ArrayList<>());

        Watcher(int port) throws InterruptedException {
            try {
                client = new MqttClient("tcp://127.0.0.1:" + port, "bench-watcher", new MemoryPersistence());
                client.setCallback(new MqttCallback() {
                    @Override
                    public void connectionLost(Throwable cause) {
                    }

                    @Override
                    public void messageArrived(String topic, MqttMessage message) {
                        long now = System.nanoTime();
                        ByteBuffer b = ByteBuffer.wrap(message.getPayload());
                        b.getLong();
                        double ms = (now - b.getLong()) / 1e6;
                        if (topic.endsWith("/records")) {
                            recordCount.merge(topic, 1L, Long::sum);
                            recordMs.add(ms);
                        } else {
                            telemetryCount.merge(topic, 1L, Long::sum);
                            telemetryMs.add(ms);
                        }
                    }

                    @Override
                    public void deliveryComplete(IMqttDeliveryToken token) {
                    }
                });
                MqttConnectOptions options = new MqttConnectOptions();
                options.setMaxInflight(1000);
                client.connect(options);
                client.subscribe("bootctl/#", 1);
            } catch (MqttException e) {
                throw new IllegalStateException("the bench's watcher cannot connect: " + e.getMessage(), e);
            }
        }

        Result result(List<Unit> units, int seconds) {
            long telemetrySent = units.stream().mapToLong(u -> u.telemetrySent.get()).sum();
            long recordsSent = units.stream().mapToLong(u -> u.recordsSent.get()).sum();
            long telemetryGot = telemetryCount.values().stream().mapToLong(Long::longValue).sum();
            long recordsGot = recordCount.values().stream().mapToLong(Long::longValue).sum();
            double[] t = telemetryMs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double[] r = recordMs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return new Result(UNITS, DEVICES, seconds, telemetrySent, Math.max(0, telemetrySent - telemetryGot),
                    percentile(t, 50), percentile(t, 99), recordsSent, Math.max(0, recordsSent - recordsGot),
                    percentile(r, 50), percentile(r, 99), Double.NaN, Double.NaN);
        }

        @Override
        public void close() {
            try {
                client.disconnectForcibly(0, 100, false);
                client.close(true);
            } catch (MqttException | RuntimeException e) {
                // done
            }
        }
    }

    private static double percentile(double[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    static Process startBroker(String mosquitto, Path folder, int port) throws BenchUnavailable, InterruptedException {
        try {
            Process p = new ProcessBuilder(mosquitto, "-c", folder.resolve("mosquitto.conf").toString())
                    .redirectErrorStream(true).redirectOutput(folder.resolve("mosquitto.log").toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                    return p;
                } catch (IOException notYet) {
                    Thread.sleep(20);
                }
            }
            p.destroyForcibly();
            throw new BenchUnavailable("mosquitto did not start on port " + port);
        } catch (IOException e) {
            throw new BenchUnavailable("cannot start mosquitto: " + e.getMessage());
        }
    }

    static String tool(String name) {
        for (String dir : (System.getenv().getOrDefault("PATH", "/usr/bin:/bin") + ":/usr/sbin").split(":")) {
            if (Files.isExecutable(Path.of(dir, name))) {
                return Path.of(dir, name).toString();
            }
        }
        return null;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
