package org.bootctl.driver.rb2;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.device.DeviceFault;
import org.bootctl.api.device.Sample;
import org.bootctl.driver.rb2.codec.Message;
import org.bootctl.testing.Waits;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An Error on the reader thread (out of memory, or a stack overflow in what a sample reaches): the
 * reader is the thread that watches for silence, so with it gone nothing did; the unit stayed
 * registered with no telemetry and the driver fed its watchdog on, never to reconnect. It is now a
 * loss like any other: unregistered at once, the port closed and opened again.
 */
@Tag("realtime")
@Tag("serial")
class ReaderErrorIT {

    @TempDir
    Path dir;

    @Test
    void anErrorOnTheReaderIsALossNotASilentDriver() throws Exception {
        try (FakeRb2Unit unit = FakeRb2Unit.start(dir, FakeRb2Unit.rb2L5(),
                count -> new Message.Telemetry(count * 20L, count & 0xFFFF, 0, 0, 0xFF, 0, new short[10], new byte[10]))) {
            AtomicInteger registrations = new AtomicInteger();
            AtomicInteger unregistrations = new AtomicInteger();
            AtomicInteger samples = new AtomicInteger();
            Rb2Link link = unit.connect((connection, properties) -> {
                int n = registrations.incrementAndGet();
                connection.listen(new BootConnection.Listener() {
                    @Override
                    public void sample(Sample sample) {
                        if (samples.incrementAndGet() == 10 && n == 1) {
                            throw new StackOverflowError("thrown in a sample's listener, on the driver's reader");
                        }
                    }

                    @Override
                    public void deviceFault(DeviceFault fault) {
                    }
                });
                return unregistrations::incrementAndGet;
            });
            Waits.until("registered", 10_000, () -> registrations.get() >= 1);
            Waits.until(() -> "unregistered after the reader's Error; samples " + samples.get() + ", state "
                    + link.state() + ", last error " + link.lastError(), 10_000, () -> unregistrations.get() >= 1);
            assertTrue(link.lastError() != null && link.lastError().contains("StackOverflowError"), link.lastError());
            Waits.until("registered again", 10_000, () -> registrations.get() >= 2);
        }
    }
}
