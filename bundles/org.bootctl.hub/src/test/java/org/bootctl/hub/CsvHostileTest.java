package org.bootctl.hub;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * repro (rev-fleet): Csv.cell decides on quoting with {@code s.matches(".*[\",\r\n].*")}, but '.' does
 * not match a line terminator, so a value with two carriage returns (and no '\n') is written
 * unquoted: a unit's endReason "x\r\r,=HYPERLINK(...)" becomes new rows and a cell that starts with
 * '=' in the CSV a studio opens in a spreadsheet, past the formula guard.
 */
class CsvHostileTest {

    @Test
    void aCellWithCarriageReturnsIsQuoted() {
        String cell = Csv.cell("x\r\r,=HYPERLINK(\"http://evil\",\"click\")");
        assertTrue(cell.startsWith("\""), "quoted, so its ',' and line breaks stay inside one cell: " + cell.replace("\r", "\\r"));
    }
}
