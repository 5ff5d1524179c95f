package org.bootctl.driver.rb2;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.device.DeviceFault;
import org.bootctl.api.device.Sample;
import org.bootctl.driver.rb2.codec.Frame;
import org.bootctl.driver.rb2.codec.FrameDecoder;
import org.bootctl.driver.rb2.codec.Message;
import org.bootctl.testing.SocatPair;
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
        SocatPair.assumeInstalled();
        try (SocatPair socat = new SocatPair(dir).start();
             RandomAccessFile unit = new RandomAccessFile(socat.device(), "rw")) {
            AtomicBoolean streaming = new AtomicBoolean();
            AtomicBoolean done = new AtomicBoolean();
            Object writeLock = new Object();
            Thread unitReader = new Thread(() -> {
                FrameDecoder decoder = new FrameDecoder();
                byte[] buf = new byte[256];
                try {
                    while (!done.get()) {
                        int n = unit.read(buf);
                        if (n < 0) {
                            return;
                        }
                        for (Frame f : decoder.feed(buf, 0, n)) {
                            Message m = Message.decode(f);
                            Message answer = m instanceof Message.Hello
                                    ? new Message.Info(Message.VERSION, 2, 5, 130, 300, 50, "RB2-L5", "SN1", "fw")
                                    : m instanceof Message.SetRate || m instanceof Message.VentAll ? new Message.Ack()
                                    : m instanceof Message.Ping ? new Message.Pong() : null;
                            streaming.compareAndSet(false, m instanceof Message.SetRate);
                            if (answer != null) {
                                synchronized (writeLock) {
                                    unit.write(answer.frame(f.seq()).encode());
                                }
                            }
                        }
                    }
                } catch (Exception e) {
                    // the test ends
                }
            }, "fake-unit-reader");
            Thread unitStreamer = new Thread(() -> {
                int count = 0;
                try {
                    while (!done.get()) {
                        if (streaming.get()) {
                            Message t = new Message.Telemetry(count * 20L, count & 0xFFFF, 0, 0, 0xFF, 0, new short[10], new byte[10]);
                            count++;
                            synchronized (writeLock) {
                                unit.write(t.frame(Frame.UNSOLICITED).encode());
                            }
                        }
                        Thread.sleep(20);
                    }
                } catch (Exception e) {
                    // the test ends
                }
            }, "fake-unit-streamer");
            unitReader.setDaemon(true);
            unitStreamer.setDaemon(true);
            unitReader.start();
            unitStreamer.start();

            AtomicInteger registrations = new AtomicInteger();
            AtomicInteger unregistrations = new AtomicInteger();
            AtomicInteger samples = new AtomicInteger();
            Rb2Link link = new Rb2Link(new PortSettings(socat.host(), "auto", "rb2-test", 50, Timing.DEFAULT),
                    (connection, properties) -> {
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
            link.start();
            try {
                Waits.until("registered", 10_000, () -> registrations.get() >= 1);
                Waits.until(() -> "unregistered after the reader's Error; samples " + samples.get() + ", state "
                        + link.state() + ", last error " + link.lastError(), 10_000, () -> unregistrations.get() >= 1);
                assertTrue(link.lastError() != null && link.lastError().contains("StackOverflowError"), link.lastError());
                Waits.until("registered again", 10_000, () -> registrations.get() >= 2);
            } finally {
                done.set(true);
                link.stop();
                link.awaitStopped(5000);
            }
        }
    }
}
