package org.bootctl.driver.rb1.emulator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bootctl.api.device.Models;
import org.bootctl.driver.rb1.codec.LineCodec;
import org.bootctl.sim.SimulatedDevice;
import org.bootctl.testing.SocatPair;
import org.bootctl.testing.Waits;
import org.bootctl.timebase.SystemTimebase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host that stops reading (a controller that hangs while its port stays open): the emulator wrote
 * on the firmware's own thread, inside the firmware's lock, so once the line was full that thread
 * blocked in the write: the firmware's watchdog and hard limit no longer ran, and closing the
 * emulator (Ctrl-C on {@code bootctl emulate RB1-L4}) waited for the lock for as long as the host
 * did not read. Like a UART (and the RB2 emulator), it now drops what the line cannot take.
 */
@Tag("realtime")
@Tag("serial")
class Rb1EmulatorDeafHostIT {

    @TempDir
    Path dir;

    @Test
    void aHostThatStopsReadingBlocksNeitherTheFirmwareNorTheClose() throws Exception {
        SocatPair.assumeInstalled();
        SystemTimebase plantTime = new SystemTimebase("rb1-test-plant");
        SimulatedDevice plant = SimulatedDevice.of("plant", Models.RB1_L4, List.of(), plantTime, 3);
        plant.start();
        try (SocatPair socat = new SocatPair(dir).start();
             RandomAccessFile host = new RandomAccessFile(socat.host(), "rw")) {
            Rb1Emulator emulator = new Rb1Emulator(socat.device(), plant, Rb1Emulator.Options.plain());
            emulator.start();
            Waits.until("the emulator opens its port", 3000, emulator::isOpen);
            host.write(LineCodec.encode("STREAM,20")); // and never a byte read
            CompletableFuture<Void> filled = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 100; i++) {
                    emulator.firmware().garbage(9999); // the line fills in a moment, as an hour of samples would
                }
            });
            try {
                filled.get(5, TimeUnit.SECONDS);
                emulator.firmware().setpoints(); // the firmware's lock is free
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("the firmware is held by a write the host does not read", e);
            }
            CompletableFuture<Void> closed = CompletableFuture.runAsync(emulator::close);
            try {
                closed.get(5, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("closing the emulator waits for a host that does not read", e);
            }
            assertTrue(closed.isDone());
        } finally {
            plant.close();
            plantTime.close();
        }
    }
}
