package org.bootctl.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Program rollout keeps only ids in memory: what a topic holds is on disk, and a program over the
 * program library's own size bound is refused (reported, never written, not even held by the inbox).
 */
class FleetProgramsTest {

    @TempDir
    Path data;

    private final List<String> events = new ArrayList<>();

    private FleetPrograms programs() {
        return new FleetPrograms(data.resolve("fleet/programs"), json -> List.of(),
                (type, what) -> events.add(type + " " + what));
    }

    private static byte[] program(String id, int padTo) {
        String json = "{\"id\":\"" + id + "\",\"name\":\"" + id + "\"}";
        return (json + " ".repeat(Math.max(0, padTo - json.length()))).getBytes(StandardCharsets.UTF_8);
    }

    private Path file(String id) {
        return data.resolve("fleet/programs/" + id + ".json");
    }

    @Test
    void aProgramOverTheProgramFileBoundIsRefusedAndNotKept() throws Exception {
        FleetPrograms programs = programs();
        programs.received(true, "calm", program("calm", 100));
        assertTrue(Files.exists(file("calm")));

        FleetPrograms.Message big = FleetPrograms.Message.of(program("calm", FleetPrograms.MAX_BYTES + 1));
        assertNull(big.bytes(), "the inbox holds no bytes of a program too large to take");
        programs.received(true, "calm", big);

        assertFalse(Files.exists(file("calm")), "an oversized program is never written (and the older one is withdrawn)");
        try (Stream<Path> kept = Files.walk(data)) {
            assertTrue(kept.filter(Files::isRegularFile).allMatch(f -> {
                try {
                    return Files.size(f) <= FleetPrograms.MAX_BYTES;
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }), "nothing over the bound on disk");
        }
        String refusal = events.get(events.size() - 1);
        assertTrue(refusal.startsWith("program-invalid") && refusal.contains("calm") && refusal.contains("at most 256 KiB"), refusal);

        programs.received(true, "calm", program("calm", FleetPrograms.MAX_BYTES));
        assertEquals(FleetPrograms.MAX_BYTES, Files.size(file("calm")), "a program of exactly the bound is taken");
    }

    @Test
    void aRefusedSiteProgramStillHidesTheAllProgramOfItsId() throws Exception {
        FleetPrograms programs = programs();
        programs.received(false, "calm", program("calm", 10));
        programs.received(true, "calm", FleetPrograms.Message.of(program("calm", FleetPrograms.MAX_BYTES + 1)));
        assertFalse(Files.exists(file("calm")), "the site's (refused) program wins, as an invalid one would");
    }

    @Test
    void anAllProgramHiddenByASiteProgramComesBackFromDiskWhenTheSitesGoes() throws Exception {
        FleetPrograms programs = programs();
        byte[] everywhere = program("calm", 50);
        byte[] here = program("calm", 80);
        programs.received(false, "calm", everywhere);
        programs.received(true, "calm", here);
        assertEquals(new String(here, StandardCharsets.UTF_8), Files.readString(file("calm")));

        programs.received(true, "calm", new byte[0]);
        assertEquals(new String(everywhere, StandardCharsets.UTF_8), Files.readString(file("calm")));

        programs.received(false, "calm", new byte[0]);
        assertFalse(Files.exists(file("calm")));
        try (Stream<Path> kept = Files.walk(data.resolve("fleet/received"))) {
            assertEquals(0, kept.filter(Files::isRegularFile).count(), "a removed program is not kept");
        }
    }

    @Test
    void aResyncForgetsWhatTheBrokerNoLongerHoldsAlsoWhatAnEarlierRunKept() throws Exception {
        FleetPrograms before = programs();
        before.received(true, "old", program("old", 10));
        before.received(true, "calm", program("calm", 40));

        FleetPrograms after = programs(); // a restart: memory is empty, the disk is not
        after.beginResync();
        after.received(true, "calm", program("calm", 60));
        after.endResync();

        assertFalse(Files.exists(file("old")));
        assertFalse(Files.exists(data.resolve("fleet/received/site/old.json")), "what the broker no longer holds is not kept");
        assertEquals(60, Files.size(file("calm")), "the newer program");
    }
}
