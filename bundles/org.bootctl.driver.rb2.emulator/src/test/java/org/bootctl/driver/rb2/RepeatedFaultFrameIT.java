package org.bootctl.driver.rb2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.bootctl.api.device.DeviceFault;
import org.bootctl.driver.rb2.codec.FaultCode;
import org.bootctl.driver.rb2.codec.Message;
import org.bootctl.testing.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A unit that repeats its FAULT frame (200 in a burst, its telemetry carrying the same fault):
 * the engine is told once per latch, and the log says it once, not 200 times (as NACKs, at most
 * once per 10 s for one fault). A different fault after it is told and logged at once. A unit
 * whose fault alternates between two (SENSOR, PUMP, SENSOR...) is told every change, as before,
 * and logged once per fault, not once per change.
 */
@Tag("realtime")
@Tag("serial")
class RepeatedFaultFrameIT {

    private static final int SENSOR = FaultCode.SENSOR.code();
    private static final int PUMP = FaultCode.PUMP.code();

    @TempDir
    Path dir;

    private final Logger driverLog = Logger.getLogger("org.bootctl.driver.rb2");
    /** The driver's WARNINGs and worse while a test runs. */
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
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

    @BeforeEach
    void listen() {
        driverLog.addHandler(handler);
    }

    @AfterEach
    void stopListening() {
        driverLog.removeHandler(handler);
    }

    @Test
    void aRepeatedFaultFrameIsToldAndLoggedOnce() throws Exception {
        int[] fault = {0, 0}; // code, channel: what the telemetry says is latched
        try (FakeRb2Unit unit = FakeRb2Unit.start(dir, FakeRb2Unit.rb2L5(), count -> {
            int code = fault[0];
            return new Message.Telemetry(count * 20L, count & 0xFFFF,
                    code == 0 ? 0 : Message.STATUS_FAULT, code, fault[1], 0, new short[10], new byte[10]);
        })) {
            TestRegistrar registrar = new TestRegistrar();
            unit.connect(registrar);
            Waits.until("registered, samples flowing", 10_000,
                    () -> registrar.registrations.get() >= 1 && !registrar.samples.isEmpty());
            unit.atomically(() -> {
                fault[0] = SENSOR;
                fault[1] = 2;
                for (int i = 0; i < 200; i++) {
                    unit.send(new Message.Fault(SENSOR, 2));
                }
            });
            unit.atomically(() -> { // then another fault: once told, every SENSOR frame before it was read
                fault[0] = PUMP;
                fault[1] = FaultCode.NO_CHANNEL;
                unit.send(new Message.Fault(PUMP, FaultCode.NO_CHANNEL));
            });
            Waits.until("the PUMP fault told", 10_000,
                    () -> registrar.faults.stream().anyMatch(f -> f.kind() == DeviceFault.Kind.PUMP));
            assertEquals(1, registrar.faults.stream().filter(f -> f.kind() == DeviceFault.Kind.SENSOR).count(),
                    "one latch, told once: " + registrar.faults);
            List<String> reports = warnings.stream().filter(w -> w.contains("reports firmware fault")).toList();
            assertEquals(2, reports.size(), "one WARNING per fault, not one per frame: " + reports.size() + " lines, first "
                    + (reports.isEmpty() ? "none" : reports.get(0)));
        }
    }

    @Test
    void alternatingFaultsAreToldEachChangeAndLoggedOnceEach() throws Exception {
        try (FakeRb2Unit unit = FakeRb2Unit.start(dir, FakeRb2Unit.rb2L5(), count -> new Message.Telemetry(count * 20L,
                count & 0xFFFF, 0, 0, 0, 0, new short[10], new byte[10]))) { // only the FAULT frames tell a fault
            TestRegistrar registrar = new TestRegistrar();
            unit.connect(registrar);
            Waits.until("registered, samples flowing", 10_000,
                    () -> registrar.registrations.get() >= 1 && !registrar.samples.isEmpty());
            unit.atomically(() -> {
                for (int i = 0; i < 200; i++) {
                    unit.send(i % 2 == 0 ? new Message.Fault(SENSOR, 2) : new Message.Fault(PUMP, FaultCode.NO_CHANNEL));
                }
                unit.send(new Message.Fault(FaultCode.POWER.code(), FaultCode.NO_CHANNEL)); // read last
            });
            Waits.until("the POWER fault logged", 10_000, () -> warnings.stream().anyMatch(r -> r.contains("POWER")));
            List<String> reports = warnings.stream().filter(w -> w.contains("reports firmware fault")).toList();
            assertEquals(200, registrar.faults.stream().filter(f -> f.kind() == DeviceFault.Kind.SENSOR
                    || f.kind() == DeviceFault.Kind.PUMP).count(), "every change told, as before");
            assertEquals(3, reports.size(), "SENSOR, PUMP and POWER once each, not a line per change: " + reports.size()
                    + " lines, the first " + reports.subList(0, Math.min(3, reports.size())));
        }
    }
}
