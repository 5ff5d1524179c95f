package org.bootctl.driver.rb1.emulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.DoublePredicate;
import java.util.regex.Pattern;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.device.DeviceRegulatedConnection;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.device.DeviceFault;
import org.bootctl.api.device.RegulationMode;
import org.bootctl.api.device.Sample;
import org.bootctl.api.time.Cancellable;
import org.bootctl.api.time.Timebase;
import org.bootctl.driver.rb1.codec.LineCodec;
import org.bootctl.driver.rb1.codec.LineDecoder;

/**
 * What an RB1 unit's firmware does on its serial line, as docs/protocols/rb1-line.md says, in front of
 * a device-regulated plant (the simulator's physics): one answer line per command line, in
 * order; {@code ERR,CMD/ARG/RANGE/FAULT/CHK}; a line sooner than 50 ms after the previous one
 * dropped unanswered, VENT excepted; the 2 s watchdog while a setpoint is above 0; the hard
 * limit; the fault latch; streaming; {@code BOOT} after a reset. Plus the faults a test or a
 * demo injects. Time comes from a {@link Timebase}; every method is synchronised, so lines may
 * arrive on a reader thread while the timebase's thread streams.
 */
public final class Rb1Firmware {

    public static final long PACE_NANOS = 50_000_000L;
    public static final long WATCHDOG_NANOS = 2_000_000_000L;
    /** A plant that stops sampling for this long is a sensor fault. */
    static final long STALE_NANOS = 500_000_000L;
    private static final long TICK_NANOS = 10_000_000L;
    private static final int LOG_SIZE = 2000;
    private static final System.Logger LOG = System.getLogger(Rb1Firmware.class.getName());
    private static final double SQUEEZE_ABOVE_LIMIT_MMHG = 6;
    private static final double LOWEST_PLAUSIBLE_MMHG = -10;
    private static final Pattern WHOLE = Pattern.compile("-?\\d{1,6}");

    /** Where the firmware's bytes go: the port. */
    interface Output {
        void write(byte[] bytes);
    }

    /** What became of a line the firmware received. */
    public enum Fate {
        /** Acted on and answered. */
        HANDLED,
        /** Came sooner than 50 ms after the previous line: dropped unanswered. */
        PACED_OUT,
        /** Missing or wrong checksum: answered ERR,CHK. */
        BAD_CHECKSUM,
        /** Lost on the way by injection: never seen, never answered. */
        LOST,
        /** Came while the device was silent. */
        UNHEARD
    }

    /** A line as the firmware received it: when its bytes arrived, its body (or raw text), what became of it. */
    public record Received(long nanos, String line, Fate fate) {
    }

    /** Who the firmware says it is. */
    record Identity(String model, String serial, String firmware) {
    }

    private final Timebase timebase;
    private final DeviceRegulatedConnection plant;
    private final DeviceDescription plantDescription;
    private final Identity identity;
    private final Output output;
    private final Random random;
    private final int zones;
    private final int maxMmHg;

    private final int[] setpoints;
    private String latched;
    private int streamHz;
    private Cancellable streamTask;
    private Cancellable tickTask;
    private long bootNanos;
    private long lastCommandAt;
    private long lastLineAt;
    private boolean heardALine;
    private boolean running;

    private volatile double[] plantReadings;
    private volatile long plantSampleAt;
    private volatile DeviceFault plantLatched;

    // injected
    private long silentUntil;
    private boolean silent;
    private long corruptUntil;
    private boolean corrupting;
    private int linesToLose;
    private int linesToCorruptIn;
    private int squeezedZone = -1;
    private long squeezedUntil;

    private final ArrayDeque<Received> received = new ArrayDeque<>();
    private final ArrayDeque<String> sent = new ArrayDeque<>();

    /**
     * @param plant    a device-regulated connection: the firmware is its only caller
     * @param identity what {@code ID?} answers besides zones and limit, which come from the plant
     */
    Rb1Firmware(Timebase timebase, BootConnection plant, Identity identity, Output output, long seed) {
        this.plantDescription = plant.description();
        if (!(plant instanceof DeviceRegulatedConnection deviceRegulated) || plantDescription.regulation() != RegulationMode.DEVICE) {
            throw new IllegalArgumentException("the RB1 emulator needs a device-regulated plant, not "
                    + plantDescription.model() + " (" + plantDescription.regulation() + ")");
        }
        this.timebase = timebase;
        this.plant = deviceRegulated;
        this.identity = identity;
        this.output = output;
        this.random = new Random(seed);
        this.zones = plantDescription.channelCount();
        this.maxMmHg = (int) Math.floor(plantDescription.hardLimitMmHg());
        this.setpoints = new int[zones];
        this.plantReadings = new double[zones];
    }

    // ---------------------------------------------------------------- life

    /**
     * Powers up: {@code BOOT,<model>}, every setpoint 0, no stream, no fault. A unit found
     * pressurised ({@code setpointsFound > 0}) or with a fault latched was running before the
     * host came: it does not boot, its watchdog runs from now.
     */
    synchronized void start(int setpointsFound, String latchedFound) {
        if (running) {
            throw new IllegalStateException("the firmware runs already");
        }
        running = true;
        plantSampleAt = timebase.nanoTime();
        plant.listen(new BootConnection.Listener() {
            @Override
            public void sample(Sample sample) {
                plantReadings = sample.pressures();
                plantLatched = sample.latchedFault();
                plantSampleAt = timebase.nanoTime();
            }

            @Override
            public void deviceFault(DeviceFault fault) {
                // the plant's own latch vents it; the firmware's checks see the same readings and latch too
            }
        });
        tickTask = timebase.scheduleAtFixedRate(TICK_NANOS, this::tick);
        long now = timebase.nanoTime();
        bootNanos = now;
        lastCommandAt = now;
        if (setpointsFound > 0 || latchedFound != null) {
            Arrays.fill(setpoints, Math.min(setpointsFound, maxMmHg));
            applySetpoints();
            latched = latchedFound;
            if (latchedFound != null) {
                Arrays.fill(setpoints, 0);
                plant.ventAll();
            }
        } else {
            boot(now);
        }
    }

    /** Stops streaming and checks; vents the plant, its host letting go. */
    synchronized void stop() {
        running = false;
        cancelStream();
        if (tickTask != null) {
            tickTask.cancel();
        }
        plant.listen(null);
        plant.ventAll();
    }

    /** A reset: {@code BOOT}, setpoints 0, streaming off, nothing latched. */
    public synchronized void reset() {
        boot(timebase.nanoTime());
    }

    private void boot(long now) {
        Arrays.fill(setpoints, 0);
        plant.ventAll();
        if (plantLatched != null) {
            plant.clearFault();
        }
        cancelStream();
        latched = null;
        bootNanos = now;
        lastCommandAt = now;
        heardALine = false;
        send("BOOT," + identity.model());
    }

    // ---------------------------------------------------------------- the line

    /** A line with a good checksum, its bytes arrived at {@code nanos}. */
    synchronized void received(String body, long nanos) {
        if (!running) {
            return;
        }
        if (deaf(nanos)) {
            log(nanos, body, Fate.UNHEARD);
            return;
        }
        if (linesToLose > 0) {
            linesToLose--;
            log(nanos, body, Fate.LOST);
            return;
        }
        if (pacedOut(nanos) && !body.equals("VENT")) {
            log(nanos, body, Fate.PACED_OUT);
            return;
        }
        if (linesToCorruptIn > 0) {
            linesToCorruptIn--;
            log(nanos, body, Fate.BAD_CHECKSUM);
            send("ERR,CHK");
            return;
        }
        lastCommandAt = nanos; // a command line with a good checksum feeds the watchdog
        log(nanos, body, Fate.HANDLED);
        send(execute(body));
    }

    /** A line the decoder dropped: a missing or wrong checksum is answered; noise is not. */
    synchronized void rejected(LineDecoder.Reject reason, String text, long nanos) {
        if (!running || reason != LineDecoder.Reject.CHECKSUM) {
            return;
        }
        if (deaf(nanos)) {
            log(nanos, text, Fate.UNHEARD);
        } else if (pacedOut(nanos)) {
            log(nanos, text, Fate.PACED_OUT);
        } else {
            log(nanos, text, Fate.BAD_CHECKSUM);
            send("ERR,CHK");
        }
    }

    /** The device handles one line per 50 ms; the clock of the pace is every line that arrives. */
    private boolean pacedOut(long nanos) {
        boolean tooSoon = heardALine && nanos - lastLineAt < PACE_NANOS;
        heardALine = true;
        lastLineAt = nanos;
        return tooSoon;
    }

    private String execute(String body) {
        String[] f = body.split(",", -1);
        return switch (f[0]) {
            case "ID?" -> f.length != 1 ? "ERR,ARG" : "ID," + identity.model() + "," + identity.serial() + ","
                    + identity.firmware() + "," + zones + "," + maxMmHg;
            case "ST?" -> f.length != 1 ? "ERR,ARG" : "ST," + (latched == null ? "NONE" : latched) + ","
                    + join(setpoints) + "," + streamHz;
            case "P?" -> f.length != 1 ? "ERR,ARG" : "P," + uptimeMs() + "," + pressures();
            case "SET" -> set(f);
            case "ALL" -> all(f);
            case "VENT" -> {
                if (f.length != 1) {
                    yield "ERR,ARG";
                }
                Arrays.fill(setpoints, 0);
                plant.ventAll();
                yield "OK";
            }
            case "STREAM" -> stream(f);
            case "CLR" -> f.length != 1 ? "ERR,ARG" : clear();
            default -> "ERR,CMD";
        };
    }

    private String set(String[] f) {
        if (f.length != 3 || !WHOLE.matcher(f[1]).matches() || !WHOLE.matcher(f[2]).matches()) {
            return "ERR,ARG";
        }
        int zone = Integer.parseInt(f[1]);
        int mmHg = Integer.parseInt(f[2]);
        if (zone < 1 || zone > zones || mmHg < 0 || mmHg > maxMmHg) {
            return "ERR,RANGE";
        }
        if (mmHg > 0 && latched != null) {
            return "ERR,FAULT";
        }
        setpoints[zone - 1] = mmHg;
        applySetpoints();
        return "OK";
    }

    private String all(String[] f) {
        if (f.length != zones + 1) {
            return "ERR,ARG";
        }
        int[] wanted = new int[zones];
        for (int i = 0; i < zones; i++) {
            if (!WHOLE.matcher(f[i + 1]).matches()) {
                return "ERR,ARG";
            }
            wanted[i] = Integer.parseInt(f[i + 1]);
        }
        if (Arrays.stream(wanted).anyMatch(p -> p < 0 || p > maxMmHg)) {
            return "ERR,RANGE";
        }
        if (latched != null && Arrays.stream(wanted).anyMatch(p -> p > 0)) {
            return "ERR,FAULT";
        }
        System.arraycopy(wanted, 0, setpoints, 0, zones);
        applySetpoints();
        return "OK";
    }

    private String stream(String[] f) {
        if (f.length != 2 || !WHOLE.matcher(f[1]).matches()) {
            return "ERR,ARG";
        }
        int hz = Integer.parseInt(f[1]);
        if (hz < 0 || hz > 20) {
            return "ERR,RANGE";
        }
        cancelStream();
        streamHz = hz;
        if (hz > 0) {
            streamTask = timebase.scheduleAtFixedRate(1_000_000_000L / hz, this::streamSample);
        }
        return "OK";
    }

    private String clear() {
        if (latched == null) {
            return "OK";
        }
        if (causePersists(latched)) {
            return "ERR,FAULT";
        }
        latched = null;
        if (plantLatched != null) {
            plant.clearFault();
        }
        return "OK";
    }

    // ---------------------------------------------------------------- what the firmware watches

    /** Every 10 ms: watchdog, hard limit, sensors, and the end of injected spells. */
    private synchronized void tick() {
        if (!running) {
            return;
        }
        long now = timebase.nanoTime();
        if (Arrays.stream(setpoints).anyMatch(sp -> sp > 0) && now - lastCommandAt >= WATCHDOG_NANOS) {
            latch("WATCHDOG");
        }
        double[] readings = readings(now);
        if (anyReading(readings, p -> p > maxMmHg)) {
            latch("OVERPRESSURE");
        } else if (sensorImplausible(readings, now)) {
            latch("SENSOR");
        }
    }

    private boolean causePersists(String code) {
        long now = timebase.nanoTime();
        return switch (code) {
            case "OVERPRESSURE" -> anyReading(readings(now), p -> p > maxMmHg);
            case "SENSOR" -> sensorImplausible(readings(now), now);
            default -> false; // a watchdog trip is over once a host talks; a pump fault is taken as mended
        };
    }

    private boolean sensorImplausible(double[] readings, long now) {
        return now - plantSampleAt > STALE_NANOS
                || anyReading(readings, p -> p < LOWEST_PLAUSIBLE_MMHG || p > plantDescription.sensorFullScaleMmHg());
    }

    /**
     * Latches {@code code} (the first fault holds) and vents everything. An over-pressure is
     * streamed first: the host sees the reading that tripped, since FLT does not name the zone.
     */
    private void latch(String code) {
        Arrays.fill(setpoints, 0);
        plant.ventAll();
        if (latched == null) {
            if (code.equals("OVERPRESSURE") && streamHz > 0) {
                streamSample();
            }
            latched = code;
            send("FLT," + code);
            LOG.log(System.Logger.Level.INFO, "RB1 emulator (" + identity.model() + " " + identity.serial() + "): FLT," + code
                    + " latched, everything vented");
        }
    }

    /** The plant's readings, with an injected squeeze on top. */
    private double[] readings(long now) {
        double[] readings = plantReadings.clone();
        if (squeezedZone >= 0 && now - squeezedUntil < 0) {
            readings[squeezedZone] = Math.max(readings[squeezedZone], maxMmHg + SQUEEZE_ABOVE_LIMIT_MMHG);
        }
        return readings;
    }

    private static boolean anyReading(double[] readings, DoublePredicate test) {
        return Arrays.stream(readings).anyMatch(test);
    }

    private synchronized void streamSample() {
        if (running && streamHz > 0) {
            send("S," + uptimeMs() + "," + pressures());
        }
    }

    // ---------------------------------------------------------------- injected faults

    /** A burst of random bytes, with line starts and ends among them. */
    public synchronized void garbage(int bytes) {
        byte[] noise = new byte[bytes];
        random.nextBytes(noise);
        for (int i = 0; i < bytes; i++) {
            int pick = random.nextInt(16);
            if (pick == 0) {
                noise[i] = '$';
            } else if (pick == 1) {
                noise[i] = '*';
            } else if (pick == 2) {
                noise[i] = '\n';
            } else if (pick < 6) {
                noise[i] = (byte) ("0123456789ABCDEF,.".charAt(random.nextInt(18)));
            }
        }
        output.write(noise);
    }

    /** Every line sent in the next {@code nanos} carries a wrong checksum. */
    public synchronized void corruptOutgoing(long nanos) {
        corrupting = true;
        corruptUntil = timebase.nanoTime() + nanos;
    }

    /** The next {@code lines} command lines are lost on the way: never answered. */
    public synchronized void loseIncoming(int lines) {
        linesToLose = lines;
    }

    /** The next {@code lines} command lines arrive corrupted: answered ERR,CHK. */
    public synchronized void corruptIncoming(int lines) {
        linesToCorruptIn = lines;
    }

    /** Zone {@code zone} (1-based) reads above the hard limit for {@code nanos}. */
    public synchronized void squeeze(int zone, long nanos) {
        if (zone < 1 || zone > zones) {
            throw new IllegalArgumentException("no zone " + zone + " on " + identity.model());
        }
        squeezedZone = zone - 1;
        squeezedUntil = timebase.nanoTime() + nanos;
    }

    /** The device neither sends nor hears anything for {@code nanos}. */
    public synchronized void silence(long nanos) {
        silent = true;
        silentUntil = timebase.nanoTime() + nanos;
    }

    private boolean deaf(long now) {
        if (silent && now - silentUntil >= 0) {
            silent = false;
        }
        return silent;
    }

    // ---------------------------------------------------------------- output and state

    private void send(String body) {
        long now = timebase.nanoTime();
        if (deaf(now)) {
            return;
        }
        if (corrupting && now - corruptUntil >= 0) {
            corrupting = false;
        }
        String line = LineCodec.frame(body);
        if (corrupting) {
            int sum = LineCodec.checksum(body) ^ (1 + random.nextInt(255));
            line = "$" + body + "*" + LineCodec.hex(sum);
        }
        remember(sent, line);
        output.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    private void applySetpoints() {
        plant.setpoints(Arrays.stream(setpoints).asDoubleStream().toArray());
    }

    private void cancelStream() {
        if (streamTask != null) {
            streamTask.cancel();
            streamTask = null;
        }
        streamHz = 0;
    }

    private long uptimeMs() {
        return (timebase.nanoTime() - bootNanos) / 1_000_000L;
    }

    private String pressures() {
        double[] readings = readings(timebase.nanoTime());
        StringBuilder text = new StringBuilder();
        for (double p : readings) {
            if (!text.isEmpty()) {
                text.append(',');
            }
            double tenths = Math.round(p * 10) / 10.0;
            text.append(String.format(Locale.ROOT, "%.1f", tenths == 0 ? 0.0 : tenths));
        }
        return text.toString();
    }

    private static String join(int[] values) {
        return String.join(",", Arrays.stream(values).mapToObj(Integer::toString).toList());
    }

    private void log(long nanos, String line, Fate fate) {
        remember(received, new Received(nanos, line, fate));
    }

    private static <T> void remember(ArrayDeque<T> log, T entry) {
        if (log.size() == LOG_SIZE) {
            log.pollFirst();
        }
        log.addLast(entry);
    }

    /** The last 2000 lines received, oldest first. */
    public synchronized List<Received> received() {
        return List.copyOf(received);
    }

    /** The last 2000 lines sent (framed, no line end), oldest first. */
    synchronized List<String> sent() {
        return List.copyOf(sent);
    }

    public synchronized int[] setpoints() {
        return setpoints.clone();
    }

    /** The latched fault code, or null. */
    public synchronized String latched() {
        return latched;
    }

    public synchronized int streamHz() {
        return streamHz;
    }

    Identity identity() {
        return identity;
    }

    int zones() {
        return zones;
    }
}
