package org.bootctl.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bootctl.api.audit.AuditEvent;
import org.bootctl.api.session.SessionService;
import org.bootctl.testing.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An estop has its own path: carried out on arrival even while the inbox thread is busy and its
 * queue full, and no command that came before it runs after it; a command the inbox cannot take,
 * and a retained one, is answered and audited, never silently lost.
 */
class InboxTest {

    @TempDir
    Path data;

    private final List<AuditEvent> audited = new CopyOnWriteArrayList<>();
    private final AtomicInteger estops = new AtomicInteger();
    private final AtomicInteger starts = new AtomicInteger();
    private final CountDownLatch clearing = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch stopping = new CountDownLatch(1);

    /** An engine whose clear-fault takes as long as the test wants (the engine's may take 2 s). */
    private final SessionService engine = (SessionService) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {SessionService.class}, (proxy, method, args) -> switch (method.getName()) {
                case "clearFault" -> {
                    clearing.countDown();
                    release.await(30, TimeUnit.SECONDS);
                    yield null;
                }
                case "emergencyStopAll" -> {
                    estops.incrementAndGet();
                    yield null;
                }
                case "emergencyStop" -> {
                    stopping.countDown();
                    release.await(30, TimeUnit.SECONDS); // a driver whose vent-all hangs, until the test ends
                    estops.incrementAndGet();
                    yield true;
                }
                case "start" -> {
                    starts.incrementAndGet();
                    throw new IllegalStateException("not in this test");
                }
                case "devices" -> List.of();
                case "device" -> Optional.empty();
                default -> throw new UnsupportedOperationException(method.getName());
            });

    private Inbox inbox(Outbox outbox) {
        Topics topics = new Topics("s1", "u1");
        return new Inbox(new RemoteCommands(() -> engine, true, audited::add, topics),
                new FleetPrograms(data.resolve("fleet/programs"), json -> List.of(), (type, what) -> { }), outbox);
    }

    @Test
    void anEstopIsCarriedOutAtOnceWhileTheQueueIsBusyAndFullAndOvertakesWhatWaits() throws Exception {
        Outbox outbox = new Outbox(() -> { });
        Inbox inbox = inbox(outbox);
        try {
            inbox.command("clear-fault", bytes("{\"requestId\":\"busy\",\"device\":\"d1\"}"));
            assertTrue(clearing.await(30, TimeUnit.SECONDS), "the inbox thread is busy");
            int queued = Inbox.MAX_COMMANDS + 5;
            for (int i = 0; i < queued; i++) {
                inbox.program(true, "p" + i, bytes("{\"id\":\"p" + i + "\"}"));
                inbox.command("start", bytes("{\"requestId\":\"s" + i + "\",\"device\":\"d1\",\"program\":\"sequential\","
                        + "\"level\":3,\"minutes\":20}"));
            }
            List<AuditEvent> dropped = audited.stream().filter(e -> "503".equals(e.details().get("status"))).toList();
            // the busy clear-fault is one of the 64
            assertEquals(queued - (Inbox.MAX_COMMANDS - 1), dropped.size(), "every command past the queue is audited: " + audited);
            assertEquals("s" + (Inbox.MAX_COMMANDS - 1), dropped.get(0).details().get("requestId"));
            assertTrue(dropped.get(0).details().get("error").contains("send it again"), dropped.get(0).details().toString());

            inbox.command("estop", bytes("{\"requestId\":\"stop-all\"}"));
            Waits.until("the estop carried out on arrival, not behind a clear-fault, 64 commands and a rollout", 10_000,
                    () -> estops.get() == 1 && audited.get(audited.size() - 1).action().equals(AuditEvent.ESTOP));
            AuditEvent estop = audited.get(audited.size() - 1);
            assertEquals(AuditEvent.ESTOP, estop.action());
            assertEquals(Map.of("site", "s1", "unit", "u1", "requestId", "stop-all", "command", "estop", "status", "200"),
                    estop.details());

            release.countDown();
            Waits.holdsWithin("every waiting start refused", Duration.ofSeconds(30), () -> audited.stream()
                    .filter(e -> "409".equals(e.details().get("status"))).count() >= Inbox.MAX_COMMANDS - 1);
            assertEquals(Inbox.MAX_COMMANDS - 1, audited.stream().filter(e -> "409".equals(e.details().get("status"))).count(),
                    "every start that waited when the estop came is refused and audited: " + audited);
            assertEquals(0, starts.get(), "nothing sent before the estop is carried out after it");
        } finally {
            release.countDown();
            inbox.stop();
        }
    }

    @Test
    void anEstopTheEngineHoldsDoesNotHoldTheCallbackThreadNorTheCommandsAfterIt() throws Exception {
        Outbox outbox = new Outbox(() -> { });
        Inbox inbox = inbox(outbox);
        try {
            Thread paho = new Thread(() -> inbox.command("estop", bytes("{\"requestId\":\"stop-d1\",\"device\":\"d1\"}")),
                    "paho-callback");
            paho.setDaemon(true);
            paho.start();
            assertTrue(stopping.await(30, TimeUnit.SECONDS), "the engine's estop was called");
            paho.join(TimeUnit.SECONDS.toMillis(10));
            assertFalse(paho.isAlive(), "Paho's callback thread is held by an engine estop that does not return");

            inbox.command("start", bytes("{\"requestId\":\"after\",\"device\":\"d1\",\"program\":\"sequential\","
                    + "\"level\":3,\"minutes\":20}"));
            assertFalse(Waits.holdsWithin("the start sent after the estop carried out before it", Duration.ofMillis(500),
                    () -> starts.get() > 0), "a command that came after an estop ran before it");

            release.countDown();
            Waits.until("the held estop answered once the engine returns, then the start after it", 10_000,
                    () -> audited.stream().anyMatch(e -> "after".equals(e.details().get("requestId"))));
            assertEquals(1, estops.get());
            assertEquals(1, starts.get(), "the start that came after the estop is carried out once the estop was");
            List<String> order = audited.stream().map(e -> e.details().get("requestId")).toList();
            assertEquals(List.of("stop-d1", "after"), order, "audited in the order carried out");
        } finally {
            release.countDown();
            inbox.stop();
        }
    }

    @Test
    void aRetainedCommandIsNotCarriedOutButAnsweredAndAudited() {
        Outbox outbox = new Outbox(() -> { });
        Inbox inbox = inbox(outbox);
        try {
            inbox.retainedCommand("estop", bytes("{\"requestId\":\"old\"}"));
            assertEquals(0, estops.get(), "a retained command is never carried out, not even an estop");
            AuditEvent entry = audited.get(0);
            assertEquals(AuditEvent.ESTOP, entry.action());
            assertEquals("old", entry.details().get("requestId"));
            assertEquals("400", entry.details().get("status"));
            assertTrue(entry.details().get("error").contains("retained"), entry.details().toString());
            RemoteCommands.Reply reply = outbox.peekReply();
            assertEquals("old", reply.requestId());
            assertEquals(400, reply.status());
        } finally {
            inbox.stop();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
