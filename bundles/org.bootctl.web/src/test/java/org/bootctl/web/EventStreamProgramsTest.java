package org.bootctl.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.bootctl.api.program.Program;
import org.bootctl.testing.Programs;
import org.bootctl.testing.Waits;
import org.junit.jupiter.api.Test;

/** Program events read what a program says of itself off the registering thread, within 2 s, in order. */
class EventStreamProgramsTest {

    @Test
    void aProgramWhoseInfoHangsRegisteredAndUnregisteredThousandsOfTimesHoldsAFewThreads() {
        EventsServlet servlet = new EventsServlet();
        servlet.activate();
        java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
        long before = webInfoThreads();
        try {
            for (int i = 0; i < 2000; i++) {
                Program stubborn = Programs.stubbornUntil(never);
                servlet.addProgram(stubborn, Map.of());
                servlet.removeProgram(stubborn, Map.of());
            }
            long threads = webInfoThreads() - before;
            org.junit.jupiter.api.Assertions.assertTrue(threads <= EventsServlet.PROGRAM_INFO_READERS,
                    "threads reading programs: " + threads);
        } finally {
            never.countDown();
            servlet.deactivate();
        }
    }

    private static long webInfoThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("bootctl-web-program-info") && t.isAlive()).count();
    }

    @Test
    void deactivatingLetsGoOfTheThreadOfAnInfoThatHangs() {
        EventsServlet servlet = new EventsServlet();
        servlet.activate();
        CountDownLatch never = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicReference<Thread> reading = new java.util.concurrent.atomic.AtomicReference<>();
        try {
            servlet.addProgram(Programs.describedBy(() -> {
                reading.set(Thread.currentThread());
                return Programs.answeringWhen(never, "hangs").info();
            }), Map.of());
            Waits.until("info() called", 10_000, () -> reading.get() != null);
            servlet.deactivate();
            Waits.until("the thread of the hanging info() ends once the servlet is deactivated", 10_000,
                    () -> !reading.get().isAlive());
        } finally {
            never.countDown();
        }
    }

    @Test
    void aProgramWhoseInfoHangsIsNotToldOfAndHoldsUpNeitherTheRegistrationNorTheNextEventForLong() throws Exception {
        EventsServlet servlet = new EventsServlet();
        servlet.activate();
        CountDownLatch never = new CountDownLatch(1);
        CountDownLatch open = new CountDownLatch(0);
        try {
            FakeEventStream stream = new FakeEventStream();
            servlet.doGet(stream.request, stream.response);
            Program hangs = Programs.answeringWhen(never, "hangs");
            Program fine = Programs.answeringWhen(open, "fine");
            // under the servlet's own 2 s: a registration that waited for info() would take that long
            assertTimeoutPreemptively(Duration.ofMillis(EventsServlet.PROGRAM_INFO_MS * 9 / 10), () -> {
                servlet.addProgram(hangs, Map.of());
                servlet.addProgram(fine, Map.of());
                servlet.removeProgram(fine, Map.of());
            }, "a program's registration waits for its info()");
            Waits.until(() -> "the fine program's events, in order; got: " + stream.text(), 10_000, () -> {
                String text = stream.text();
                int added = text.indexOf("\"change\":\"added\"");
                int removed = text.indexOf("\"change\":\"removed\"");
                return added >= 0 && removed > added;
            });
            assertTrue(stream.text().contains("\"fine\""), stream.text());
            assertFalse(stream.text().contains("\"hangs\""), "a program that does not describe itself is not told of");
        } finally {
            never.countDown();
            servlet.deactivate();
        }
    }
}
