package org.bootctl.driver.rb1.emulator;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.device.SimulatedUnit;
import org.bootctl.driver.rb1.codec.LineDecoder;
import org.bootctl.driver.rb1.codec.SerialLink;
import org.bootctl.timebase.SystemTimebase;

/**
 * A stand-in RB1 unit on a serial port (one end of a socat pair): {@link Rb1Firmware} in front
 * of a device-regulated plant such as the simulator's RB1-L4, on real time. The port is its
 * cable: it is opened when the emulator starts (and again, every second, until it can be), an
 * injected unplug closes it, and when the other end goes away it is opened again as soon as it
 * is back; the firmware keeps running throughout, as a mains-powered unit does. Like a UART it
 * never blocks the firmware: a writer thread of its own takes what the firmware sends, and what the
 * line cannot take (a host that does not read) is dropped.
 */
public final class Rb1Emulator implements AutoCloseable {

    public static final String FIRMWARE_VERSION = "rb1-emu-0.1.0";
    private static final long REOPEN_NANOS = 1_000_000_000L;
    /** Writes waiting for the line; more are dropped, as a UART's full buffer drops them. */
    private static final int LINE_BUFFER = 64;
    private static final System.Logger LOG = System.getLogger(Rb1Emulator.class.getName());

    /**
     * @param model  the model {@code ID?} reports; null: the plant's
     * @param serial the serial number; null: the plant's
     * @param faults what to inject
     * @param seed   seeds garbage and corrupted checksums
     */
    public record Options(String model, String serial, List<EmulatorFault> faults, long seed) {
        public Options {
            faults = List.copyOf(faults);
        }

        public static Options plain() {
            return new Options(null, null, List.of(), 1);
        }

        public Options withFaults(List<EmulatorFault> more) {
            return new Options(model, serial, more, seed);
        }

        public Options withModel(String reported) {
            return new Options(reported, serial, faults, seed);
        }
    }

    private final String port;
    private final Options options;
    private final SystemTimebase timebase;
    private final Rb1Firmware firmware;
    private final Object lock = new Object();
    private final ArrayBlockingQueue<byte[]> line = new ArrayBlockingQueue<>(LINE_BUFFER);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private SerialLink link;
    private boolean unplugged;
    private boolean closed;
    private String lastError;

    /** @throws IllegalArgumentException when the plant regulates nothing itself, or lives on a simulated clock */
    public Rb1Emulator(String port, BootConnection plant, Options options) {
        if (plant instanceof SimulatedUnit simulated && simulated.timebase().isPresent()) {
            throw new IllegalArgumentException("device " + plant.description().id()
                    + " runs on simulated time; an emulator on a serial port needs a plant on real time");
        }
        this.port = port;
        this.options = options;
        this.timebase = new SystemTimebase("rb1-emulator " + port);
        Rb1Firmware.Identity identity = new Rb1Firmware.Identity(
                options.model() != null ? options.model() : plant.description().model(),
                options.serial() != null ? options.serial() : plant.description().serial(), FIRMWARE_VERSION);
        Rb1Firmware created;
        try {
            created = new Rb1Firmware(timebase, plant, identity, this::write, options.seed());
        } catch (IllegalArgumentException e) {
            timebase.close();
            throw e;
        }
        this.firmware = created;
        this.writer = new Thread(this::writeLoop, "rb1-emulator-writer " + port);
        writer.setDaemon(true);
    }

    /** Runs the firmware and opens the port on the emulator's own thread; never blocks. */
    public void start() {
        int found = 0;
        String latched = null;
        for (EmulatorFault fault : options.faults()) {
            switch (fault.kind()) {
                case PRESSURISED -> found = fault.argument();
                case FAULTED -> latched = fault.code();
                default -> {
                    later(fault.atNanos(), () -> {
                        inject(fault);
                        if (fault.everyNanos() > 0) {
                            try {
                                timebase.scheduleAtFixedRate(fault.everyNanos(), () -> inject(fault));
                            } catch (RejectedExecutionException e) {
                                // closed meanwhile
                            }
                        }
                    });
                }
            }
        }
        writer.start();
        firmware.start(found, latched);
        later(0, this::open);
    }

    /** The firmware, for injecting faults and reading its state. */
    public Rb1Firmware firmware() {
        return firmware;
    }

    public String port() {
        return port;
    }

    public boolean isOpen() {
        synchronized (lock) {
            return link != null;
        }
    }

    /** Pulls the cable; plugs it back in after {@code replugNanos} when that is positive. */
    public void unplug(long replugNanos) {
        SerialLink pulled;
        synchronized (lock) {
            unplugged = true;
            pulled = link;
            link = null;
        }
        if (pulled != null) {
            pulled.close();
        }
        if (replugNanos > 0) {
            later(replugNanos, () -> {
                synchronized (lock) {
                    unplugged = false;
                }
                open();
            });
        }
    }

    /** Vents the plant and lets go of it and of the port. */
    @Override
    public void close() {
        SerialLink open;
        synchronized (lock) {
            closed = true;
            open = link;
            link = null;
        }
        firmware.stop();
        if (open != null) {
            open.close();
        }
        timebase.close();
    }

    private void inject(EmulatorFault fault) {
        LOG.log(Level.INFO, "RB1 emulator on " + port + ": injecting " + fault);
        switch (fault.kind()) {
            case GARBAGE -> firmware.garbage(fault.argument());
            case BAD_CHECKSUM -> firmware.corruptOutgoing(fault.forNanos());
            case OVERPRESSURE -> firmware.squeeze(fault.argument(), fault.forNanos());
            case SILENCE -> firmware.silence(fault.forNanos());
            case UNPLUG -> unplug(fault.forNanos());
            case RESET -> firmware.reset();
            default -> throw new IllegalStateException("not a timed fault: " + fault);
        }
    }

    /** On the emulator's thread; tries again every second until the port is there. */
    private void open() {
        synchronized (lock) {
            if (closed || unplugged || link != null) {
                return;
            }
        }
        SerialLink opened;
        try {
            opened = SerialLink.open(port, new SerialLink.Handler() {
                // handed to the firmware's thread: the reader goes straight back to reading, so the
                // next line's arrival time is taken when it arrives, not when the firmware is free
                @Override
                public void line(String body, long nanos) {
                    hand(() -> firmware.received(body, nanos));
                }

                @Override
                public void rejected(LineDecoder.Reject reason, String text, long nanos) {
                    hand(() -> firmware.rejected(reason, text, nanos));
                }

                @Override
                public void lost(String why) {
                    portLost(why);
                }
            }, "rb1-emulator-reader " + port);
        } catch (IOException e) {
            if (!e.getMessage().equals(lastError)) {
                LOG.log(Level.WARNING, "RB1 emulator: " + e.getMessage() + "; trying every second");
            }
            lastError = e.getMessage();
            later(REOPEN_NANOS, this::open);
            return;
        }
        boolean keep;
        synchronized (lock) {
            keep = !closed && !unplugged;
            if (keep) {
                link = opened;
            }
        }
        if (!keep) {
            opened.close();
            return;
        }
        lastError = null;
        LOG.log(Level.INFO, "RB1 emulator: " + firmware.identity().model() + " on " + port);
    }

    private void hand(Runnable task) {
        later(0, task);
    }

    /** Runs {@code task} on the emulator's thread; nothing once the emulator is closed (a unit switched off). */
    private void later(long nanos, Runnable task) {
        try {
            timebase.schedule(nanos, task);
        } catch (RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    private void portLost(String why) {
        SerialLink gone;
        synchronized (lock) {
            if (closed) {
                return;
            }
            gone = link;
            link = null;
        }
        LOG.log(Level.WARNING, "RB1 emulator: " + why + "; opening it again when it is back");
        if (gone != null) {
            gone.close(); // on its own reader thread: closes without waiting for itself
        }
        later(REOPEN_NANOS, this::open);
    }

    /** The firmware's output, on its thread (under its lock): queued, never written here, so a host that does not read holds nothing. */
    private void write(byte[] bytes) {
        if (!line.offer(bytes)) {
            dropped.incrementAndGet();
        }
    }

    /** Writes that were dropped because the line could not take them. */
    public long dropped() {
        return dropped.get();
    }

    /** The writer thread: blocks in a write for as long as the host does not read; closing the port ends it. */
    private void writeLoop() {
        while (true) {
            byte[] bytes;
            try {
                bytes = line.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            SerialLink current;
            synchronized (lock) {
                if (closed) {
                    return;
                }
                current = link;
            }
            if (bytes != null && (current == null || !current.writeRaw(bytes))) {
                dropped.incrementAndGet();
            }
        }
    }
}
