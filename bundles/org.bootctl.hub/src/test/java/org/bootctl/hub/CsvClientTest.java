package org.bootctl.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

/** The CSV export's {@code client} column holds the session's client reference, where a unit writes it. */
class CsvClientTest {

    @Test
    void theClientColumnIsTakenFromTheRecordsSettings() {
        JsonObject row = JsonParser.parseString("{\"site\":\"s1\",\"unit\":\"u1\",\"id\":\"r1\",\"deviceId\":\"sim-1\","
                + "\"settings\":{\"level\":2,\"client\":\"C-0042\"},\"state\":\"COMPLETED\",\"cycles\":1}").getAsJsonObject();
        String line = Csv.row(row);
        String[] cells = line.substring(0, line.length() - 2).split(",", -1);
        assertEquals(Csv.COLUMNS.length, cells.length, line);
        assertEquals("C-0042", cells[java.util.Arrays.asList(Csv.COLUMNS).indexOf("client")], line);
    }

    @Test
    void aRecordWithoutClientLeavesTheCellEmpty() {
        JsonObject row = JsonParser.parseString("{\"site\":\"s1\",\"unit\":\"u1\",\"id\":\"r1\",\"settings\":{\"level\":2}}")
                .getAsJsonObject();
        String line = Csv.row(row);
        assertEquals("", line.substring(0, line.length() - 2).split(",", -1)[Csv.COLUMNS.length - 1], line);
    }
}
