package org.bootctl.driver.rb2.emulator;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.device.SimulatedUnit;
import org.bootctl.api.time.Cancellable;
import org.bootctl.driver.rb2.codec.SerialPorts;
import org.bootctl.driver.rb2.codec.FaultCode;
import org.bootctl.driver.rb2.codec.Frame;
import org.bootctl.driver.rb2.codec.FrameDecoder;
import org.bootctl.driver.rb2.codec.Message;
import org.bootctl.timebase.SystemTimebase;

/**
 * A stand-in RB2 unit on a serial port (the device's end of a socat pair): {@link Rb2Firmware}
 * on a real-time thread of its own, over a plant that supplies the physics, with the transport
 * faults a real line has. Like a UART, it never blocks the firmware: frames the line cannot take
 * are dropped. When the port goes away (socat killed) it opens the path again until it is back.
 */
public final class Rb2Emulator implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("org.bootctl.driver.rb2.emulator");
    private static final long REOPEN_MS = 200;

    /** How an outgoing frame is spoiled. */
    public enum Corruption { CRC, FRAME }

    /** What the line saw, for tests. */
    public record Counters(long framesSent, long framesDropped, long framesCorrupted, long garbageBytes, long opens) {
    }

    private final String path;
    private final SerialPort fixedPort;
    private final BootConnection plant;
    private final EmulatorOptions options;
    private final SystemTimebase time;
    private final Rb2Firmware firmware;
    private final ArrayBlockingQueue<byte[]> line = new ArrayBlockingQueue<>(64);
    private final FrameDecoder decoder = new FrameDecoder();
    private final Thread reader;
    private final Thread writer;
    private final CountDownLatch closedSignal = new CountDownLatch(1);
    private final List<Cancellable> scheduled = new CopyOnWriteArrayList<>();
    private final AtomicLong framesSent = new AtomicLong();
    private final AtomicLong framesDropped = new AtomicLong();
    private final AtomicLong framesCorrupted = new AtomicLong();
    private final AtomicLong garbageBytes = new AtomicLong();
    private final AtomicLong opens = new AtomicLong();

    private volatile SerialPort port;
    private volatile boolean closed;
    private volatile boolean unplugged;
    private volatile boolean silent;

    // the firmware thread's own
    private final SplittableRandom random;
    private int corruptLeft;
    private Corruption corruption = Corruption.CRC;

    /** An emulator that opens {@code path} itself (and again after the port went away). */
    public Rb2Emulator(String path, BootConnection plant, EmulatorOptions options) {
        this(path, null, plant, options);
    }

    /**
     * An emulator on a port object the caller made; it is opened (and reopened) as it is. jSerialComm
     * resolves a link when the object is made, so such an emulator does not follow a new socat pair.
     */
    public Rb2Emulator(SerialPort port, BootConnection plant, EmulatorOptions options) {
        this(port.getSystemPortPath(), port, plant, options);
    }

    private Rb2Emulator(String path, SerialPort fixedPort, BootConnection plant, EmulatorOptions options) {
        if (plant instanceof SimulatedUnit simulated && simulated.timebase().isPresent()) {
            throw new IllegalArgumentException("the plant " + plant.description().id()
                    + " runs on virtual time; an emulator on a real port needs a plant on real time");
        }
        this.path = path;
        this.fixedPort = fixedPort;
        this.plant = plant;
        this.options = options;
        this.random = new SplittableRandom(options.seed());
        this.time = new SystemTimebase("bootctl-rb2-emulator " + path);
        this.firmware = new Rb2Firmware(plant, time,
                Rb2Firmware.Identity.of(plant.description(), options.model(), options.serial(), options.firmware()),
                this::transmit);
        this.reader = new Thread(this::readLoop, "bootctl-rb2-emulator-reader " + path);
        this.writer = new Thread(this::writeLoop, "bootctl-rb2-emulator-writer " + path);
        reader.setDaemon(true);
        writer.setDaemon(true);
    }

    /** Powers the unit up and starts serving the port; never blocks. */
    public void start() {
        double pressurise = 0;
        FaultCode fault = null;
        int faultChannel = FaultCode.NO_CHANNEL;
        for (EmulatorFault f : options.faults()) {
            switch (f.kind()) {
                case PRESSURISED -> pressurise = f.amount();
                case FAULTED -> {
                    fault = f.code();
                    faultChannel = f.channel();
                }
                default -> schedule(f);
            }
        }
        double mmHg = pressurise;
        FaultCode code = fault;
        int channel = faultChannel;
        onFirmware(() -> {
            firmware.foundWith(mmHg, code, channel);
            firmware.powerUp();
        });
        reader.start();
        writer.start();
        LOG.log(Level.INFO, "RB2 emulator " + firmware.identity().model() + " on " + path + " with the physics of "
                + plant.description().id() + (options.faults().isEmpty() ? "" : ", faults " + options.faults()));
    }

    /** Switches the unit off: the plant vents, the port closes, the threads end soon after. Never blocks. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        scheduled.forEach(Cancellable::cancel);
        onFirmware(firmware::stop);
        onFirmware(plant::ventAll);
        onFirmware(time::close);
        closePort();
        closedSignal.countDown();
    }

    /** Waits for the reader and writer to end after {@link #close()} (tests). */
    public boolean awaitClosed(long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000L;
        reader.join(Math.max(1, millis));
        writer.join(Math.max(1, (end - System.nanoTime()) / 1_000_000L));
        return !reader.isAlive() && !writer.isAlive();
    }

    public String path() {
        return path;
    }

    public Rb2Firmware.Snapshot snapshot() {
        return firmware.snapshot();
    }

    public Counters counters() {
        return new Counters(framesSent.get(), framesDropped.get(), framesCorrupted.get(), garbageBytes.get(), opens.get());
    }

    /** The emulator's decoder counters: what it dropped of the host's frames. */
    public FrameDecoder.Stats received() {
        return decoder.stats();
    }

    public boolean portOpen() {
        return port != null;
    }

    // ------------------------------------------------------------------ fault injection (any thread)

    /** A burst of random bytes on the line, between two frames. */
    public void garbage(int bytes) {
        onFirmware(() -> {
            byte[] burst = new byte[bytes];
            for (int i = 0; i < bytes; i++) {
                burst[i] = (byte) random.nextInt(256);
            }
            garbageBytes.addAndGet(bytes);
            queue(burst);
        });
    }

    /** The next {@code frames} frames go out spoiled. */
    public void corrupt(int frames, Corruption how) {
        onFirmware(() -> {
            corruptLeft = frames;
            corruption = how;
        });
    }

    /** Stops (or resumes) sending anything; the port stays open and the firmware runs on. */
    public void silence(boolean on) {
        silent = on;
    }

    /** Closes the emulator's end of the port until {@link #replug()}; the firmware runs on. */
    public void unplug() {
        unplugged = true;
        closePort();
    }

    public void replug() {
        unplugged = false;
    }

    /** The unit resets: INFO with seq 0xFF, everything vents, silent until HELLO. */
    public void reset() {
        onFirmware(firmware::reset);
    }

    /** Latches a fault; with {@code persists} CLEAR_FAULT is refused until {@link #releaseCause()}. */
    public void forceFault(FaultCode code, int channel, boolean persists) {
        onFirmware(() -> firmware.forceFault(code, channel, persists));
    }

    public void releaseCause() {
        onFirmware(firmware::releaseCause);
    }

    private void schedule(EmulatorFault f) {
        long at = Math.round(f.atSeconds() * 1e9);
        long every = Math.round(f.everySeconds() * 1e9);
        long lasting = Math.round(f.forSeconds() * 1e9);
        Runnable action = switch (f.kind()) {
            case GARBAGE -> () -> garbage(f.amount());
            case CORRUPT_CRC -> () -> corrupt(f.amount(), Corruption.CRC);
            case CORRUPT_FRAME -> () -> corrupt(f.amount(), Corruption.FRAME);
            case RESET -> this::reset;
            case OVERPRESSURE -> () -> {
                firmware.overpressure(f.channel());
                later(lasting, firmware::releaseCause);
            };
            case SILENCE -> () -> {
                silence(true);
                later(lasting, () -> silence(false));
            };
            case UNPLUG -> () -> {
                unplug();
                later(lasting, this::replug);
            };
            default -> throw new IllegalStateException("not a timed fault: " + f);
        };
        scheduled.add(time.schedule(at, () -> {
            LOG.log(Level.INFO, "RB2 emulator on " + path + ": injecting " + f);
            action.run();
            if (every > 0 && !closed) {
                scheduled.add(time.scheduleAtFixedRate(every, action));
            }
        }));
    }

    /** Runs on the firmware's thread; after {@link #close()} nothing runs there any more. */
    private void onFirmware(Runnable task) {
        try {
            time.execute(task);
        } catch (RejectedExecutionException e) {
            // switched off
        }
    }

    private void later(long nanos, Runnable action) {
        if (nanos > 0) {
            try {
                scheduled.add(time.schedule(nanos, action));
            } catch (RejectedExecutionException e) {
                // switched off
            }
        }
    }

    // ------------------------------------------------------------------ the line

    /** The firmware's output, on its thread: spoiled if asked, dropped while silent or when the line is full. */
    private void transmit(Frame frame) {
        if (frame.type() == Message.FAULT && frame.payload().length == 2) {
            int channel = frame.payload()[1] & 0xFF;
            LOG.log(Level.INFO, "RB2 emulator on " + path + ": FAULT " + FaultCode.nameOf(frame.payload()[0] & 0xFF)
                    + (channel == FaultCode.NO_CHANNEL ? "" : " on ch" + channel) + " latched, everything vented");
        }
        if (silent) {
            framesDropped.incrementAndGet();
            return;
        }
        byte[] bytes;
        if (corruptLeft > 0) {
            corruptLeft--;
            framesCorrupted.incrementAndGet();
            bytes = corruption == Corruption.CRC ? frame.encodeWithBadCrc() : spoil(frame.encode());
        } else {
            bytes = frame.encode();
        }
        queue(bytes);
    }

    /** One byte of the encoded frame (not its final zero) changed to another value. */
    private byte[] spoil(byte[] bytes) {
        int at = random.nextInt(bytes.length - 1);
        int value;
        do {
            value = random.nextInt(256);
        } while (value == (bytes[at] & 0xFF));
        bytes[at] = (byte) value;
        return bytes;
    }

    private void queue(byte[] bytes) {
        if (!line.offer(bytes)) {
            framesDropped.incrementAndGet();
        }
    }

    private void writeLoop() {
        while (!closed) {
            byte[] bytes;
            try {
                bytes = line.poll(REOPEN_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            SerialPort current = port;
            if (bytes == null) {
                continue;
            }
            if (current == null || current.writeBytes(bytes, bytes.length) != bytes.length) {
                framesDropped.incrementAndGet();
            } else {
                framesSent.incrementAndGet();
            }
        }
    }

    private void readLoop() {
        byte[] buffer = new byte[512];
        while (!closed) {
            SerialPort current = port;
            if (current == null) {
                if (unplugged || !open()) {
                    pause();
                }
                continue;
            }
            int n = current.readBytes(buffer, buffer.length);
            if (n < 0) {
                if (!closed && !unplugged) {
                    LOG.log(Level.INFO, "RB2 emulator: the host's end of " + path + " went away; opening it again");
                }
                closePort();
                continue;
            }
            for (Frame frame : decoder.feed(buffer, 0, n)) {
                onFirmware(() -> firmware.receive(frame));
            }
        }
    }

    private synchronized boolean open() {
        if (closed || unplugged) {
            return false;
        }
        try {
            SerialPort opened;
            if (fixedPort != null) {
                fixedPort.setComPortParameters(SerialPorts.BAUD, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
                fixedPort.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, SerialPorts.READ_TIMEOUT_MS, 0);
                if (!fixedPort.openPort()) {
                    return false;
                }
                opened = fixedPort;
            } else {
                opened = SerialPorts.open(path);
            }
            port = opened;
            opens.incrementAndGet();
            return true;
        } catch (IOException e) {
            return false; // not there (yet): try again soon
        }
    }

    private synchronized void closePort() {
        SerialPort current = port;
        port = null;
        if (current != null) {
            current.closePort();
        }
    }

    private void pause() {
        try {
            closedSignal.await(REOPEN_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }
}
