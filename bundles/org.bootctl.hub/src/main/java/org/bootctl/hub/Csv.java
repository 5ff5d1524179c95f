package org.bootctl.hub;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.List;

/** Session records as CSV (RFC 4180), one row each, for a spreadsheet. */
final class Csv {

    static final String[] COLUMNS = {"site", "unit", "id", "deviceId", "model", "serial", "programId", "programVersion",
        "start", "end", "state", "endReason", "cycles", "client"};

    private Csv() {
    }

    static String sessions(List<JsonObject> rows) {
        StringBuilder out = new StringBuilder(header());
        rows.forEach(row -> out.append(row(row)));
        return out.toString();
    }

    /** The header line, CRLF-ended. */
    static String header() {
        return String.join(",", COLUMNS) + "\r\n";
    }

    /** One record's line, CRLF-ended. */
    static String row(JsonObject row) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < COLUMNS.length; i++) {
            String v;
            if (COLUMNS[i].equals("client")) {
                String client = Store.client(row); // a unit writes it in the record's settings
                v = client == null ? "" : client;
            } else {
                JsonElement e = row.get(COLUMNS[i]);
                v = e == null || e.isJsonNull() ? "" : e.isJsonPrimitive() ? e.getAsString() : e.toString();
            }
            out.append(i == 0 ? "" : ",").append(cell(v));
        }
        return out.append("\r\n").toString();
    }

    /**
     * Quoted when it holds a {@code "}, {@code ,}, CR or LF (a character test: a regex '.' would stop
     * at a line break); a leading = + - @, tab or CR is made plain text, so a spreadsheet never runs
     * it as a formula (a plain number such as -3 stays a number).
     */
    static String cell(String v) {
        boolean formula = !v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 && !v.matches("-?\\d+(\\.\\d+)?");
        String s = formula ? "'" + v : v;
        boolean quote = s.chars().anyMatch(c -> c == '"' || c == ',' || c == '\r' || c == '\n');
        return quote ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
