package org.bootctl.programs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.bootctl.api.program.Program;
import org.bootctl.api.program.ProgramEntry;
import org.bootctl.api.program.ProgramInfo;
import org.bootctl.testing.Programs;
import org.bootctl.testing.Waits;
import org.junit.jupiter.api.Test;

/**
 * Another bundle's program is read on a thread of the library's, within 2 s: one whose info()
 * hangs never holds the thread that registered it, and is listed with that error.
 */
class BundleProgramInfoTest {

    private static List<ProgramEntry> of(ProgramLibraryComponent library, String location) {
        return library.entries().stream().filter(e -> e.location().equals(location)).toList();
    }

    @Test
    void aProgramWhoseInfoHangsIsListedAsNotAnsweringAndNeverHoldsTheRegisteringThread() {
        ProgramLibraryComponent library = new ProgramLibraryComponent();
        CountDownLatch never = new CountDownLatch(1);
        CountDownLatch open = new CountDownLatch(0);
        Program hangs = Programs.answeringWhen(never, "hangs");
        Program fine = Programs.answeringWhen(open, "fine");
        var hangsReference = Fakes.reference(7L, "acme.hangs");
        var fineReference = Fakes.reference(8L, "acme.fine");
        try {
            // under the library's own 2 s: a binding that waited for info() would take that long
            assertTimeoutPreemptively(Duration.ofMillis(ProgramLibraryComponent.INFO_MS * 9 / 10), () -> {
                library.addProgram(hangs, hangsReference);
                library.addProgram(fine, fineReference);
            }, "binding a program waits for its info()");
            Waits.until("the fine program's info is listed", 5_000, () -> of(library, "acme.fine").stream()
                    .anyMatch(e -> e.valid() && e.id().equals("fine")));
            Waits.until("the hanging program is listed as not answering", 10_000, () -> of(library, "acme.hangs")
                    .stream().anyMatch(e -> !e.valid() && e.errors().get(0).message().contains("did not answer within")));

            library.removeProgram(Fakes.reference(7L, "acme.hangs"));
            assertEquals(List.of(), of(library, "acme.hangs"));
        } finally {
            never.countDown();
        }
    }

    @Test
    void aBundleThatRegistersAndUnregistersAProgramWhoseInfoHangsThousandsOfTimesHoldsAFewThreads() {
        ProgramLibraryComponent library = new ProgramLibraryComponent();
        CountDownLatch never = new CountDownLatch(1);
        long before = infoThreads();
        try {
            for (long i = 0; i < 2000; i++) {
                Program stubborn = Programs.stubbornUntil(never);
                library.addProgram(stubborn, Fakes.reference(100 + i, "acme.hangs"));
                library.removeProgram(Fakes.reference(100 + i, "acme.hangs"));
            }
            long threads = infoThreads() - before;
            assertTrue(threads <= ProgramLibraryComponent.INFO_READERS, "threads reading programs: " + threads);
            assertEquals(List.of(), of(library, "acme.hangs"), "the programs that went are not listed");
        } finally {
            never.countDown();
            library.stopReadingInfo();
        }
    }

    private static long infoThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("bootctl-program-info") && t.isAlive()).count();
    }

    @Test
    void stoppingTheLibraryLetsGoOfTheThreadOfAnInfoThatHangs() {
        ProgramLibraryComponent library = new ProgramLibraryComponent();
        CountDownLatch never = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicReference<Thread> reading = new java.util.concurrent.atomic.AtomicReference<>();
        try {
            library.addProgram(Programs.describedBy(() -> {
                reading.set(Thread.currentThread());
                return Programs.answeringWhen(never, "hangs").info();
            }), Fakes.reference(11L, "acme.hangs"));
            Waits.until("info() called", 10_000, () -> reading.get() != null);
            library.stopReadingInfo(); // as deactivate does
            Waits.until("the thread of the hanging info() ends once the library stops", 10_000, () -> !reading.get().isAlive());
            library.addProgram(Programs.answeringWhen(new CountDownLatch(0), "late"), Fakes.reference(12L, "acme.late"));
            assertTrue(of(library, "acme.late").stream().noneMatch(ProgramEntry::valid), "not read once the library stops");
        } finally {
            never.countDown();
        }
    }

    @Test
    void aProgramWhoseInfoGivesNoIdIsListedWithThatErrorAndTheListStillAnswers() {
        ProgramLibraryComponent library = new ProgramLibraryComponent();
        library.addProgram(Programs.describedBy(() -> new ProgramInfo(null, "No id", "1", "", "", 2, 8)),
                Fakes.reference(13L, "acme.noid"));
        Waits.until("the program without an id is listed with that error", 10_000, () -> of(library, "acme.noid").stream()
                .anyMatch(e -> !e.valid() && e.errors().get(0).message().contains("gave no id")));
        assertEquals(1, library.entries().stream().filter(e -> e.location().equals("acme.noid")).count(),
                "the list of programs answers, with it under its service's id");
    }

    @Test
    void aProgramThatLeavesBeforeItAnswersIsNotListedAfterwards() {
        ProgramLibraryComponent library = new ProgramLibraryComponent();
        CountDownLatch gate = new CountDownLatch(1);
        library.addProgram(Programs.answeringWhen(gate, "late"), Fakes.reference(9L, "acme.late"));
        assertTrue(of(library, "acme.late").stream().noneMatch(ProgramEntry::valid), "listed as not described yet");
        library.removeProgram(Fakes.reference(9L, "acme.late"));
        gate.countDown();
        assertFalse(Waits.holdsWithin("the program came back", Duration.ofMillis(500),
                () -> !of(library, "acme.late").isEmpty()), "a program gone before it answered is listed again");
    }
}
