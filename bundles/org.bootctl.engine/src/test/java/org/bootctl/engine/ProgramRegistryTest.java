package org.bootctl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.bootctl.api.program.Garment;
import org.bootctl.api.program.Plan;
import org.bootctl.api.program.Program;
import org.bootctl.api.program.ProgramInfo;
import org.bootctl.api.program.Settings;
import org.junit.jupiter.api.Test;

/** The registry reads each program's info once, off the caller's thread, and leaves out the ones that do not say it. */
class ProgramRegistryTest {

    private static Program program(Supplier<ProgramInfo> info) {
        return new Program() {
            @Override
            public ProgramInfo info() {
                return info.get();
            }

            @Override
            public Plan compile(Garment garment, Settings settings) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private static ProgramInfo info(String id) {
        return new ProgramInfo(id, id, "1", "", "", 2, 8);
    }

    @Test
    void aProgramThatHangsOrFailsIsLeftOutAndCannotBeChosenWhileTheOthersAre() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger asked = new AtomicInteger();
        Program good = program(() -> {
            asked.incrementAndGet();
            return info("good");
        });
        ProgramRegistry registry = new ProgramRegistry();
        try {
            registry.add(program(() -> {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return info("hangs");
            }), Map.of(ProgramRegistry.PROGRAM_ID, "hangs"));
            registry.add(program(() -> {
                throw new IllegalStateException("broken");
            }), Map.of(ProgramRegistry.PROGRAM_ID, "fails"));
            registry.add(program(() -> null), Map.of(ProgramRegistry.PROGRAM_ID, "says-nothing"));
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
        Program older = program(() -> info("x"));
        Program newer = program(() -> info("x"));
        Program ranked = program(() -> info("x"));
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
        Program builtIn = program(() -> info("sequential"));
        Program olderBundle = program(() -> info("sequential"));
        Program rankedBundle = program(() -> info("sequential"));
        ProgramRegistry registry = new ProgramRegistry(program -> program == builtIn);
        registry.add(olderBundle, Map.of("service.id", 3L));
        registry.add(rankedBundle, Map.of("service.id", 4L, "service.ranking", 100));
        registry.add(builtIn, Map.of("service.id", 20L)); // the library restarted: its services are the newest
        assertSame(builtIn, registry.find("sequential").orElseThrow(), "a deployed bundle never takes a built-in's id");
        registry.remove(builtIn);
        assertSame(rankedBundle, registry.find("sequential").orElseThrow(), "among other bundles, the ranking");
    }
}
