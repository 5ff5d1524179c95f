package org.bootctl.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.bootctl.api.program.Settings;
import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void tableAlignsColumnsAndShowsMissingValuesAsDash() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new Text.Table("ID", "STATE", "FAULT")
                .row("sim1", "RUNNING", null)
                .row("bench-unit-2", "IDLE", "over-pressure")
                .print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertEquals(List.of(
                "ID            STATE    FAULT",
                "sim1          RUNNING  -",
                "bench-unit-2  IDLE     over-pressure"), bytes.toString(StandardCharsets.UTF_8).lines().toList());
    }

    @Test
    void rowMustFitTheHeader() {
        assertThrows(IllegalArgumentException.class, () -> new Text.Table("A", "B").row("only one"));
    }

    @Test
    void durations() {
        assertEquals("0:00", Text.duration(0));
        assertEquals("0:59", Text.duration(59_999));
        assertEquals("20:00", Text.duration(1_200_000));
        assertEquals("1:04:07", Text.duration(3_847_000));
        assertEquals("0:00", Text.duration(-5));
    }

    @Test
    void numbers() {
        assertEquals("70", Text.number(70));
        assertEquals("39.9", Text.number(39.9));
        assertEquals("45.0", Text.mmHg(45));
        assertEquals("127.4", Text.mmHg(127.44));
        assertEquals("0.0", Text.mmHg(-0.04), "a vented zone reads 0.0, never -0.0");
        assertEquals("-0.4", Text.mmHg(-0.4));
    }

    /** A sensor that reads no number shows so; NaN read as 0.0 (a vented zone), infinity as 922337203685477580.8. */
    @Test
    void aReadingThatIsNoNumberSaysSo() {
        assertEquals("NaN", Text.mmHg(Double.NaN));
        assertEquals("Infinity", Text.mmHg(Double.POSITIVE_INFINITY));
        assertEquals("-Infinity", Text.mmHg(Double.NEGATIVE_INFINITY));
        assertEquals("NaN", Text.number(Double.NaN));
    }

    @Test
    void cycleAndStepForPeople() {
        assertEquals("-", Text.cycle(0));
        assertEquals("3", Text.cycle(3));
        assertEquals("-", Text.step(-1));
        assertEquals("1", Text.step(0));
    }

    @Test
    void settingsInWords() {
        assertEquals("level 7 (110 mmHg), until stopped, boost 2,5, ramp-in, fit check",
                Text.settings(new Settings(7, 0, 0, Set.of(5, 2), true, true)));
        assertEquals("62.5 mmHg, 7.5 min, no ramp-in, no fit check",
                Text.settings(new Settings(0, 62.5, 7.5, Set.of(), false, false)));
    }

    @Test
    void times() {
        assertEquals("2025-03-01 09:30:05", Text.time(Instant.parse("2025-03-01T09:30:05Z"), ZoneOffset.UTC));
        assertEquals("-", Text.time(null, ZoneOffset.UTC));
    }
}
