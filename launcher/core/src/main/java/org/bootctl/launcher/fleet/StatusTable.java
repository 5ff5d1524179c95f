package org.bootctl.launcher.fleet;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@code bootctl fleet status} as a table: a row per device (a unit without devices gets one row).
 * Every field is read with {@link UnitFields}: one unit's odd message shows as "?", cleaned, and
 * never stops the others from being listed.
 */
final class StatusTable {

    private static final String[] HEAD = {"SITE", "UNIT", "LINK", "SINCE", "DEVICE", "STATE", "PROGRAM", "LEFT", "LAST FAULT"};

    private StatusTable() {
    }

    static String render(List<FleetSnapshot.Unit> units) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEAD);
        for (FleetSnapshot.Unit unit : units) {
            JsonObject status = unit.status();
            String site = UnitFields.name(unit.site());
            String name = UnitFields.name(unit.unit());
            String link = status == null ? "unknown" : UnitFields.text(status.get("state"));
            String since = status == null ? "-" : FleetCommand.since(status.get("since"));
            if (unit.devices().isEmpty()) {
                rows.add(new String[] {site, name, link, since, "-", "-", "-", "-", "-"});
            }
            for (JsonObject d : unit.devices().values()) {
                rows.add(new String[] {site, name, link, since, UnitFields.text(d.get("id")), UnitFields.text(d.get("state")),
                        UnitFields.text(d.get("program")), left(d.get("remainingMs")), fault(d.get("fault"))});
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

    /** A device's {@code fault}: an object with a {@code message}, or null when there is none. */
    private static String fault(JsonElement fault) {
        if (fault == null || fault.isJsonNull()) {
            return "-";
        }
        JsonObject o = UnitFields.object(fault);
        return o == null ? UnitFields.UNKNOWN : UnitFields.text(o.get("message"));
    }

    private static String left(JsonElement ms) {
        if (ms == null || ms.isJsonNull()) {
            return "-";
        }
        OptionalLong value = UnitFields.number(ms);
        if (value.isEmpty()) {
            return UnitFields.UNKNOWN;
        }
        if (value.getAsLong() <= 0) {
            return "-";
        }
        long s = value.getAsLong() / 1000;
        return s / 60 + ":" + String.format("%02d", s % 60);
    }
}
