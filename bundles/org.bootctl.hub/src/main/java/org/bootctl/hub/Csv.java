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
        StringBuilder out = new StringBuilder(String.join(",", COLUMNS)).append("\r\n");
        for (JsonObject row : rows) {
            for (int i = 0; i < COLUMNS.length; i++) {
                JsonElement e = row.get(COLUMNS[i]);
                out.append(i == 0 ? "" : ",").append(cell(e == null || e.isJsonNull() ? "" : e.isJsonPrimitive() ? e.getAsString() : e.toString()));
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    /** Quoted when needed; a leading = + - @ is made plain text, so a spreadsheet never runs it as a formula. */
    static String cell(String v) {
        String s = !v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 && !v.matches("-?\\d+(\\.\\d+)?") ? "'" + v : v;
        return s.matches(".*[\",\r\n].*") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
