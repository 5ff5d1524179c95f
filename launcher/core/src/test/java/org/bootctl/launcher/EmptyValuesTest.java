package org.bootctl.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An empty file name, program or device id is refused at once (exit 2, one line saying what to
 * give), before any framework starts or any broker is asked: no waiting, no 404 from afar.
 * The distribution here has no features and no bundles, so anything that got further would fail
 * otherwise (or, for the broker, after trying to reach it).
 */
class EmptyValuesTest {

    /** Well below what starting a framework, waiting for a program or reaching a broker takes. */
    static final Duration AT_ONCE = Duration.ofSeconds(2);

    @TempDir
    Path folder;

    @Test
    void validateRefusesAnEmptyFileName() {
        assertRefused(List.of("validate", ""), "bootctl: validate: an empty file name: give program .json files,"
                + " e.g. bootctl validate my-program.json");
        assertRefused(List.of("validate", "a.json", " "), "bootctl: validate: an empty file name: give program .json"
                + " files, e.g. bootctl validate my-program.json");
    }

    @Test
    void sessionRefusesAnEmptyProgram() {
        String expected = "bootctl: session: the program is empty: give a program id (e.g. sequential) or a program"
                + " .json file";
        assertRefused(List.of("--data", folder.resolve("data").toString(), "session", "--program="), expected);
        assertRefused(List.of("--data", folder.resolve("data").toString(), "session", "--program", " "), expected);
    }

    @Test
    void fleetEstopRefusesAnEmptyDeviceId() {
        assertRefused(List.of("fleet", "estop", "--broker", "mqtt://127.0.0.1:9", "--site", "s1", "--device", ""),
                "bootctl: fleet estop: --device needs a device id, not an empty value; leave it out to stop every"
                        + " device of the site (or of --unit U)");
    }

    private void assertRefused(List<String> args, String line) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long start = System.nanoTime();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, Distribution.of(folder));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        String said = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, code, args + ": " + said);
        assertEquals(line, said.strip(), args.toString());
        assertEquals("", out.toString(StandardCharsets.UTF_8), args.toString());
        assertTrue(took.compareTo(AT_ONCE) < 0, args + " took " + took);
    }
}
