package org.bootctl.tools.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bootctl.launcher.cli.CommandException;
import org.bootctl.launcher.cli.Invocation;
import org.bootctl.launcher.feature.Feature;
import org.bootctl.launcher.feature.FeatureReader;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The fleet hub (issue 17, docs/HUB.md): feature {@code hub} in a framework of its own on a local
 * Mosquitto (started here, on a free loopback port), once on its embedded H2 and once on a
 * PostgreSQL cluster of the bench's own (fsync on). A publisher in this process sends what
 * {@value #DEFAULT_UNITS} units would: each unit's retained status and 4 devices, then
 * {@value #DEFAULT_RECORDS} session records (QoS 1, the fleet's topics) spread over the last 60
 * days. Ingest: records per second from the first record sent until the hub's API counts every
 * one stored. Then every request the dashboard makes is timed over HTTP with all of it stored.
 */
final class HubBench {

    static final int DEFAULT_UNITS = 1000;
    static final int DEFAULT_RECORDS = 100_000;
    static final int DEVICES = 4;
    static final double INGEST_TARGET_PER_S = 2000;
    static final double ANSWER_TARGET_MS = 300;
    private static final Duration STALL = Duration.ofSeconds(60);

    /** One request of the dashboard: its answer time over the runs after a first one, and its size. */
    record Answer(String path, double p50Ms, double maxMs, long bytes) {
    }

    /** One database's figures. */
    /**
     * @param ingestPerCpuS records stored per second of this process's CPU time (the hub, the publisher and the
     *                      bench's polling; not the broker's or PostgreSQL's): what one core would store when the
     *                      machine is shared
     */
    record Figures(String database, long records, double ingestSeconds, double ingestPerS, double ingestPerCpuS,
                   List<Answer> answers) {
        double slowestMs() {
            return answers.stream().mapToDouble(Answer::maxMs).max().orElse(Double.NaN);
        }
    }

    /** @param postgresMissing why PostgreSQL was not measured, or null */
    record Result(int units, int records, Figures h2, Figures postgres, String postgresMissing) {
    }

    private HubBench() {
    }

    static Result run(Invocation invocation, BenchMode mode) throws BenchUnavailable, InterruptedException, CommandException {
        int units = mode == BenchMode.SMOKE ? 20 : DEFAULT_UNITS;
        int records = mode == BenchMode.SMOKE ? 1000 : DEFAULT_RECORDS;
        int rounds = mode == BenchMode.SMOKE ? 2 : mode == BenchMode.QUICK ? 5 : 15;
        String mosquitto = FleetBench.tool("mosquitto");
        if (mosquitto == null) {
            throw new BenchUnavailable("mosquitto is not installed (Debian: apt-get install mosquitto)");
        }
        Path folder;
        int port;
        try {
            folder = BenchLeftovers.temporaryFolder("bootctl-bench-hub");
            port = FleetBench.freePort();
            // the hub's backlog of records waits at the broker: no limit on its queue; up to 1,000 sent
            // unacknowledged (docs/HUB.md "The broker"), so the hub's batches fill (20 by default)
            Files.writeString(folder.resolve("mosquitto.conf"), "listener " + port + " 127.0.0.1\nallow_anonymous true\n"
                    + "max_queued_messages 0\nmax_inflight_messages 1000\nuser " + System.getProperty("user.name") + "\n");
        } catch (IOException e) {
            throw new BenchUnavailable("cannot prepare mosquitto: " + e.getMessage());
        }
        Process broker = FleetBench.startBroker(mosquitto, folder, port);
        try {
            String url = "mqtt://127.0.0.1:" + port;
            Figures h2 = measure(invocation, url, "H2 (embedded)", Map.of(), units, records, rounds);
            Figures postgres = null;
            String missing = null;
            try (LocalPostgres pg = LocalPostgres.start(true)) {
                postgres = measure(invocation, url, "PostgreSQL", Map.of("hub-db", pg.url(), "hub-db-user", LocalPostgres.USER,
                        "hub-db-password-file", pg.passwordFile(folder).toString()), units, records, rounds);
            } catch (IOException e) {
                missing = "cannot start PostgreSQL: " + e.getMessage();
            }
            return new Result(units, records, h2, postgres, missing);
        } finally {
            broker.destroyForcibly();
            broker.waitFor(10, TimeUnit.SECONDS);
            delete(folder);
        }
    }

    private static Figures measure(Invocation invocation, String brokerUrl, String database, Map<String, String> db, int units,
                                   int records, int rounds) throws CommandException, InterruptedException {
        Map<String, String> variables = new LinkedHashMap<>(Map.of("hub-broker", brokerUrl, "http-port", "0",
                "http-bind", "127.0.0.1", "hub-id", "bench-" + (db.isEmpty() ? "h2" : "pg")));
        variables.putAll(db);
        Feature feature = FeatureReader.read(invocation.features().locate("hub"), variables);
        try (BenchFramework framework = BenchFramework.start(invocation, feature, false);
             Publisher publisher = new Publisher(brokerUrl)) {
            Api api = new Api(framework);
            Fleet fleet = new Fleet(units, records);
            // the retained status and devices of every unit: the first one in proves the hub subscribed
            fleet.publishUnits(publisher);
            api.await(() -> api.array("/api/fleet/units").size() == units, "the " + units + " units");
            long start = System.nanoTime();
            long cpuStart = processCpuNanos();
            fleet.publishRecords(publisher);
            long stored = 0;
            long lastChange = System.nanoTime();
            while (stored < records) {
                Thread.sleep(250);
                long now = api.storedRecords();
                if (now != stored) {
                    stored = now;
                    lastChange = System.nanoTime();
                } else if (System.nanoTime() - lastChange > STALL.toNanos()) {
                    throw CommandException.failure("bench: hub: " + database + " stored " + stored + " of " + records
                            + " records, then nothing for " + STALL.toSeconds() + " s");
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
            List<Answer> answers = new ArrayList<>();
            for (String path : fleet.dashboardRequests()) {
                answers.add(api.time(path, rounds));
            }
            return new Figures(database, records, seconds, records / seconds, records / cpuSeconds, answers);
        }
    }

    private static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class)
                .getProcessCpuTime();
    }

    /** What the fleet sends: sites of 20 units, 4 devices each, records spread over 60 days. */
    private record Fleet(int units, int records) {

        String site(int unit) {
            return String.format(Locale.ROOT, "studio-%02d", unit / 20 + 1);
        }

        String unit(int unit) {
            return String.format(Locale.ROOT, "unit-%02d", unit % 20 + 1);
        }

        void publishUnits(Publisher p) throws InterruptedException {
            for (int u = 0; u < units; u++) {
                String base = "bootctl/v1/" + site(u) + "/" + unit(u);
                JsonObject status = new JsonObject();
                status.addProperty("state", "online");
                status.addProperty("version", "0.1.0");
                status.addProperty("since", Instant.now().minusSeconds(3600).toString());
                JsonArray devices = new JsonArray();
                for (int d = 1; d <= DEVICES; d++) {
                    devices.add("d" + d);
                }
                status.add("devices", devices);
                p.publish(base + "/status", status.toString(), true);
                for (int d = 1; d <= DEVICES; d++) {
                    JsonObject device = new JsonObject();
                    device.addProperty("id", "d" + d);
                    device.addProperty("model", model(d));
                    device.addProperty("firmware", "2.1." + (u % 3));
                    device.addProperty("state", d == 1 ? "RUNNING" : "IDLE");
                    device.addProperty("program", d == 1 ? "sequential" : null);
                    device.addProperty("remainingMs", d == 1 ? 600_000 : 0);
                    device.add("fault", null);
                    p.publish(base + "/devices/d" + d, device.toString(), true);
                }
            }
            p.drain();
        }

        static String model(int device) {
            return device <= 2 ? "RB2-L5" : "RB1-L4";
        }

        void publishRecords(Publisher p) throws InterruptedException {
            Instant now = Instant.now();
            long span = Duration.ofDays(60).toSeconds();
            for (int i = 0; i < records; i++) {
                int u = i % units;
                int d = i / units % DEVICES + 1;
                Instant end = now.minusSeconds(span - span * (i + 1L) / records + 60);
                int minutes = 20 + i % 11;
                boolean fault = i % 37 == 0;
                JsonObject r = new JsonObject();
                r.addProperty("id", "bench-" + i);
                r.addProperty("deviceId", "d" + d);
                r.addProperty("model", model(d));
                r.addProperty("programId", i % 3 == 0 ? "wave" : "sequential");
                JsonObject settings = new JsonObject();
                settings.addProperty("level", 3 + i % 4);
                settings.addProperty("fitCheck", true);
                if (i % 10 == 0) {
                    settings.addProperty("client", "c-" + (i / 10 % 500));
                }
                r.add("settings", settings);
                r.addProperty("start", end.minusSeconds(minutes * 60L).toString());
                r.addProperty("end", end.toString());
                r.addProperty("state", fault ? "FAULT" : "COMPLETED");
                r.addProperty("endReason", fault ? "overpressure on channel L2: 121 mmHg" : "completed");
                r.addProperty("cycles", minutes * 2);
                JsonObject peaks = new JsonObject();
                for (String channel : new String[] {"L1", "L2", "L3", "L4", "L5"}) {
                    peaks.addProperty(channel, 60 + i % 40);
                }
                r.add("peakMmHg", peaks);
                p.publish("bootctl/v1/" + site(u) + "/" + unit(u) + "/records", r.toString(), false);
            }
            p.drain();
        }

        /** Every request the dashboard's tabs make, at scale (docs/HUB.md "The dashboard"). */
        List<String> dashboardRequests() {
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            String site = site(units / 2);
            String unit = unit(units / 2);
            return List.of(
                    "/api/fleet/units",
                    "/api/fleet/sessions",
                    "/api/fleet/sessions?site=" + site,
                    "/api/fleet/sessions?site=" + site + "&unit=" + unit + "&device=d2",
                    "/api/fleet/sessions?program=wave&reason=fault",
                    "/api/fleet/sessions?from=" + today.minusDays(7) + "&to=" + today.minusDays(6),
                    "/api/fleet/sessions?limit=1000&format=csv",
                    "/api/fleet/utilisation?days=30",
                    "/api/fleet/utilisation?site=" + site + "&days=30",
                    "/api/fleet/faults?by=model",
                    "/api/fleet/faults?by=firmware",
                    "/api/fleet/clients/c-42");
        }
    }

    /** The hub's REST API on the framework's web server. */
    private static final class Api {
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final String base;

        Api(BenchFramework framework) throws CommandException, InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            String found = null;
            while (found == null && System.nanoTime() < deadline) {
                found = framework.runtime().httpEndpoint().map(u -> u.replaceAll("/+$", "")).orElse(null);
                if (found == null) {
                    Thread.sleep(50);
                }
            }
            if (found == null) {
                throw CommandException.failure("bench: hub: the web server did not start");
            }
            base = found;
            await(() -> get("/api/fleet/units").statusCode() == 200, "the hub's API (its database open)");
        }

        interface Check {
            boolean ok() throws IOException, InterruptedException;
        }

        void await(Check check, String what) throws CommandException, InterruptedException {
            long deadline = System.nanoTime() + STALL.toNanos();
            while (System.nanoTime() < deadline) {
                try {
                    if (check.ok()) {
                        return;
                    }
                } catch (IOException | RuntimeException notYet) {
                    // asked again
                }
                Thread.sleep(100);
            }
            throw CommandException.failure("bench: hub: no " + what + " within " + STALL.toSeconds() + " s");
        }

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        JsonArray array(String path) throws IOException, InterruptedException {
            return JsonParser.parseString(get(path).body()).getAsJsonArray();
        }

        /** Records stored: the fault rates' session counts (what the hub sums as it stores). */
        long storedRecords() throws InterruptedException {
            try {
                long n = 0;
                for (JsonElement row : array("/api/fleet/faults?by=model")) {
                    n += row.getAsJsonObject().get("sessions").getAsLong();
                }
                return n;
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }

        Answer time(String path, int rounds) throws CommandException, InterruptedException {
            List<Double> ms = new ArrayList<>();
            long bytes = 0;
            for (int i = 0; i <= rounds; i++) {
                long start = System.nanoTime();
                HttpResponse<String> r;
                try {
                    r = get(path);
                } catch (IOException e) {
                    throw CommandException.failure("bench: hub: " + path + ": " + e.getMessage());
                }
                double took = (System.nanoTime() - start) / 1e6;
                if (r.statusCode() != 200) {
                    throw CommandException.failure("bench: hub: " + path + " answered " + r.statusCode() + ": " + r.body());
                }
                bytes = r.body().getBytes(StandardCharsets.UTF_8).length;
                if (i > 0) { // the first warms up
                    ms.add(took);
                }
            }
            return new Answer(path, Stats.median(ms), Stats.max(ms), bytes);
        }
    }

    /** The units' side: one connection, QoS 1, at most 1000 messages in flight. */
    private static final class Publisher implements AutoCloseable {
        private static final int WINDOW = 1000;
        private final MqttAsyncClient client;
        private final Deque<IMqttDeliveryToken> inFlight = new ArrayDeque<>();

        Publisher(String brokerUrl) throws CommandException {
            try {
                client = new MqttAsyncClient(brokerUrl.replace("mqtt://", "tcp://"), "bench-fleet-" + System.nanoTime(),
                        new MemoryPersistence());
                MqttConnectOptions o = new MqttConnectOptions();
                o.setCleanSession(true);
                o.setMaxInflight(WINDOW);
                client.connect(o).waitForCompletion(10_000);
            } catch (MqttException e) {
                throw CommandException.failure("bench: hub: cannot publish to the broker: " + e.getMessage());
            }
        }

        void publish(String topic, String payload, boolean retained) throws InterruptedException {
            try {
                while (inFlight.size() >= WINDOW / 2) {
                    inFlight.removeFirst().waitForCompletion(30_000);
                }
                while (true) {
                    try {
                        inFlight.addLast(client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, retained));
                        return;
                    } catch (MqttException e) {
                        if (e.getReasonCode() != MqttException.REASON_CODE_MAX_INFLIGHT) {
                            throw e;
                        }
                        Thread.sleep(1); // Paho frees its slot just after the token completes
                    }
                }
            } catch (MqttException e) {
                throw new IllegalStateException("bench: hub: the broker did not take a message: " + e.getMessage(), e);
            }
        }

        void drain() {
            try {
                while (!inFlight.isEmpty()) {
                    inFlight.removeFirst().waitForCompletion(30_000);
                }
            } catch (MqttException e) {
                throw new IllegalStateException("bench: hub: the broker did not take a message: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            try {
                client.disconnect(2000).waitForCompletion(3000);
                client.close();
            } catch (MqttException e) {
                // the broker goes next
            }
        }
    }

    private static void delete(Path folder) {
        try (var files = Files.walk(folder)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder
        }
    }
}
