package org.bootctl.tools.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bootctl.launcher.testing.BootctlProcess;
import org.bootctl.launcher.testing.Cli;
import org.bootctl.launcher.testing.TestDistribution;
import org.bootctl.testing.Waits;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bootctl bench --smoke}: every part runs and the JSON holds every stable key with the
 * right type. Figures are never judged here (machines are noisy): only that they are there
 * and plausible in kind (a count is a whole number, a time is not negative).
 */
@Tag("realtime")
class BenchCommandIT {

    @TempDir
    Path folder;

    @Test
    void aSmokeRunWritesEveryKeyWithItsType() throws Exception {
        Path json = folder.resolve("bench.json");
        Cli.Result result = Cli.run(TestDistribution.real(), "bench", "--smoke", "--json", json.toString());
        assertEquals(0, result.exitCode(), result.toString());
        for (String heading : List.of("regulation:", "loop:", "virtual speed-up:", "startup:", "hotswap:", "serial:", "fleet:",
                "reliability:", "hub:")) {
            assertTrue(result.out().contains("\n" + heading), "the table has " + heading + "\n" + result.out());
        }
        JsonObject root = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        assertEquals(Set.of("regulation", "regulation_device", "loop", "virtual_speedup", "startup", "hotswap", "serial",
                "fleet", "reliability", "hub", "targets"), root.keySet());
        JsonElement hub = root.get("hub");
        if (!hub.isJsonNull()) { // null where mosquitto is not installed
            JsonObject h = hub.getAsJsonObject();
            assertEquals(Set.of("units", "records", "h2", "postgresql", "ingest_target_per_s", "answer_target_ms"), h.keySet());
            JsonObject h2 = h.getAsJsonObject("h2");
            assertEquals(Set.of("ingest_per_s", "ingest_s", "ingest_per_cpu_s", "answers"), h2.keySet());
            number(h2, "ingest_per_s", 0);
            assertTrue(h2.getAsJsonArray("answers").size() >= 10, h2.toString());
            for (JsonElement a : h2.getAsJsonArray("answers")) {
                number(a.getAsJsonObject(), "max_ms", number(a.getAsJsonObject(), "p50_ms", 0));
            }
        }
        JsonElement fleet = root.get("fleet");
        if (!fleet.isJsonNull()) { // null where mosquitto is not installed
            JsonObject f = fleet.getAsJsonObject();
            assertEquals(100, f.get("units").getAsInt());
            assertTrue(f.get("telemetry_sent").getAsLong() > 0 && f.get("telemetry_lost").getAsLong() >= 0, f.toString());
            number(f, "reconnect_all_s", 0);
        }

        for (JsonElement row : root.getAsJsonArray("regulation")) {
            JsonObject r = row.getAsJsonObject();
            assertEquals(Set.of("model", "level", "overshoot_max_mmHg", "hold_rms_mmHg", "fill_ratio_median"), r.keySet());
            assertTrue(r.get("model").getAsString().startsWith("RB2-"), r.toString());
            assertTrue(Set.of(3, 5, 7).contains(r.get("level").getAsInt()), r.toString());
            number(r, "overshoot_max_mmHg", -1000);
            number(r, "hold_rms_mmHg", 0);
            number(r, "fill_ratio_median", 1); // never faster than the physical minimum
        }
        assertTrue(root.getAsJsonArray("regulation").size() >= 1);

        // RB1-L4: its firmware regulates; judged by the share of held samples within its band
        assertTrue(root.getAsJsonArray("regulation_device").size() >= 1);
        for (JsonElement row : root.getAsJsonArray("regulation_device")) {
            JsonObject r = row.getAsJsonObject();
            assertEquals(Set.of("model", "level", "band_mmHg", "held_within_band_pct", "hold_rms_mmHg",
                    "overshoot_max_mmHg"), r.keySet());
            assertEquals("RB1-L4", r.get("model").getAsString());
            double within = number(r, "held_within_band_pct", 0);
            assertTrue(within <= 100, r.toString());
            number(r, "hold_rms_mmHg", 0);
        }
        JsonObject targets = root.getAsJsonObject("targets");
        assertEquals(600, targets.get("ready_ms_small").getAsDouble());
        assertEquals(2, targets.getAsJsonArray("loop").size());

        assertTrue(root.getAsJsonArray("loop").size() >= 1);
        for (JsonElement row : root.getAsJsonArray("loop")) {
            JsonObject r = row.getAsJsonObject();
            assertEquals(Set.of("devices", "lateness_p50_ms", "lateness_p99_ms", "lateness_max_ms", "cpu_pct_per_device"),
                    r.keySet());
            assertTrue(r.get("devices").getAsInt() >= 1, r.toString());
            double p50 = number(r, "lateness_p50_ms", 0);
            double p99 = number(r, "lateness_p99_ms", p50);
            number(r, "lateness_max_ms", p99);
            number(r, "cpu_pct_per_device", 0);
        }

        assertTrue(root.get("virtual_speedup").getAsDouble() > 1, "faster than real time: " + root.get("virtual_speedup"));

        JsonObject startup = root.getAsJsonObject("startup");
        assertEquals(Set.of("ready_ms", "rss_mb", "ready_ms_small", "rss_mb_small", "ready_ms_trimmed", "rss_mb_trimmed"),
                startup.keySet());
        for (String key : List.of("ready_ms", "rss_mb", "ready_ms_small", "rss_mb_small")) {
            number(startup, key, 1);
        }
        // the trimmed runtime: the build's target/runtime-ARCH, beside the distribution, in the package phase
        for (String key : List.of("ready_ms_trimmed", "rss_mb_trimmed")) {
            if (!startup.get(key).isJsonNull()) {
                number(startup, key, 1);
            }
        }

        JsonObject hotswap = root.getAsJsonObject("hotswap");
        assertEquals(Set.of("program_ms", "driver_fault_ms"), hotswap.keySet());
        number(hotswap, "program_ms", 0);
        number(hotswap, "driver_fault_ms", 0);

        // the serial part needs socat and an RB2 driver that reports its frames; null says why in the table
        JsonElement serial = root.get("serial");
        if (serial.isJsonNull()) {
            assertTrue(result.out().matches("(?s).*serial: .*\\n  not measured: .+"), result.out());
        } else {
            JsonObject s = serial.getAsJsonObject();
            assertEquals(Set.of("hz", "channels", "frames_lost", "latency_p99_ms"), s.keySet());
            assertEquals(100, s.get("hz").getAsInt());
            assertEquals(16, s.get("channels").getAsInt());
            assertTrue(s.get("frames_lost").getAsLong() >= 0);
            number(s, "latency_p99_ms", 0);
        }

        JsonObject reliability = root.getAsJsonObject("reliability");
        assertEquals(Set.of("estops", "estops_answered", "estop_p50_ms", "estop_p99_ms", "estop_max_ms", "estops_in_ramp",
                "session_ended", "uploads", "streams", "flood_per_s", "flood_sent_per_s"), reliability.keySet());
        assertEquals(reliability.get("estops").getAsInt(), reliability.get("estops_answered").getAsInt(),
                "every stop answered: " + reliability);
        number(reliability, "estop_max_ms", number(reliability, "estop_p99_ms", number(reliability, "estop_p50_ms", 0)));
        assertTrue(reliability.get("session_ended").getAsBoolean(), "stopped, or vented by a fault: " + reliability);
    }

    @Test
    void aJsonFileThatCannotBeWrittenIsRefusedBeforeAnyPartRuns() throws Exception {
        Path file = Files.writeString(folder.resolve("a-file"), "x");
        for (Path json : List.of(folder, file.resolve("figures.json"))) {
            Cli.Result result = Cli.run(TestDistribution.real(), "bench", "--smoke", "--only", "speed", "--json",
                    json.toString());
            assertEquals(2, result.exitCode(), result.toString());
            assertEquals(1, result.errLines().size(), result.err());
            assertTrue(result.err().startsWith("bootctl: bench: cannot write the figures to " + json + ": "), result.err());
            assertTrue(!result.out().contains("bench: speed"), "no part ran: " + result.out());
        }
    }

    @Test
    void sigtermLeavesNoChildProcessNorTemporaryFolderBehind() throws Exception {
        try (BootctlProcess bench = BootctlProcess.start(folder, "bench", "--smoke", "--only", "startup")) {
            // the start-up part's controller, a bin/bootctl process with a data folder of the bench's
            ProcessHandle controller = Waits.until("the start-up part's controller", Duration.ofSeconds(60),
                    () -> ProcessHandle.of(bench.pid()).orElseThrow().descendants()
                            .filter(p -> p.info().commandLine().orElse("").contains("bootctl-bench-startup-"))
                            .findFirst(), Optional::isPresent).orElseThrow();
            String[] words = controller.info().commandLine().orElseThrow().split(" ");
            Path data = Path.of(words[List.of(words).indexOf("--data") + 1]);
            assertTrue(Files.isDirectory(data), data.toString());

            bench.terminate();
            bench.awaitExit(Duration.ofSeconds(60));
            Waits.until("the controller " + controller.pid() + " gone", Duration.ofSeconds(30), () -> !controller.isAlive());
            assertTrue(!Files.exists(data), "left behind: " + data);
        }
    }

    @Test
    void anUnknownPartIsAUsageError() {
        Cli.Result result = Cli.run(TestDistribution.real(), "bench", "--only", "regulaton");
        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.err().contains("unknown part 'regulaton'") && result.err().contains("regulation"), result.err());
    }

    /** A JSON number not below {@code least}. */
    private static double number(JsonObject o, String key, double least) {
        JsonElement e = o.get(key);
        assertTrue(e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber(), key + " is a number: " + o);
        double value = e.getAsDouble();
        assertTrue(value >= least, key + " = " + value + " (at least " + least + ")");
        return value;
    }
}
