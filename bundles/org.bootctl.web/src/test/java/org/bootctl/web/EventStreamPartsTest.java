package org.bootctl.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bootctl.api.session.SessionState;
import org.bootctl.api.session.Telemetry;
import org.junit.jupiter.api.Test;

/** The pure parts of the event stream: the text format, the hub that drops clients, the throttle. */
class EventStreamPartsTest {

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void anEventIsItsNameAndOneDataLine() {
        assertEquals("event: session\ndata: {\"id\":\"s-1\"}\n\n", text(SseFormat.event("session", Map.of("id", "s-1"))));
        assertEquals("event: x\ndata: a\ndata: b\ndata: \n\n", text(SseFormat.eventText("x", "a\r\nb\n")));
        assertEquals(": keep-alive\n\n", text(SseFormat.comment("keep-alive")));
        assertEquals(": a b\n\n", text(SseFormat.comment("a\nb")));
        assertEquals("retry: 2000\n\n", text(SseFormat.retry(2000)));
        assertThrows(IllegalArgumentException.class, () -> SseFormat.eventText("a\ndata: forged", "{}"));
    }

    @Test
    void unicodeIsUtf8() {
        assertEquals("event: fault\ndata: \"5 °C ü\"\n\n", text(SseFormat.event("fault", "5 °C ü")));
    }

    /** A client that takes chunks until it is "full". */
    static final class Client implements EventHub.Subscriber {
        final List<String> got = new ArrayList<>();
        final int capacity;
        boolean closed;

        Client(int capacity) {
            this.capacity = capacity;
        }

        @Override
        public boolean send(byte[] chunk) {
            if (closed || got.size() >= capacity) {
                return false;
            }
            got.add(text(chunk));
            return true;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void aClientThatFallsBehindIsDroppedAndTheOthersGoOn() {
        EventHub hub = new EventHub();
        Client fast = new Client(100);
        Client slow = new Client(2);
        hub.add(fast);
        hub.add(slow);
        for (int i = 0; i < 5; i++) {
            hub.broadcast(("e" + i).getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(List.of("e0", "e1", "e2", "e3", "e4"), fast.got);
        assertEquals(List.of("e0", "e1"), slow.got);
        assertTrue(slow.closed);
        assertFalse(fast.closed);
        assertEquals(1, hub.size());
        hub.closeAll();
        assertTrue(fast.closed);
        assertTrue(hub.isEmpty());
    }

    @Test
    void theThrottleKeepsTheNewestFrameOfEachDevice() {
        TelemetryThrottle throttle = new TelemetryThrottle();
        for (int t = 0; t < 5; t++) {
            throttle.offer(frame("a", t * 20));
            throttle.offer(frame("b", t * 20 + 1));
        }
        List<Telemetry> frames = throttle.drain();
        assertEquals(2, frames.size());
        assertEquals(80, frames.stream().filter(f -> f.deviceId().equals("a")).findFirst().orElseThrow().timeMs());
        assertEquals(81, frames.stream().filter(f -> f.deviceId().equals("b")).findFirst().orElseThrow().timeMs());
        assertTrue(throttle.drain().isEmpty(), "nothing new, nothing sent");
        throttle.offer(frame("a", 100));
        assertEquals(100, throttle.drain().get(0).timeMs());
    }

    private static Telemetry frame(String device, long time) {
        return new Telemetry(device, null, time, SessionState.IDLE, 0, -1, new double[] {0}, new double[] {0}, null, -1);
    }
}
