package org.bootctl.launcher.fleet;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** {@code bootctl fleet status} as a table: a row per device (a unit without devices gets one row). */
final class StatusTable {

    private static final String[] HEAD = {"SITE", "UNIT", "LINK", "SINCE", "DEVICE", "STATE", "PROGRAM", "LEFT", "LAST FAULT"};

    private StatusTable() {
    }

    static String render(List<FleetSnapshot.Unit> units) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEAD);
        for (FleetSnapshot.Unit unit : units) {
            JsonObject status = unit.status();
            String link = status == null ? "unknown" : text(status.get("state"));
            String since = status == null ? "-" : FleetCommand.since(status.get("since"));
            if (unit.devices().isEmpty()) {
                rows.add(new String[] {unit.site(), unit.unit(), link, since, "-", "-", "-", "-", "-"});
            }
            for (JsonObject d : unit.devices().values()) {
                JsonElement fault = d.get("fault");
                rows.add(new String[] {unit.site(), unit.unit(), link, since, text(d.get("id")), text(d.get("state")),
                        text(d.get("program")), left(d.get("remainingMs")),
                        fault == null || fault.isJsonNull() ? "-" : text(fault.getAsJsonObject().get("message"))});
            }
        }
        int[] widths = new int[HEAD.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                out.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            out.append('\n');
        }
        if (units.isEmpty()) {
            out.append("(no unit has published to this broker)\n");
        }
        return out.toString();
    }

    private static String text(JsonElement e) {
        return e == null || e.isJsonNull() ? "-" : e.getAsString();
    }

    private static String left(JsonElement ms) {
        if (ms == null || ms.isJsonNull() || ms.getAsLong() <= 0) {
            return "-";
        }
        long s = ms.getAsLong() / 1000;
        return s / 60 + ":" + String.format("%02d", s % 60);
    }
}
