package org.bootctl.tools.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.device.HostRegulatedConnection;
import org.bootctl.api.device.DeviceFault;
import org.bootctl.api.device.Sample;
import org.bootctl.api.device.Valve;
import org.bootctl.launcher.cli.CommandException;
import org.bootctl.launcher.cli.Invocation;
import org.bootctl.launcher.feature.Feature;
import org.bootctl.launcher.feature.FeatureBundle;
import org.bootctl.launcher.feature.FeatureConfiguration;
import org.bootctl.launcher.feature.FeatureException;

/**
 * The RB2 serial link end to end: the RB2 driver in a framework of the bench's own, talking
 * BCP/2 through a socat pseudo-terminal pair to {@code bootctl emulate RB2-M8} (16 channels) in
 * a process of its own, telemetry at 100 Hz. The bench is the host (no engine): it commands at
 * the engine's 50 Hz, every valve VENT (nothing fills), and tags every fifth command with a new
 * pump duty. Frames lost come from the gaps in the device's frame counter; latency is the time
 * from handing a command to the driver until the first sample that shows it applied.
 */
final class SerialBench {

    static final int HZ = 100;
    static final String MODEL = "RB2-M8";
    static final int CHANNELS = 16;
    static final String DEVICE = "serial-1";
    private static final long TICK_NANOS = 20_000_000L;
    private static final int TAG_EVERY = 5;
    private static final long WAIT_MILLIS = 15_000;

    /** What one run showed. */
    record Result(int hz, int channels, int seconds, long framesLost, long framesReceived, double latencyP50Ms,
                  double latencyP99Ms) {
    }

    private SerialBench() {
    }

    static Result run(Invocation invocation, int seconds) throws CommandException, InterruptedException,
            BenchUnavailable {
        Feature host = hostFeature(invocation);
        Path script = invocation.distribution().home().resolve("bin").resolve("bootctl");
        Path folder;
        try {
            folder = BenchLeftovers.temporaryFolder("bootctl-bench-serial-");
        } catch (IOException e) {
            throw CommandException.failure("bench: cannot create a folder: " + e.getMessage());
        }
        Path deviceEnd = folder.resolve("device");
        Path hostEnd = folder.resolve("host");
        Process socat = null;
        Process emulator = null;
        try {
            socat = start(List.of("socat", "pty,raw,echo=0,link=" + deviceEnd, "pty,raw,echo=0,link=" + hostEnd),
                    "socat (needed for the serial part) could not be started");
            awaitLinks(socat, deviceEnd, hostEnd);
            emulator = start(List.of(script.toString(), "emulate", MODEL, "--port", deviceEnd.toString(), "--data",
                    folder.resolve("emulator-data").toString()), "bin/bootctl emulate could not be started");
            awaitEmulator(emulator);
            try (BenchFramework framework = BenchFramework.start(invocation, withPort(host, hostEnd))) {
                BootConnection connection = awaitConnection(framework);
                return measure(connection, seconds);
            }
        } finally {
            stop(emulator);
            stop(socat);
            BenchFramework.delete(folder);
        }
    }

    /** The distribution's rb2 feature without the engine, the programs and the UI: the bench is the host. */
    private static Feature hostFeature(Invocation invocation) throws BenchUnavailable {
        Path file = invocation.distribution().features().resolve("rb2.json");
        if (!Files.isRegularFile(file)) {
            throw new BenchUnavailable("this installation has no rb2 feature (features/rb2.json), so no RB2 driver");
        }
        Feature rb2;
        try {
            rb2 = org.bootctl.launcher.feature.FeatureReader.read(file, Map.of("port", "unused"));
        } catch (FeatureException e) {
            throw new BenchUnavailable("the rb2 feature cannot be read: " + e.getMessage());
        }
        List<FeatureBundle> bundles = rb2.bundles(true).stream()
                .filter(b -> !b.artifactId().equals("org.bootctl.engine") && !b.artifactId().equals("org.bootctl.programs"))
                .toList();
        for (FeatureBundle bundle : bundles) {
            if (!Files.isRegularFile(invocation.distribution().bundleFile(bundle))) {
                throw new BenchUnavailable("this distribution lacks " + bundle.id() + " (the RB2 driver's bundles)");
            }
        }
        return new Feature("bench-serial", file, "org.bootctl:bench-serial:0.1.0", "the RB2 driver alone",
                Map.of(), bundles, List.of());
    }

    private static Feature withPort(Feature host, Path port) {
        FeatureConfiguration configuration = FeatureConfiguration.of("org.bootctl.rb2.port~bench", Map.of(
                "port", port.toString(), "model", MODEL, "id", DEVICE, "rateHz", HZ));
        return new Feature(host.name(), host.file(), host.id(), host.description(), host.variables(), host.bundles(),
                List.of(configuration));
    }

    private static Result measure(BootConnection registered, int seconds) throws InterruptedException,
            BenchUnavailable {
        if (!(registered instanceof HostRegulatedConnection connection)) {
            throw new BenchUnavailable("the " + MODEL + " driver registered " + registered.getClass().getName()
                    + ", not a host-regulated connection");
        }
        if (connection.description().channelCount() != CHANNELS) {
            throw new BenchUnavailable("the emulated " + MODEL + " reports " + connection.description().channelCount()
                    + " channels, not " + CHANNELS);
        }
        Link link = new Link();
        connection.listen(link);
        Valve[] vent = new Valve[CHANNELS];
        Arrays.fill(vent, Valve.VENT);
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        int duty = 0;
        int tick = 0;
        for (long next = start; next < end; next += TICK_NANOS, tick++) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            if (tick % TAG_EVERY == 0) {
                duty = duty >= 240 ? 20 : duty + 20;
                link.sent(duty, System.nanoTime());
            }
            connection.actuate(duty, vent);
        }
        connection.ventAll();
        Thread.sleep(100);
        connection.listen(null);
        double wall = (System.nanoTime() - start) / 1e9;
        long received = link.samples.get();
        if (received == 0) {
            throw new BenchUnavailable("no telemetry arrived through socat in " + seconds + " s");
        }
        String rate = String.format(java.util.Locale.ROOT, "%d samples in %.1f s (%.0f Hz)", received, wall,
                received / wall);
        if (!link.framed || !link.applied) {
            throw new BenchUnavailable("the RB2 driver's samples carry no " + (!link.framed ? "frame counter" : "")
                    + (!link.framed && !link.applied ? " and no " : "") + (!link.applied ? "applied pump and valves" : "")
                    + " (Sample's six-argument constructor, API device 1.1), so frames lost and command latency"
                    + " cannot be told; the link itself ran: " + rate);
        }
        List<Double> latencies = new ArrayList<>(link.latencies);
        latencies.sort(null);
        return new Result(HZ, CHANNELS, seconds, link.lost.get(), received, quantile(latencies, 0.5),
                quantile(latencies, 0.99));
    }

    private static double quantile(List<Double> sorted, double q) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }

    /** What arrives on the driver's thread: frames counted, tags matched. */
    private static final class Link implements BootConnection.Listener {
        final AtomicLong samples = new AtomicLong();
        final AtomicLong lost = new AtomicLong();
        final Map<Integer, Long> pending = new ConcurrentHashMap<>();
        final List<Double> latencies = new CopyOnWriteArrayList<>();
        volatile boolean framed = true;
        volatile boolean applied = true;
        private long lastFrame = Sample.NO_FRAME;

        void sent(int duty, long nanos) {
            pending.put(duty, nanos);
        }

        @Override
        public void sample(Sample sample) {
            long now = System.nanoTime();
            samples.incrementAndGet();
            if (sample.frame() == Sample.NO_FRAME) {
                framed = false;
            } else {
                if (lastFrame != Sample.NO_FRAME) {
                    long gap = Math.floorMod(sample.frame() - lastFrame, 65536L);
                    if (gap > 1) {
                        lost.addAndGet(gap - 1);
                    }
                }
                lastFrame = sample.frame();
            }
            if (sample.appliedPump() < 0) {
                applied = false;
            } else {
                Long sent = pending.remove(sample.appliedPump());
                if (sent != null) {
                    latencies.add((now - sent) / 1e6);
                }
            }
        }

        @Override
        public void deviceFault(DeviceFault fault) {
        }
    }

    private static Process start(List<String> command, String failure) throws BenchUnavailable {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new BenchUnavailable(failure + ": " + e.getMessage());
        }
    }

    private static void awaitLinks(Process socat, Path a, Path b) throws InterruptedException, BenchUnavailable {
        long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000L;
        while (!(Files.exists(a) && Files.exists(b))) {
            if (!socat.isAlive() || System.nanoTime() - deadline > 0) {
                throw new BenchUnavailable("socat made no pseudo-terminal pair");
            }
            Thread.sleep(10);
        }
    }

    /** Waits for the emulator's first line (it says so once it holds the port). */
    private static void awaitEmulator(Process emulator) throws BenchUnavailable {
        BufferedReader out = new BufferedReader(new InputStreamReader(emulator.getInputStream(), StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        try {
            for (String line; (line = out.readLine()) != null; ) {
                lines.add(line);
                if (!line.startsWith("bootctl:")) {
                    drain(emulator);
                    return;
                }
            }
        } catch (IOException e) {
            // ended
        }
        throw new BenchUnavailable("bin/bootctl emulate " + MODEL + " did not start: " + String.join(" / ", lines));
    }

    private static BootConnection awaitConnection(BenchFramework framework) throws InterruptedException,
            BenchUnavailable {
        try {
            return framework.connection(DEVICE);
        } catch (CommandException e) {
            throw new BenchUnavailable("the RB2 driver did not connect to the emulator through socat: " + e.getMessage());
        }
    }

    private static void drain(Process process) {
        Thread thread = new Thread(() -> {
            try {
                process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException ignored) {
                // ended
            }
        }, "bootctl-bench-drain");
        thread.setDaemon(true);
        thread.start();
    }

    private static void stop(Process process) throws InterruptedException {
        if (process != null) {
            process.destroy(); // SIGTERM: socat removes its links, the emulator lets go of its port
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
