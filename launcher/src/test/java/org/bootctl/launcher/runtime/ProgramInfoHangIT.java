package org.bootctl.launcher.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.bootctl.api.program.Program;
import org.bootctl.api.program.ProgramEntry;
import org.bootctl.api.program.ProgramInfo;
import org.bootctl.api.program.ProgramLibrary;
import org.bootctl.api.program.Settings;
import org.bootctl.api.session.SessionException;
import org.bootctl.api.session.SessionService;
import org.bootctl.launcher.cli.CommandException;
import org.bootctl.launcher.commands.ProgramLibraries;
import org.bootctl.launcher.testing.Runtimes;
import org.bootctl.testing.Programs;
import org.bootctl.testing.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.ServiceRegistration;

/**
 * A program service whose info() never returns, in a real Felix running the simulator feature:
 * registering it returns at once (the engine, the program library and the event stream read
 * info() on threads of their own), the list of programs answers without it, it is listed by the
 * library as not answering, commands that look programs up by id (plot) pass it over, and it cannot be started (docs/PROGRAM-BUNDLES.md, "Bounds").
 */
@Tag("realtime")
class ProgramInfoHangIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path data;
    private OsgiRuntime runtime;

    @AfterEach
    void close() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void aProgramWhoseInfoHangsHoldsNoThreadOfTheCallersAndCannotBeStarted() throws Exception {
        runtime = Runtimes.simulator(data, Map.of());
        SessionService sessions = runtime.awaitService(SessionService.class, null, DEADLINE).orElseThrow();
        ProgramLibrary library = runtime.awaitService(ProgramLibrary.class, null, DEADLINE).orElseThrow();
        Waits.until("sim-1 listed", DEADLINE, () -> sessions.devices().stream().anyMatch(d -> d.id().equals("sim-1")));

        CountDownLatch never = new CountDownLatch(1);
        Program hangs = Programs.answeringWhen(never, "hangs");
        Hashtable<String, Object> properties = new Hashtable<>(Map.of("bootctl.program.id", "hangs"));
        try {
            CompletableFuture<ServiceRegistration<Program>> registering = CompletableFuture.supplyAsync(
                    () -> runtime.context().registerService(Program.class, hangs, properties));
            ServiceRegistration<Program> registration = registering.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);

            CompletableFuture<Set<String>> listed = CompletableFuture.supplyAsync(
                    () -> sessions.programs().stream().map(ProgramInfo::id).collect(Collectors.toSet()));
            Set<String> ids = listed.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            assertTrue(ids.contains("sequential"), "the other programs are listed: " + ids);
            assertFalse(ids.contains("hangs"), "a program that does not describe itself is not listed: " + ids);

            ProgramEntry entry = Waits.until("the library lists it as not answering", DEADLINE,
                    () -> library.entries().stream().filter(e -> e.id().equals("hangs")).findFirst().orElse(null),
                    e -> e != null && !e.valid() && e.errors().get(0).message().contains("did not answer within"));
            assertEquals("bundle", entry.source());

            // plot finds a program by asking every program what it is: the hanging one is passed over, and
            // asked for by its id, it is named as the library lists it
            CompletableFuture<Program> found = CompletableFuture.supplyAsync(() -> {
                try {
                    return ProgramLibraries.find(runtime, library, "sequential", "plot");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertEquals("sequential", found.get(DEADLINE.toSeconds(), TimeUnit.SECONDS).info().id());
            CompletableFuture<CommandException> unknown = CompletableFuture.supplyAsync(() ->
                    assertThrows(CommandException.class, () -> ProgramLibraries.find(runtime, library, "hangs", "plot")));
            assertTrue(unknown.get(DEADLINE.toSeconds(), TimeUnit.SECONDS).getMessage()
                    .contains("program 'hangs' (org.apache.felix.framework) is not valid: $: the program's info() did not"
                            + " answer within"), unknown.join().getMessage());
            CompletableFuture<CommandException> described = CompletableFuture.supplyAsync(() ->
                    assertThrows(CommandException.class, () -> ProgramLibraries.describe(hangs, "plot")));
            assertTrue(described.get(DEADLINE.toSeconds(), TimeUnit.SECONDS).getMessage()
                    .contains("did not say what it is (info()) within"), described.join().getMessage());

            SessionException refused = assertThrows(SessionException.class,
                    () -> sessions.start("sim-1", "hangs", Settings.level(2, 1).withFitCheck(false)));
            assertEquals(SessionException.Reason.NOT_FOUND, refused.reason(), refused.getMessage());
            registration.unregister();
        } finally {
            never.countDown();
        }
    }
}
