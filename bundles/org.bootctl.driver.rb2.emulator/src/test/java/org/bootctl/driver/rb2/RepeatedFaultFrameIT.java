package org.bootctl.driver.rb2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.bootctl.api.device.DeviceFault;
import org.bootctl.driver.rb2.codec.FaultCode;
import org.bootctl.driver.rb2.codec.Frame;
import org.bootctl.driver.rb2.codec.FrameDecoder;
import org.bootctl.driver.rb2.codec.Message;
import org.bootctl.testing.SocatPair;
import org.bootctl.testing.Waits;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A unit that repeats its FAULT frame (200 in a burst, its telemetry carrying the same fault):
 * the engine is told once per latch, and the log says it once, not 200 times (as NACKs, at most
 * once per 10 s for one fault). A different fault after it is told and logged at once.
 */
@Tag("realtime")
@Tag("serial")
class RepeatedFaultFrameIT {

    private static final int SENSOR = FaultCode.SENSOR.code();
    private static final int PUMP = FaultCode.PUMP.code();

    @TempDir
    Path dir;

    @Test
    void aRepeatedFaultFrameIsToldAndLoggedOnce() throws Exception {
        SocatPair.assumeInstalled();
        Logger driverLog = Logger.getLogger("org.bootctl.driver.rb2");
        List<String> warnings = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        driverLog.addHandler(handler);
        try (SocatPair socat = new SocatPair(dir).start();
             RandomAccessFile unit = new RandomAccessFile(socat.device(), "rw")) {
            AtomicBoolean streaming = new AtomicBoolean(false);
            AtomicBoolean done = new AtomicBoolean();
            int[] fault = {0, 0}; // code, channel: what the telemetry says is latched
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
                            } else if (m instanceof Message.VentAll || m instanceof Message.Actuate) {
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
                            synchronized (writeLock) {
                                int code = fault[0];
                                Message t = new Message.Telemetry(count * 20L, count & 0xFFFF,
                                        code == 0 ? 0 : Message.STATUS_FAULT, code, fault[1], 0, new short[10], new byte[10]);
                                count++;
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
                Waits.until("registered, samples flowing", 10_000,
                        () -> registrar.registrations.get() >= 1 && !registrar.samples.isEmpty());
                synchronized (writeLock) {
                    fault[0] = SENSOR;
                    fault[1] = 2;
                    for (int i = 0; i < 200; i++) {
                        unit.write(new Message.Fault(SENSOR, 2).frame(Frame.UNSOLICITED).encode());
                    }
                }
                synchronized (writeLock) { // then another fault: once told, every SENSOR frame before it was read
                    fault[0] = PUMP;
                    fault[1] = FaultCode.NO_CHANNEL;
                    unit.write(new Message.Fault(PUMP, FaultCode.NO_CHANNEL).frame(Frame.UNSOLICITED).encode());
                }
                Waits.until("the PUMP fault told", 10_000,
                        () -> registrar.faults.stream().anyMatch(f -> f.kind() == DeviceFault.Kind.PUMP));
                assertEquals(1, registrar.faults.stream().filter(f -> f.kind() == DeviceFault.Kind.SENSOR).count(),
                        "one latch, told once: " + registrar.faults);
                List<String> reports = warnings.stream().filter(w -> w.contains("reports firmware fault")).toList();
                assertEquals(2, reports.size(), "one WARNING per fault, not one per frame: " + reports.size() + " lines, first "
                        + (reports.isEmpty() ? "none" : reports.get(0)));
            } finally {
                done.set(true);
                link.stop();
                link.awaitStopped(5000);
            }
        } finally {
            driverLog.removeHandler(handler);
        }
    }
}
