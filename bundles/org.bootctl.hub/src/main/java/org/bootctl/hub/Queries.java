package org.bootctl.hub;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** What the REST API reads (docs/HUB.md has the shapes). Each call its own connection. */
final class Queries {

    /** The filters of {@code GET /api/fleet/sessions}, already checked. */
    record SessionFilter(String site, String unit, String device, String program, String reason, LocalDateTime from,
                         LocalDateTime to, String client, int limit) {
    }

    private final Database db;

    Queries(Database db) {
        this.db = db;
    }

    JsonArray units() throws SQLException {
        return units(null, null);
    }

    Optional<JsonObject> unit(String site, String unit) throws SQLException {
        JsonArray a = units(site, unit);
        return a.isEmpty() ? Optional.empty() : Optional.of(a.get(0).getAsJsonObject());
    }

    private JsonArray units(String site, String unit) throws SQLException {
        String where = site == null ? "" : " WHERE site = ? AND unit = ?";
        Map<String, JsonObject> units = new LinkedHashMap<>();
        try (Connection c = db.connect()) {
            try (PreparedStatement p = c.prepareStatement("SELECT site, unit, state, since, version, last_seen FROM units"
                    + where + " ORDER BY site, unit")) {
                bindKey(p, site, unit);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        JsonObject u = new JsonObject();
                        u.addProperty("site", r.getString(1));
                        u.addProperty("unit", r.getString(2));
                        u.addProperty("state", r.getString(3));
                        u.addProperty("since", iso(r.getObject(4, LocalDateTime.class)));
                        u.addProperty("version", r.getString(5));
                        u.addProperty("lastSeen", iso(r.getObject(6, LocalDateTime.class)));
                        u.add("devices", new JsonArray());
                        units.put(r.getString(1) + "/" + r.getString(2), u);
                    }
                }
            }
            try (PreparedStatement p = c.prepareStatement("SELECT site, unit, device, model, firmware, state, program, session,"
                    + " remaining_ms, last_fault FROM devices" + where + " ORDER BY site, unit, device")) {
                bindKey(p, site, unit);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        JsonObject u = units.get(r.getString(1) + "/" + r.getString(2));
                        if (u == null) {
                            continue; // a device before its unit's status: shown once the status is in
                        }
                        JsonObject d = new JsonObject();
                        d.addProperty("device", r.getString(3));
                        d.addProperty("model", r.getString(4));
                        d.addProperty("firmware", r.getString(5));
                        d.addProperty("state", r.getString(6));
                        d.addProperty("program", r.getString(7));
                        d.addProperty("session", r.getString(8));
                        long remaining = r.getLong(9);
                        d.add("remainingS", r.wasNull() || remaining <= 0 ? JsonNull.INSTANCE
                                : new com.google.gson.JsonPrimitive((remaining + 999) / 1000));
                        String fault = r.getString(10);
                        d.add("lastFault", fault == null ? JsonNull.INSTANCE : JsonParser.parseString(fault));
                        u.getAsJsonArray("devices").add(d);
                    }
                }
            }
        }
        JsonArray out = new JsonArray();
        units.values().forEach(out::add);
        return out;
    }

    private static void bindKey(PreparedStatement p, String site, String unit) throws SQLException {
        if (site != null) {
            p.setString(1, site);
            p.setString(2, unit);
        }
    }

    /** Records as published plus site and unit, newest first. */
    List<JsonObject> sessions(SessionFilter f) throws SQLException {
        return sessionRows(f).stream().map(Row::record).toList();
    }

    /** The most characters of stored records one answer reads: 1,000 records of 1 MB each would be 2 GB in memory. */
    static final long ANSWER_CHARS = 32L << 20;

    /** A stored record as the database keeps it: parsed one at a time as it is written out ({@link #record}). */
    record Row(String site, String unit, String payload) {

        /** The record as published plus its site and unit. */
        JsonObject record() {
            JsonObject record = JsonParser.parseString(payload).getAsJsonObject();
            record.addProperty("site", site);
            record.addProperty("unit", unit);
            return record;
        }
    }

    /**
     * The records of {@link #sessions} as stored, newest first, up to the filter's limit and about
     * {@link #ANSWER_CHARS} characters (the rest: page on with {@code to=} the last one's end).
     */
    List<Row> sessionRows(SessionFilter f) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT site, unit, payload FROM sessions WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        where(sql, args, "site", f.site());
        where(sql, args, "unit", f.unit());
        where(sql, args, "device", f.device());
        where(sql, args, "program", f.program());
        where(sql, args, "client", f.client());
        if (f.reason() != null) {
            sql.append(" AND (end_reason = ? OR end_state = ?)");
            args.add(f.reason());
            args.add(f.reason().toUpperCase(java.util.Locale.ROOT));
        }
        if (f.from() != null) {
            sql.append(" AND ended >= ?");
            args.add(f.from());
        }
        if (f.to() != null) {
            sql.append(" AND ended < ?");
            args.add(f.to());
        }
        // LIMIT, not setMaxRows: the planner knows of it, so it may walk sessions_newest backwards and stop
        // (with setMaxRows, PostgreSQL plans for every row: 110 to 220 ms right after a bulk load in the bench)
        sql.append(" ORDER BY ended DESC, id DESC LIMIT ?");
        args.add(f.limit());
        List<Row> out = new ArrayList<>();
        long chars = 0;
        try (Connection c = db.connect(); PreparedStatement p = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                p.setObject(i + 1, args.get(i));
            }
            p.setFetchSize(100); // PostgreSQL: rows as they are read, not all at once (needs a transaction; ignored without)
            try (ResultSet r = p.executeQuery()) {
                while (out.size() < f.limit() && chars < ANSWER_CHARS && r.next()) {
                    Row row = new Row(r.getString(1), r.getString(2), r.getString(3));
                    chars += row.payload().length();
                    out.add(row);
                }
            }
        }
        return out;
    }

    private static void where(StringBuilder sql, List<Object> args, String column, String value) {
        if (value != null) {
            sql.append(" AND ").append(column).append(" = ?");
            args.add(value);
        }
    }

    /**
     * Sessions and treatment minutes per day (by end date, UTC), every day present. Read from
     * session_days (a row per unit and day, kept as records arrive) into an array per unit and site;
     * written out as it goes ({@link Utilisation#write}): 1,000 units make 1.6 MB of JSON.
     */
    Utilisation utilisation(String site, int days) throws SQLException {
        LocalDate to = LocalDate.now(ZoneOffset.UTC);
        LocalDate from = to.minusDays(days - 1L);
        Map<String, long[][]> perUnit = new TreeMap<>(); // "site/unit" -> [day][sessions, seconds]
        Map<String, long[][]> perSite = new TreeMap<>();
        String sql = "SELECT site, unit, ended_on, sessions, duration_s FROM session_days WHERE ended_on >= ?"
                + (site == null ? "" : " AND site = ?");
        try (Connection c = db.connect()) {
            // every known unit appears, sessions or not
            try (PreparedStatement p = c.prepareStatement("SELECT site, unit FROM units" + (site == null ? "" : " WHERE site = ?"))) {
                if (site != null) {
                    p.setString(1, site);
                }
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        perUnit.computeIfAbsent(r.getString(1) + "/" + r.getString(2), k -> new long[days][2]);
                        perSite.computeIfAbsent(r.getString(1), k -> new long[days][2]);
                    }
                }
            }
            try (PreparedStatement p = c.prepareStatement(sql)) {
                p.setObject(1, from);
                if (site != null) {
                    p.setString(2, site);
                }
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        int day = (int) java.time.temporal.ChronoUnit.DAYS.between(from, r.getObject(3, LocalDate.class));
                        if (day < 0 || day >= days) {
                            continue; // a record that ends in the future
                        }
                        long n = r.getLong(4);
                        long seconds = r.getLong(5);
                        long[] u = perUnit.computeIfAbsent(r.getString(1) + "/" + r.getString(2), k -> new long[days][2])[day];
                        u[0] += n;
                        u[1] += seconds;
                        long[] s = perSite.computeIfAbsent(r.getString(1), k -> new long[days][2])[day];
                        s[0] += n;
                        s[1] += seconds;
                    }
                }
            }
        }
        return new Utilisation(from, to, perSite, perUnit);
    }

    /** Sessions and seconds per site and per "site/unit", an array entry per day from {@code from}. */
    record Utilisation(LocalDate from, LocalDate to, Map<String, long[][]> perSite, Map<String, long[][]> perUnit) {

        /**
         * The JSON answer, streamed: a tree of 30,000 day objects, then its text, then its bytes cost
         * the slowest answers (docs/HUB.md "Speed").
         */
        void write(JsonWriter out) throws IOException {
            int days = (int) java.time.temporal.ChronoUnit.DAYS.between(from, to) + 1;
            String[] dates = new String[days];
            for (int i = 0; i < days; i++) {
                dates[i] = from.plusDays(i).toString();
            }
            out.beginObject();
            out.name("from").value(from.toString());
            out.name("to").value(to.toString());
            out.name("sites").beginArray();
            for (Map.Entry<String, long[][]> e : perSite.entrySet()) {
                out.beginObject();
                out.name("site").value(e.getKey());
                days(out, e.getValue(), dates);
                out.endObject();
            }
            out.endArray();
            out.name("units").beginArray();
            for (Map.Entry<String, long[][]> e : perUnit.entrySet()) {
                String key = e.getKey();
                out.beginObject();
                out.name("site").value(key.substring(0, key.indexOf('/')));
                out.name("unit").value(key.substring(key.indexOf('/') + 1));
                days(out, e.getValue(), dates);
                out.endObject();
            }
            out.endArray();
            out.endObject();
        }

        private static void days(JsonWriter out, long[][] m, String[] dates) throws IOException {
            out.name("days").beginArray();
            for (int i = 0; i < dates.length; i++) {
                out.beginObject();
                out.name("date").value(dates[i]);
                out.name("sessions").value(m[i][0]);
                out.name("minutes").value(Math.round(m[i][1] / 6.0) / 10.0);
                out.endObject();
            }
            out.endArray();
        }

        /** The JSON text (tests). */
        @Override
        public String toString() {
            java.io.StringWriter text = new java.io.StringWriter();
            try {
                write(new JsonWriter(text));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return text.toString();
        }
    }

    /** Faults per 100 sessions by model or by firmware (a record whose end state is FAULT is a fault), from session_totals. */
    JsonArray faults(boolean byFirmware) throws SQLException {
        String column = byFirmware ? "firmware" : "model"; // one of two fixed words, never the request's text
        JsonArray out = new JsonArray();
        try (Connection c = db.connect(); PreparedStatement p = c.prepareStatement("SELECT " + column + ", SUM(sessions),"
                + " SUM(faults) FROM session_totals GROUP BY " + column + " ORDER BY " + column);
             ResultSet r = p.executeQuery()) {
            while (r.next()) {
                long sessions = r.getLong(2);
                long faults = r.getLong(3);
                JsonObject o = new JsonObject();
                o.addProperty("key", r.getString(1) == null || r.getString(1).isEmpty() ? "unknown" : r.getString(1));
                o.addProperty("sessions", sessions);
                o.addProperty("faults", faults);
                o.addProperty("per100", sessions == 0 ? 0 : Math.round(faults * 1000.0 / sessions) / 10.0);
                out.add(o);
            }
        }
        return out;
    }

    /** A client's sessions (at most 1000, newest first) and minutes per ISO week. */
    JsonObject client(String client) throws SQLException {
        List<JsonObject> records = sessions(new SessionFilter(null, null, null, null, null, null, null, client, 1000));
        Map<String, long[]> weeks = new TreeMap<>();
        try (Connection c = db.connect(); PreparedStatement p = c.prepareStatement(
                "SELECT ended, duration_s FROM sessions WHERE client = ?")) {
            p.setString(1, client);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    LocalDateTime ended = r.getObject(1, LocalDateTime.class);
                    String week = String.format("%d-W%02d", ended.get(IsoFields.WEEK_BASED_YEAR), ended.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
                    long[] v = weeks.computeIfAbsent(week, w -> new long[2]);
                    v[0]++;
                    v[1] += r.getLong(2);
                }
            }
        }
        JsonObject out = new JsonObject();
        out.addProperty("client", client);
        JsonArray w = new JsonArray();
        weeks.forEach((week, v) -> {
            JsonObject o = new JsonObject();
            o.addProperty("week", week);
            o.addProperty("sessions", v[0]);
            o.addProperty("minutes", Math.round(v[1] / 6.0) / 10.0);
            w.add(o);
        });
        out.add("weeks", w);
        JsonArray s = new JsonArray();
        records.forEach(s::add);
        out.add("sessions", s);
        return out;
    }

    static String iso(LocalDateTime t) {
        return t == null ? null : t.toInstant(ZoneOffset.UTC).toString();
    }

    static JsonElement json(String s) {
        return s == null ? JsonNull.INSTANCE : JsonParser.parseString(s);
    }
}
