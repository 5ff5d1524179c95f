package org.bootctl.hub;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the hub writes. The MQTT side hands it a batch of messages at a time ({@link #write}): one
 * transaction on one connection (the ingest thread is the only writer), committed before any of
 * them is acknowledged. Each session record also counts, in the same transaction, in
 * {@code session_days} (sessions and seconds per unit and day) and {@code session_totals}
 * (sessions and faults per model and firmware), so utilisation and fault rates read a few rows
 * instead of every record.
 */
final class Store implements AutoCloseable {

    /** Firmware cache entries kept at most (a fleet's devices; cleared when full). */
    static final int FIRMWARE_CACHE = 100_000;

    private final Database db;
    private Connection connection;
    /**
     * Each device's firmware as its retained message last said ("site\nunit\ndevice"; null: none known):
     * a record names the firmware it ran on without a read of devices. The writer's own, as the
     * devices it writes: every hub takes every retained device message, so every hub's cache follows.
     */
    private final Map<String, String> firmware = new HashMap<>();

    Store(Database db) {
        this.db = db;
    }

    /** What one transaction writes. */
    interface Work<T> {
        T run(Writes w) throws SQLException;
    }

    /** Runs {@code work} in one transaction and commits it; rolled back on any exception. */
    synchronized <T> T write(Work<T> work) throws SQLException {
        Connection c = connection();
        Writes w = new Writes(c);
        try {
            T result = work.run(w);
            w.finish();
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            firmware.clear(); // it may hold what was rolled back
            try {
                c.rollback();
            } catch (SQLException broken) {
                closeQuietly(); // a new connection next time
            }
            throw e;
        } finally {
            w.closeStatements();
        }
    }

    /** A unit's retained status, in a transaction of its own. */
    void status(String site, String unit, JsonObject status) throws SQLException {
        write(w -> {
            w.status(site, unit, status);
            return null;
        });
    }

    /** A device's retained message, in a transaction of its own; {@code null} when the device went. */
    void device(String site, String unit, String device, JsonObject d) throws SQLException {
        write(w -> {
            w.device(site, unit, device, d);
            return null;
        });
    }

    /** A record in a transaction of its own: false when it was there already. */
    boolean record(String site, String unit, JsonObject record) throws SQLException {
        boolean[] stored = {false};
        write(w -> {
            w.record(site, unit, record, () -> stored[0] = true);
            return null;
        });
        return stored[0];
    }

    /** An event in a transaction of its own: false when it was there already. */
    boolean event(String site, String unit, JsonObject event) throws SQLException {
        return write(w -> w.event(site, unit, event));
    }

    /** The writes of one transaction on its connection. */
    final class Writes {

        private final Connection c;
        /** Sessions and seconds per (site, unit, day): added to session_days at commit. */
        private final Map<List<Object>, long[]> days = new TreeMap<>(Writes::compareKeys);
        /** Sessions and faults per (model, firmware): added to session_totals at commit. */
        private final Map<List<Object>, long[]> totals = new TreeMap<>(Writes::compareKeys);

        /** The transaction's session records, inserted in one JDBC batch at its end: what each adds to the sums. */
        private final List<Pending> records = new ArrayList<>();

        /** Each statement prepared once per transaction (H2 keeps only 8 parsed statements per session). */
        private final Map<String, PreparedStatement> statements = new HashMap<>();

        private Writes(Connection c) {
            this.c = c;
        }

        private PreparedStatement prepare(String sql) throws SQLException {
            PreparedStatement p = statements.get(sql);
            if (p == null) {
                p = c.prepareStatement(sql);
                statements.put(sql, p);
            }
            return p;
        }

        private void closeStatements() {
            for (PreparedStatement p : statements.values()) {
                try {
                    p.close();
                } catch (SQLException e) {
                    // the connection's own problem, met on its next use
                }
            }
            statements.clear();
        }

        /** A unit's retained status: its state now, and a history row when the state changed. */
        void status(String site, String unit, JsonObject status) throws SQLException {
            String state = text(status, "state");
            if (!"online".equals(state) && !"offline".equals(state)) {
                return;
            }
            LocalDateTime now = utc(Instant.now());
            LocalDateTime since = time(text(status, "since"));
            String before = null;
            PreparedStatement read = prepare("SELECT state FROM units WHERE site = ? AND unit = ?");
            read.setString(1, site);
            read.setString(2, unit);
            try (ResultSet r = read.executeQuery()) {
                before = r.next() ? r.getString(1) : null;
            }
            if (before == null) {
                PreparedStatement p = prepare(
                        "INSERT INTO units (site, unit, state, since, version, last_seen) VALUES (?, ?, ?, ?, ?, ?)");
                p.setString(1, site);
                p.setString(2, unit);
                p.setString(3, state);
                p.setObject(4, since == null ? now : since);
                p.setString(5, cut(text(status, "version"), 64));
                p.setObject(6, now);
                p.executeUpdate();
            } else {
                // an offline will carries no time: the state's time stays when it did not change (a retained message again)
                LocalDateTime at = since != null ? since : state.equals(before) ? null : now;
                PreparedStatement p = prepare("UPDATE units SET state = ?, since = COALESCE(?, since),"
                        + " version = COALESCE(?, version), last_seen = ? WHERE site = ? AND unit = ?");
                p.setString(1, state);
                p.setObject(2, at, java.sql.Types.TIMESTAMP);
                p.setString(3, cut(text(status, "version"), 64));
                p.setObject(4, now);
                p.setString(5, site);
                p.setString(6, unit);
                p.executeUpdate();
            }
            if (!state.equals(before)) {
                PreparedStatement p = prepare("INSERT INTO unit_history (site, unit, state, at) VALUES (?, ?, ?, ?)");
                p.setString(1, site);
                p.setString(2, unit);
                p.setString(3, state);
                p.setObject(4, since == null ? now : since);
                p.executeUpdate();
            }
        }

        /** A device's retained message; {@code null} (an empty message) when the device went. */
        void device(String site, String unit, String device, JsonObject d) throws SQLException {
            if (d == null) {
                PreparedStatement p = prepare("DELETE FROM devices WHERE site = ? AND unit = ? AND device = ?");
                p.setString(1, site);
                p.setString(2, unit);
                p.setString(3, device);
                p.executeUpdate();
                firmware.remove(deviceKey(site, unit, device));
                return;
            }
            JsonElement fault = d.get("fault");
            String lastFault = fault == null || fault.isJsonNull() ? null : cut(fault.toString(), 4000);
            Long remaining = d.has("remainingMs") && d.get("remainingMs").isJsonPrimitive() ? d.get("remainingMs").getAsLong() : null;
            PreparedStatement update = prepare("UPDATE devices SET model = ?, firmware = ?, state = ?, program = ?,"
                    + " session = ?, remaining_ms = ?, last_fault = COALESCE(?, last_fault), updated = ?"
                    + " WHERE site = ? AND unit = ? AND device = ?");
            deviceColumns(update, d, remaining, lastFault);
            update.setString(9, site);
            update.setString(10, unit);
            update.setString(11, device);
            if (update.executeUpdate() == 0) {
                PreparedStatement p = prepare("INSERT INTO devices (model, firmware, state, program, session,"
                        + " remaining_ms, last_fault, updated, site, unit, device) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                deviceColumns(p, d, remaining, lastFault);
                p.setString(9, site);
                p.setString(10, unit);
                p.setString(11, device);
                p.executeUpdate();
            }
            cacheFirmware(deviceKey(site, unit, device), cut(text(d, "firmware"), 64));
        }

        /**
         * A finished session's record, stored once: added to the transaction's batch of records, inserted
         * when it ends ({@link #finish}); {@code ifNew} runs then, before the commit, unless this unit's
         * record of that id was there already (the unit sent it again after a lost acknowledgement, the
         * batch holds it twice, or another hub took it).
         */
        void record(String site, String unit, JsonObject record, Runnable ifNew) throws SQLException {
            String id = clean(text(record, "id"));
            LocalDateTime end = time(text(record, "end"));
            if (id == null || id.isEmpty() || id.length() > 128 || end == null) {
                throw new IllegalArgumentException("a record needs an id (1 to 128 characters) and an end time (ISO, UTC, years "
                        + MIN_TIME.getYear() + " to " + MAX_TIME.getYear() + "); this one has id " + cut(id, 40)
                        + " and end " + cut(text(record, "end"), 40));
            }
            LocalDateTime start = time(text(record, "start"));
            long seconds = start == null ? 0 : Math.max(0, Duration.between(start, end).toSeconds());
            String device = cut(text(record, "deviceId"), 128);
            String model = cut(text(record, "model"), 64);
            String state = cut(text(record, "state"), 32);
            String firmware = firmware(site, unit, device);
            PreparedStatement p = prepare(insertSession());
            p.setString(1, site);
            p.setString(2, unit);
            p.setString(3, id);
            p.setString(4, device);
            p.setString(5, model);
            p.setString(6, firmware);
            p.setString(7, cut(text(record, "programId"), 128));
            p.setString(8, state);
            p.setString(9, cut(text(record, "endReason"), 1000));
            p.setString(10, cut(client(record), 128));
            p.setObject(11, start);
            p.setObject(12, end);
            p.setLong(13, seconds);
            p.setString(14, payload(record));
            p.addBatch();
            records.add(new Pending(List.of(site, unit, end.toLocalDate()), seconds,
                    List.of(model == null ? "" : model, firmware == null ? "" : firmware), "FAULT".equals(state), ifNew));
        }

        private String insertSession() {
            return db.dialect().insertOnce("INSERT INTO sessions (site, unit, id, device, model, firmware, program,"
                    + " end_state, end_reason, client, started, ended, duration_s, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        }

        /** The firmware of a record's device: from the cache, else read once from devices. */
        private String firmware(String site, String unit, String device) throws SQLException {
            String key = deviceKey(site, unit, device);
            if (Store.this.firmware.containsKey(key)) {
                return Store.this.firmware.get(key);
            }
            PreparedStatement read = prepare("SELECT firmware FROM devices WHERE site = ? AND unit = ? AND device = ?");
            read.setString(1, site);
            read.setString(2, unit);
            read.setString(3, device);
            String known;
            try (ResultSet r = read.executeQuery()) {
                known = r.next() ? r.getString(1) : null;
            }
            cacheFirmware(key, known);
            return known;
        }

        /** An event (faults, e-stops, sessions started and ended, ...), stored once: false when it is there already. */
        boolean event(String site, String unit, JsonObject event) throws SQLException {
            String name = text(event, "event");
            if (name == null) {
                return false;
            }
            LocalDateTime at = time(text(event, "time"));
            String payload = payload(event);
            PreparedStatement p = prepare(db.dialect().insertOnce(
                    "INSERT INTO events (site, unit, device, event, at, fingerprint, payload) VALUES (?, ?, ?, ?, ?, ?, ?)"));
            p.setString(1, site);
            p.setString(2, unit);
            p.setString(3, cut(text(event, "device"), 128));
            p.setString(4, cut(name, 64));
            p.setObject(5, at == null ? utc(Instant.now()) : at);
            p.setString(6, sha256(payload));
            p.setString(7, payload);
            return insertOnce(p) > 0;
        }

        /**
         * The rows each statement of a batch inserted: 0 for a duplicate (PostgreSQL: ON CONFLICT DO NOTHING;
         * H2: the duplicates alone fail, with 23505, the batch goes on and the transaction keeps the rest).
         */
        private int[] insertAllOnce(PreparedStatement batch) throws SQLException {
            try {
                return batch.executeBatch();
            } catch (java.sql.BatchUpdateException e) {
                if (db.dialect() == Database.Dialect.H2 && onlyDuplicates(e)) {
                    return e.getUpdateCounts(); // EXECUTE_FAILED (-3) where the row was there already
                }
                throw e;
            }
        }

        /** The rows inserted: 0 for a duplicate (PostgreSQL: ON CONFLICT DO NOTHING; H2: only this statement fails). */
        private int insertOnce(PreparedStatement p) throws SQLException {
            try {
                return p.executeUpdate();
            } catch (SQLException e) {
                if (db.dialect() == Database.Dialect.H2 && duplicate(e)) {
                    return 0;
                }
                throw e;
            }
        }

        /**
         * The transaction's records inserted in one JDBC batch (one round trip to PostgreSQL), in the
         * order they came; each one new adds to the sums and runs its {@code ifNew}; then the sums are written.
         */
        private void finish() throws SQLException {
            if (!records.isEmpty()) {
                int[] inserted = insertAllOnce(prepare(insertSession()));
                if (inserted.length != records.size()) {
                    throw new SQLException("the database answered " + inserted.length + " counts for " + records.size() + " records");
                }
                for (int i = 0; i < inserted.length; i++) {
                    if (inserted[i] > 0) {
                        records.get(i).count(days, totals);
                    }
                }
                records.clear();
            }
            addSums();
        }

        /** The batch's records added to the sums the dashboard reads. */
        private void addSums() throws SQLException {
            add("session_days", List.of("site", "unit", "ended_on"), List.of("sessions", "duration_s"), days);
            add("session_totals", List.of("model", "firmware"), List.of("sessions", "faults"), totals);
        }

        /**
         * Adds each of {@code sums} to its row of {@code table} (key columns, then value columns), making the
         * row when it is missing; in key order, so two hubs on one PostgreSQL lock rows in the same order.
         */
        private void add(String table, List<String> keys, List<String> values, Map<List<Object>, long[]> sums)
                throws SQLException {
            if (sums.isEmpty()) {
                return;
            }
            String onConflict = db.dialect().addOnConflict(table, keys, values);
            String update = "UPDATE " + table + " SET " + String.join(", ", values.stream().map(v -> v + " = " + v + " + ?").toList())
                    + " WHERE " + String.join(" AND ", keys.stream().map(k -> k + " = ?").toList());
            List<String> columns = new ArrayList<>(keys);
            columns.addAll(values);
            String insert = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                    + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")" + (onConflict == null ? "" : onConflict);
            for (Map.Entry<List<Object>, long[]> e : sums.entrySet()) {
                List<Object> key = e.getKey();
                long[] v = e.getValue();
                if (onConflict == null) {
                    PreparedStatement p = prepare(update);
                    for (int i = 0; i < v.length; i++) {
                        p.setLong(i + 1, v[i]);
                    }
                    for (int i = 0; i < key.size(); i++) {
                        p.setObject(v.length + i + 1, key.get(i));
                    }
                    if (p.executeUpdate() > 0) {
                        continue;
                    }
                }
                PreparedStatement p = prepare(insert);
                for (int i = 0; i < key.size(); i++) {
                    p.setObject(i + 1, key.get(i));
                }
                for (int i = 0; i < v.length; i++) {
                    p.setLong(key.size() + i + 1, v[i]);
                }
                p.executeUpdate();
            }
            sums.clear();
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private static int compareKeys(List<Object> a, List<Object> b) {
            for (int i = 0; i < a.size(); i++) {
                int c = ((Comparable) a.get(i)).compareTo(b.get(i));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        }
    }

    private static void deviceColumns(PreparedStatement p, JsonObject d, Long remaining, String lastFault) throws SQLException {
        p.setString(1, cut(text(d, "model"), 64));
        p.setString(2, cut(text(d, "firmware"), 64));
        p.setString(3, cut(text(d, "state"), 32));
        p.setString(4, cut(text(d, "program"), 128));
        p.setString(5, cut(text(d, "session"), 128));
        p.setObject(6, remaining);
        p.setString(7, lastFault);
        p.setObject(8, utc(Instant.now()));
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The statements of a batch that failed each broke a unique key, and nothing else went wrong. */
    static boolean onlyDuplicates(java.sql.BatchUpdateException e) {
        if (e.getNextException() == null) {
            return false;
        }
        for (SQLException x = e.getNextException(); x != null; x = x.getNextException()) {
            if (!"23505".equals(x.getSQLState())) {
                return false;
            }
        }
        return true;
    }

    /** A unique key violated: SQLSTATE 23505, the same on H2 and PostgreSQL. */
    static boolean duplicate(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            if ("23505".equals(x.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** A record waiting in the transaction's batch: what it adds to the sums when it turns out new. */
    private record Pending(List<Object> day, long seconds, List<Object> modelFirmware,
                           boolean fault, Runnable ifNew) {

        void count(Map<List<Object>, long[]> days, Map<List<Object>, long[]> totals) {
            long[] d = days.computeIfAbsent(day, k -> new long[2]);
            d[0]++;
            d[1] += seconds;
            long[] t = totals.computeIfAbsent(modelFirmware, k -> new long[2]);
            t[0]++;
            t[1] += fault ? 1 : 0;
            ifNew.run();
        }
    }

    private static String deviceKey(String site, String unit, String device) {
        return site + "\n" + unit + "\n" + device;
    }

    private void cacheFirmware(String key, String value) {
        if (firmware.size() >= FIRMWARE_CACHE && !firmware.containsKey(key)) {
            firmware.clear();
        }
        firmware.put(key, value);
    }

    private Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = db.connect();
            connection.setAutoCommit(false);
        }
        return connection;
    }

    private void closeQuietly() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException e) {
            // gone
        }
        connection = null;
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }

    /** The session's opaque client reference: in the record's settings, as a unit writes it (or at the top). */
    static String client(JsonObject record) {
        JsonElement settings = record.get("settings");
        String inSettings = settings != null && settings.isJsonObject() ? text(settings.getAsJsonObject(), "client") : null;
        return inSettings != null ? inSettings : text(record, "client");
    }

    static String text(JsonObject o, String name) {
        JsonElement e = o == null ? null : o.get(name);
        return e == null || e.isJsonNull() || !e.isJsonPrimitive() ? null : e.getAsString();
    }

    /** At most {@code max} characters, without NUL (PostgreSQL refuses it in text: SQLSTATE 22021). */
    static String cut(String s, int max) {
        String c = clean(s);
        return c == null || c.length() <= max ? c : c.substring(0, max);
    }

    /** Without NUL characters. */
    static String clean(String s) {
        return s == null || s.indexOf('\0') < 0 ? s : s.replace("\0", "");
    }

    /** The most a payload column holds (VARCHAR(1000000) in V1__fleet.sql), in characters. */
    static final int PAYLOAD_MAX = 1_000_000;
    /** Each text of a payload over {@link #PAYLOAD_MAX} is cut to this many characters. */
    static final int PAYLOAD_TEXT_CUT = 1000;

    /**
     * A message as the payload column keeps it: as it came (its JSON) when that fits; else (a message
     * of control characters, which JSON writes as 6 characters each) with every text over
     * {@value #PAYLOAD_TEXT_CUT} characters cut and {@code "truncated": true}; refused when even that
     * does not fit.
     */
    static String payload(JsonObject message) {
        String p = message.toString();
        if (p.length() <= PAYLOAD_MAX) {
            return p;
        }
        JsonObject cut = shortened(message).getAsJsonObject();
        cut.addProperty("truncated", true);
        String q = cut.toString();
        if (q.length() > PAYLOAD_MAX) {
            throw new IllegalArgumentException("the message is " + p.length() + " characters as JSON, over the " + PAYLOAD_MAX
                    + " the database keeps, even with its texts cut");
        }
        return q;
    }

    private static JsonElement shortened(JsonElement e) {
        if (e.isJsonObject()) {
            JsonObject o = new JsonObject();
            e.getAsJsonObject().entrySet().forEach(f -> o.add(cut(f.getKey(), PAYLOAD_TEXT_CUT), shortened(f.getValue())));
            return o;
        }
        if (e.isJsonArray()) {
            JsonArray a = new JsonArray();
            e.getAsJsonArray().forEach(x -> a.add(shortened(x)));
            return a;
        }
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() && e.getAsString().length() > PAYLOAD_TEXT_CUT) {
            return new JsonPrimitive(e.getAsString().substring(0, PAYLOAD_TEXT_CUT));
        }
        return e;
    }

    static LocalDateTime utc(Instant i) {
        return LocalDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    /** The times the hub stores: a unit's clock outside them is wrong, and PostgreSQL takes no year past 294276. */
    static final LocalDateTime MIN_TIME = LocalDateTime.of(1900, 1, 1, 0, 0);
    static final LocalDateTime MAX_TIME = LocalDateTime.of(9999, 12, 31, 23, 59, 59);

    /** An ISO instant as UTC, or null when there is none, it is not one, or it is outside {@link #MIN_TIME}..{@link #MAX_TIME}. */
    static LocalDateTime time(String iso) {
        Instant i = instant(iso);
        return i == null ? null : utc(i);
    }

    /** An ISO instant within {@link #MIN_TIME}..{@link #MAX_TIME}; else null. */
    static Instant instant(String iso) {
        if (iso == null || iso.isBlank() || iso.length() > 64) {
            return null;
        }
        try {
            Instant i = Instant.parse(iso);
            return i.isBefore(MIN_TIME.toInstant(ZoneOffset.UTC)) || i.isAfter(MAX_TIME.toInstant(ZoneOffset.UTC)) ? null : i;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static JsonObject parse(byte[] payload) {
        try {
            JsonElement e = JsonParser.parseString(new String(payload, StandardCharsets.UTF_8));
            return e.isJsonObject() ? e.getAsJsonObject() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
