package org.bootctl.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.bootctl.api.program.Garment;
import org.bootctl.api.program.Plan;
import org.bootctl.api.program.Program;
import org.bootctl.api.program.ProgramInfo;
import org.bootctl.api.program.Settings;
import org.bootctl.testing.Waits;
import org.junit.jupiter.api.Test;

/** Program events read what a program says of itself off the registering thread, within 2 s, in order. */
class EventStreamProgramsTest {

    private static Program program(String id, CountDownLatch gate) {
        return new Program() {
            @Override
            public ProgramInfo info() {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new ProgramInfo(id, id, "1", "", "", 2, 8);
            }

            @Override
            public Plan compile(Garment garment, Settings settings) {
                throw new UnsupportedOperationException();
            }
        };
    }

    @Test
    void aProgramWhoseInfoHangsRegisteredAndUnregisteredThousandsOfTimesHoldsAFewThreads() {
        EventsServlet servlet = new EventsServlet();
        servlet.activate();
        java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
        long before = webInfoThreads();
        try {
            for (int i = 0; i < 2000; i++) {
                Program stubborn = new Program() { // hangs, and ignores being interrupted
                    @Override
                    public ProgramInfo info() {
                        while (true) {
                            try {
                                never.await();
                                return new ProgramInfo("hangs", "Hangs", "1", "", "", 2, 8);
                            } catch (InterruptedException e) {
                                // ignored, as a hostile plugin does
                            }
                        }
                    }

                    @Override
                    public Plan compile(Garment garment, Settings settings) {
                        throw new UnsupportedOperationException();
                    }
                };
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
            servlet.addProgram(new Program() {
                @Override
                public ProgramInfo info() {
                    reading.set(Thread.currentThread());
                    return program("hangs", never).info();
                }

                @Override
                public Plan compile(Garment garment, Settings settings) {
                    throw new UnsupportedOperationException();
                }
            }, Map.of());
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
            Program hangs = program("hangs", never);
            Program fine = program("fine", open);
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
