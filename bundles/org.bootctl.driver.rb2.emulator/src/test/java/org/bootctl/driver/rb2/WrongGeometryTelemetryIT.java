package org.bootctl.driver.rb2;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bootctl.driver.rb2.codec.Frame;
import org.bootctl.driver.rb2.codec.FrameDecoder;
import org.bootctl.driver.rb2.codec.Message;
import org.bootctl.testing.SocatPair;
import org.bootctl.testing.Waits;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A unit that says RB2-L5 (10 channels) in INFO but streams TELEMETRY with 8 channels, 50 a second:
 * Rb2Session.telemetry counts each frame malformed and returns before it counts as a sign of life,
 * so the unit is dropped with "silent for more than 1000 ms (no telemetry)": the reason a person
 * reads says the line is quiet when it is busy with telemetry the driver refuses.
 */
@Tag("realtime")
@Tag("serial")
class WrongGeometryTelemetryIT {

    @TempDir
    Path dir;

    @Test
    void telemetryOfTheWrongGeometryIsNotCalledSilence() throws Exception {
        SocatPair.assumeInstalled();
        try (SocatPair socat = new SocatPair(dir).start();
             RandomAccessFile unit = new RandomAccessFile(socat.device(), "rw")) {
            AtomicBoolean streaming = new AtomicBoolean(false);
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
                            Message answer = null;
                            if (m instanceof Message.Hello) {
                                answer = new Message.Info(Message.VERSION, 2, 5, 130, 300, 50, "RB2-L5", "SN1", "fw");
                            } else if (m instanceof Message.SetRate) {
                                answer = new Message.Ack();
                                streaming.set(true);
                            } else if (m instanceof Message.Ping) {
                                answer = new Message.Pong();
                            } else if (m instanceof Message.VentAll) {
                                answer = new Message.Ack();
                            }
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
                            Message t = new Message.Telemetry(count * 20L, count & 0xFFFF, 0, 0, 0, 0, new short[8], new byte[8]);
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

            TestRegistrar registrar = new TestRegistrar();
            Rb2Link link = new Rb2Link(new PortSettings(socat.host(), "auto", "rb2-test", 50, Timing.DEFAULT), registrar);
            link.start();
            try {
                Waits.until("registered", 10_000, () -> registrar.registrations.get() >= 1);
                Waits.until("dropped", 10_000, () -> registrar.unregistrations.get() >= 1 && link.lastError() != null);
                String reason = link.lastError();
                System.out.println("dropped: " + reason + "; malformed " + link.counters().malformed());
                assertFalse(reason.contains("no telemetry"), "telemetry came 50 times a second, but: " + reason);
                assertTrue(reason.contains(socat.host()) && reason.contains("telemetry for 8 channels")
                        && reason.contains("RB2-L5 has 10"), "the reason names the port and the mismatch: " + reason);
            } finally {
                done.set(true);
                link.stop();
                link.awaitStopped(5000);
            }
        }
    }
}
