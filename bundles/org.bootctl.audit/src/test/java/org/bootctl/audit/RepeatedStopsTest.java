package org.bootctl.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bootctl.api.audit.AuditEvent;
import org.bootctl.testing.Waits;
import org.junit.jupiter.api.Test;

/** Repeated emergency stops: every one counted, recorded coalesced (issue 12, finding 9). */
class RepeatedStopsTest {

    private static final long DEADLINE_MS = 20_000;

    private final List<AuditEvent> written = new CopyOnWriteArrayList<>();

    private static AuditEvent stop(String source, String device) {
        return new AuditEvent(AuditEvent.ESTOP, source, device);
    }

    private int counted(String source, String device) {
        return written.stream().filter(e -> e.source().equals(source) && e.subject().equals(device))
                .mapToInt(e -> Integer.parseInt(e.details().getOrDefault(RepeatedStops.COUNT, "1"))).sum();
    }

    @Test
    void aBurstOfStopsIsOneRecordAtOnceAndOneWithTheCountOfTheRest() throws Exception {
        try (RepeatedStops stops = new RepeatedStops(written::add, 3000)) { // a window a loaded machine does not outrun mid-burst
            for (int i = 0; i < 1000; i++) {
                stops.record(stop("web 127.0.0.1", "sim-1"));
            }
            stops.record(stop("web 10.0.0.7", "sim-1"));
            stops.record(stop("web 127.0.0.1", "sim-2"));
            assertEquals(3, written.size(), "the first stop of each source and device is recorded at once: " + written);
            Waits.holdsWithin("every stop counted", Duration.ofMillis(DEADLINE_MS),
                    () -> counted("web 127.0.0.1", "sim-1") >= 1000);
            assertEquals(1000, counted("web 127.0.0.1", "sim-1"), "every stop is accounted for: " + written);
            assertEquals(4, written.size(), "the 999 repeats are one record: " + written);
            assertEquals("999", written.get(3).details().get(RepeatedStops.COUNT));
        }
    }

    @Test
    void otherEventsAndWhatIsStillCountedAtCloseAreRecorded() {
        RepeatedStops stops = new RepeatedStops(written::add, 60_000);
        stops.record(stop("shell", "sim-1"));
        stops.record(stop("shell", "sim-1"));
        stops.record(stop("shell", "sim-1"));
        stops.record(new AuditEvent(AuditEvent.FAULT_CLEARED, "shell", "sim-1"));
        stops.record(new AuditEvent(AuditEvent.FAULT_CLEARED, "shell", "sim-1"));
        stops.close();
        assertEquals(4, written.size(), String.valueOf(written));
        assertEquals(Map.of(RepeatedStops.COUNT, "2"), written.get(3).details());
        assertTrue(written.stream().filter(e -> e.action().equals(AuditEvent.FAULT_CLEARED)).count() == 2);
        stops.record(stop("shell", "sim-1"));
        assertEquals(5, written.size(), "after close each stop is recorded on its own");
    }
}
