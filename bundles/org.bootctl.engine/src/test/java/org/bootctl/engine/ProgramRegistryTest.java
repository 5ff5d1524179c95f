package org.bootctl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.bootctl.api.program.Program;
import org.bootctl.api.program.ProgramInfo;
import org.bootctl.testing.Programs;
import org.junit.jupiter.api.Test;

/** The registry reads each program's info once, off the caller's thread, and leaves out the ones that do not say it. */
class ProgramRegistryTest {

    @Test
    void aProgramThatHangsOrFailsIsLeftOutAndCannotBeChosenWhileTheOthersAre() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger asked = new AtomicInteger();
        Program good = Programs.describedBy(() -> {
            asked.incrementAndGet();
            return Programs.info("good");
        });
        ProgramRegistry registry = new ProgramRegistry();
        try {
            registry.add(Programs.describedBy(() -> {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Programs.info("hangs");
            }), Map.of(ProgramRegistry.PROGRAM_ID, "hangs"));
            registry.add(Programs.describedBy(() -> {
                throw new IllegalStateException("broken");
            }), Map.of(ProgramRegistry.PROGRAM_ID, "fails"));
            registry.add(Programs.describedBy(() -> null), Map.of(ProgramRegistry.PROGRAM_ID, "says-nothing"));
            registry.add(good, Map.of()); // its id from its own info

            assertEquals(List.of("good"), registry.infos().stream().map(ProgramInfo::id).toList());
            assertTrue(registry.find("hangs").isEmpty(), "a program that does not describe itself cannot be started");
            assertTrue(registry.find("fails").isEmpty());
            assertSame(good, registry.find("good").orElseThrow());
            registry.infos();
            assertEquals(1, asked.get(), "info() is read once and kept");
        } finally {
            never.countDown();
        }
    }

    @Test
    void theHigherRankingThenTheOlderServiceWinsAnIdAndRemovalGivesItBack() {
        Program older = Programs.describedBy(() -> Programs.info("x"));
        Program newer = Programs.describedBy(() -> Programs.info("x"));
        Program ranked = Programs.describedBy(() -> Programs.info("x"));
        ProgramRegistry registry = new ProgramRegistry();
        registry.add(newer, Map.of("service.id", 9L));
        registry.add(older, Map.of("service.id", 3L));
        assertSame(older, registry.find("x").orElseThrow());
        registry.add(ranked, Map.of("service.id", 12L, "service.ranking", 5));
        assertSame(ranked, registry.find("x").orElseThrow());
        assertEquals(1, registry.infos().size());
        registry.remove(ranked);
        assertSame(older, registry.find("x").orElseThrow());
    }

    @Test
    void theProgramLibrarysProgramKeepsItsIdAgainstAnyOtherBundlesWhateverTheirRankingOrAge() {
        Program builtIn = Programs.describedBy(() -> Programs.info("sequential"));
        Program olderBundle = Programs.describedBy(() -> Programs.info("sequential"));
        Program rankedBundle = Programs.describedBy(() -> Programs.info("sequential"));
        ProgramRegistry registry = new ProgramRegistry(program -> program == builtIn);
        registry.add(olderBundle, Map.of("service.id", 3L));
        registry.add(rankedBundle, Map.of("service.id", 4L, "service.ranking", 100));
        registry.add(builtIn, Map.of("service.id", 20L)); // the library restarted: its services are the newest
        assertSame(builtIn, registry.find("sequential").orElseThrow(), "a deployed bundle never takes a built-in's id");
        registry.remove(builtIn);
        assertSame(rankedBundle, registry.find("sequential").orElseThrow(), "among other bundles, the ranking");
    }
}
