package org.bootctl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.bootctl.api.program.Program;
import org.bootctl.api.program.ProgramInfo;
import org.bootctl.testing.Programs;
import org.bootctl.testing.Waits;
import org.junit.jupiter.api.Test;

/**
 * Repro (rev-web): docs/PROGRAM-BUNDLES.md promises "The engine runs info() and compile on a thread
 * of its own, never on a request's ... and waits 2 s at most". The list of programs
 * (SessionService.programs(), behind GET /api/programs, GET /api/programs/{id}, boot:programs and
 * boot:start) calls every program bundle's info() on the caller's thread, unbounded: one program
 * whose info() never returns hangs every one of those requests for good.
 */
class ProgramInfoHangTest {

    @Test
    void theListOfProgramsDoesNotWaitForeverOnAProgramThatHangs() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        Program hangs = hanging(never, new java.util.concurrent.atomic.AtomicReference<>());
        ProgramRegistry registry = new ProgramRegistry();
        registry.add(hangs, Map.of(ProgramRegistry.PROGRAM_ID, "hangs"));

        CompletableFuture<List<ProgramInfo>> listed = CompletableFuture.supplyAsync(registry::infos);
        try {
            // well beyond the 2 s any program's own code is given
            assertTrue(waitFor(listed, 6), "listing the programs still waits on program 'hangs' after 6 s");
        } finally {
            never.countDown();
        }
    }

    @Test
    void closingTheRegistryLetsGoOfTheThreadOfAnInfoThatHangs() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicReference<Thread> reading = new java.util.concurrent.atomic.AtomicReference<>();
        Program hangs = hanging(never, reading);
        ProgramRegistry registry = new ProgramRegistry();
        try {
            registry.add(hangs, Map.of(ProgramRegistry.PROGRAM_ID, "hangs"));
            Waits.until("info() called", 10_000, () -> reading.get() != null);
            registry.close(); // the engine stops
            Waits.until("the thread of the hanging info() ends once the engine stops", 10_000,
                    () -> !reading.get().isAlive());
            registry.add(hangs, Map.of(ProgramRegistry.PROGRAM_ID, "late"));
            assertTrue(registry.infos().isEmpty(), "a program that comes as the engine stops is not listed");
        } finally {
            never.countDown();
        }
    }

    @Test
    void aBundleThatRegistersAndUnregistersAProgramWhoseInfoHangsThousandsOfTimesHoldsAFewThreadsAndNoOtherBundle()
            throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger called = new java.util.concurrent.atomic.AtomicInteger();
        ProgramRegistry registry = new ProgramRegistry();
        long threadsBefore = programInfoThreads();
        try {
            for (int i = 0; i < 2000; i++) {
                Program stubborn = Programs.describedBy(() -> {
                    called.incrementAndGet();
                    return Programs.stubbornUntil(never).info();
                });
                registry.add(stubborn, Map.of(ProgramRegistry.PROGRAM_ID, "hangs"));
                registry.remove(stubborn);
            }
            Program other = otherBundlesProgram(new ProgramInfo("other", "Other", "1", "", "", 2, 8));
            registry.add(other, Map.of());
            assertEquals(List.of("other"), registry.infos().stream().map(ProgramInfo::id).toList(),
                    "another bundle's program is read and listed");
            long threads = programInfoThreads() - threadsBefore;
            assertTrue(called.get() <= BundleLanes.WIDTH, "a few calls into the hanging bundle at a time, and those"
                    + " never return: " + called.get());
            assertTrue(threads <= BundleLanes.WIDTH + 1, "threads reading programs: " + threads);
        } finally {
            never.countDown();
            registry.close();
        }
    }

    private static long programInfoThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("bootctl-program-info") && t.isAlive()).count();
    }

    /** A program whose class another class loader defined, as another bundle's would be. */
    private static Program otherBundlesProgram(ProgramInfo info) {
        ClassLoader otherBundle = new ClassLoader(ProgramInfoHangTest.class.getClassLoader()) {
        };
        return (Program) java.lang.reflect.Proxy.newProxyInstance(otherBundle, new Class<?>[] {Program.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "info" -> info;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "other";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static boolean waitFor(CompletableFuture<?> future, long seconds) throws Exception {
        try {
            future.get(seconds, TimeUnit.SECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        }
    }

    /** A program whose info() waits for {@code never} (a hung plugin), saying on which thread in {@code reading}. */
    private static Program hanging(CountDownLatch never, java.util.concurrent.atomic.AtomicReference<Thread> reading) {
        return Programs.describedBy(() -> {
            reading.set(Thread.currentThread());
            return Programs.answeringWhen(never, "hangs").info();
        });
    }
}
