package org.bootctl.hub;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The hub's REST API under {@code /api/fleet/} (docs/HUB.md); the live stream is {@link EventsServlet}. */
final class ApiServlet extends GuardedServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ApiServlet.class.getName());

    /** A request the API refuses: its status and message. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;

        Refused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    private final transient Queries queries;
    private final transient Estops estops;
    /** Whether the schema is there: until the migrations at start are done, the database is not asked. */
    private final transient BooleanSupplier schemaReady;

    /** Whether the e-stop's body is read asynchronously ({@link AsyncBody}): as registered in the hub, async-supported. */
    private final boolean asyncBodies;

    ApiServlet(Guard guard, Queries queries, Estops estops, BooleanSupplier schemaReady) {
        this(guard, queries, estops, schemaReady, false);
    }

    ApiServlet(Guard guard, Queries queries, Estops estops, BooleanSupplier schemaReady, boolean asyncBodies) {
        super(guard);
        this.queries = queries;
        this.estops = estops;
        this.schemaReady = schemaReady;
        this.asyncBodies = asyncBodies;
    }

    @Override
    void serve(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = Guard.path(req).substring("/api/fleet".length());
        String[] parts = path.replaceAll("^/+|/+$", "").split("/");
        try {
            String method = req.getMethod();
            if (Guard.estop(req)) {
                if (asyncBodies) { // as the hub registers it: no thread waits for the body (AsyncBody)
                    AsyncBody.read(req, resp, BODY_DEADLINE_MS, bytes -> answerEstop(req, resp, () -> parse(bytes)));
                } else {
                    answerEstop(req, resp, () -> body(req));
                }
                return;
            }
            if (!method.equals("GET")) {
                resp.setHeader("Allow", path.equals("/estop") || path.equals("/estop/") ? "POST" : "GET");
                throw new Refused(405, req.getMethod() + " is not allowed on " + Guard.path(req));
            }
            if (!schemaReady.getAsBoolean()) {
                throw new Refused(503, PREPARING + ": try again in a moment");
            }
            switch (parts[0]) {
                case "units" -> {
                    if (parts.length == 1) {
                        json(resp, 200, queries.units());
                    } else if (parts.length == 3) {
                        json(resp, 200, queries.unit(parts[1], parts[2])
                                .orElseThrow(() -> new Refused(404, "no unit " + parts[1] + "/" + parts[2])));
                    } else {
                        throw new Refused(404, "no such resource: " + Guard.path(req));
                    }
                }
                case "sessions" -> sessions(req, resp);
                case "utilisation" -> {
                    String site = name(req, "site");
                    int days = number(req, "days", 30, 1, 365);
                    Queries.Utilisation u = queries.utilisation(site, days);
                    head(resp, 200);
                    try (JsonWriter out = new JsonWriter(new BufferedWriter(
                            new OutputStreamWriter(resp.getOutputStream(), StandardCharsets.UTF_8), 1 << 16))) {
                        u.write(out);
                    }
                }
                case "faults" -> {
                    String by = req.getParameter("by") == null ? "model" : req.getParameter("by");
                    if (!by.equals("model") && !by.equals("firmware")) {
                        throw new Refused(400, "by must be model or firmware, not '" + by + "'");
                    }
                    json(resp, 200, queries.faults(by.equals("firmware")));
                }
                case "clients" -> {
                    if (parts.length != 2 || parts[1].isEmpty() || parts[1].length() > 128) {
                        throw new Refused(404, "no such resource: " + Guard.path(req));
                    }
                    json(resp, 200, queries.client(parts[1]));
                }
                default -> throw new Refused(404, "no such resource: " + Guard.path(req));
            }
        } catch (Refused e) {
            error(resp, e.status, e.getMessage());
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "bootctl hub: the database failed on " + Guard.path(req), e);
            error(resp, 503, "the hub's database does not answer (" + e.getMessage() + ")");
        }
    }

    private void sessions(HttpServletRequest req, HttpServletResponse resp) throws Refused, SQLException, IOException {
        Queries.SessionFilter f = new Queries.SessionFilter(name(req, "site"), name(req, "unit"), text(req, "device"),
                text(req, "program"), text(req, "reason"), time(req, "from", false), time(req, "to", true),
                text(req, "client"), number(req, "limit", 100, 1, 1000));
        List<Queries.Row> rows = queries.sessionRows(f);
        String accept = req.getHeader("Accept");
        // written out as each record is parsed: one record at a time in memory besides the rows read
        if ("csv".equals(req.getParameter("format")) || (accept != null && accept.toLowerCase(Locale.ROOT).contains("text/csv"))) {
            resp.setStatus(200);
            resp.setContentType("text/csv;charset=utf-8");
            resp.setHeader("Content-Disposition", "attachment; filename=\"sessions.csv\"");
            try (Writer out = writer(resp)) {
                out.write(Csv.header());
                for (Queries.Row row : rows) {
                    out.write(Csv.row(row.record()));
                }
            }
            return;
        }
        head(resp, 200);
        try (JsonWriter out = new JsonWriter(writer(resp))) {
            out.beginArray();
            for (Queries.Row row : rows) {
                GSON.toJson(row.record(), out);
            }
            out.endArray();
        }
    }

    /** Writes a record as {@link JsonElement#toString} does: its nulls kept, no HTML escapes. */
    private static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

    private static Writer writer(HttpServletResponse resp) throws IOException {
        return new BufferedWriter(new OutputStreamWriter(resp.getOutputStream(), StandardCharsets.UTF_8), 1 << 16);
    }

    /** The e-stop's body, read when it is needed. */
    private interface Body {
        JsonObject get() throws IOException, Refused;
    }

    /** Answers the e-stop of {@code body}, or why not. */
    private void answerEstop(HttpServletRequest req, HttpServletResponse resp, Body body) throws IOException {
        try {
            json(resp, 200, estop(body.get()));
        } catch (Refused e) {
            if (e.status == 408 || e.status == 413) {
                resp.setHeader("Connection", "close"); // the rest of the body is never read
            }
            error(resp, e.status, e.getMessage());
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "bootctl hub: the database failed on " + Guard.path(req), e);
            error(resp, 503, "the hub's database does not answer (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error(resp, 503, "the hub is stopping");
        }
    }

    private JsonObject estop(JsonObject body) throws Refused, IOException, SQLException, InterruptedException {
        String site = Store.text(body, "site");
        String unit = Store.text(body, "unit");
        String device = Store.text(body, "device");
        if (!Names.site(site)) {
            throw new Refused(400, "site must be a site name ([a-z0-9-]{1,32}), not " + body.get("site"));
        }
        if (body.has("unit") && !body.get("unit").isJsonNull() && !Names.unit(unit)) {
            throw new Refused(400, "unit must be a unit name ([a-z0-9-]{1,32}), not " + body.get("unit"));
        }
        if (body.has("device") && !body.get("device").isJsonNull() && !Names.device(device)) {
            throw new Refused(400, "device must be a device id, not " + body.get("device"));
        }
        // whom to stop: the units the hub heard of on the broker, at once; then those the database knows besides them
        // (the broker may not have told of every unit yet), read for as long as a stop may take; when the database does
        // not answer and the hub knows of no matching unit, a named unit gets the command anyway
        List<JsonObject> units = estops.known().matching(site, unit, device);
        if (!units.isEmpty()) {
            return estops.stop(units, device, () -> besides(site, unit, device));
        }
        String database = null;
        if (units.isEmpty()) {
            try {
                units = fromDatabase(site, unit, device);
            } catch (TimeoutException | ExecutionException
                     | RejectedExecutionException e) {
                database = e instanceof ExecutionException x && x.getCause() != null
                        ? x.getCause().getMessage() : String.valueOf(e.getMessage());
                LOG.warning("bootctl hub: an e-stop for site " + site + " could not read the units from the database ("
                        + database + "); sending it to the units the hub knows from the broker");
            }
        }
        if (units.isEmpty() && unit != null && database != null) {
            JsonObject named = new JsonObject();
            named.addProperty("site", site);
            named.addProperty("unit", unit);
            JsonArray devices = new JsonArray();
            if (device != null) {
                JsonObject d = new JsonObject();
                d.addProperty("device", device);
                devices.add(d);
            }
            named.add("devices", devices);
            units = List.of(named);
        }
        if (units.isEmpty()) {
            String what = "site " + site + (unit == null ? "" : ", unit " + unit) + (device == null ? "" : ", device " + device);
            throw database == null ? new Refused(404, "no unit matches " + what)
                    : new Refused(503, "no unit of " + what + " is known to the hub yet and its database does not answer ("
                            + database + "): name the unit, {\"site\": \"" + site + "\", \"unit\": \"...\"}, or stop it on site");
        }
        return estops.stop(units, device);
    }

    /** The matching units the database knows, within its bound; none (logged) when it does not answer. */
    private List<JsonObject> besides(String site, String unit, String device) throws InterruptedException {
        try {
            return fromDatabase(site, unit, device);
        } catch (TimeoutException | ExecutionException | RejectedExecutionException e) {
            LOG.warning("bootctl hub: an e-stop for site " + site + " went to the units the hub knows from the broker;"
                    + " the database, which may know more, does not answer (" + (e instanceof ExecutionException x
                    && x.getCause() != null ? x.getCause().getMessage() : e.getMessage()) + "): check the site's other units");
            return List.of();
        }
    }

    /** How long an e-stop waits for the database (for the units the broker has not told the hub of). */
    static final long ESTOP_DATABASE_MS = 1000;
    /**
     * The e-stop's database reads: one at a time (shared by the stops that need it then), waited for at
     * most {@link #ESTOP_DATABASE_MS}. A queue, not a hand-off: a read asked for just as the one before
     * finished (its answer set, its thread not yet free) waits for that thread instead of being refused.
     * It holds one read at most, as a new one is asked for only once the one before is done.
     */
    private static final ThreadPoolExecutor ESTOP_READS = estopReads();

    private static ThreadPoolExecutor estopReads() {
        ThreadPoolExecutor reads = new ThreadPoolExecutor(1, 1, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "bootctl-hub-estop-read");
            t.setDaemon(true);
            return t;
        });
        reads.allowCoreThreadTimeOut(true);
        return reads;
    }

    /** The e-stop's database read under way, if any; guarded by this. */
    private transient Future<JsonArray> unitsRead;

    /** Why the database is not asked yet: the hub is at its start, before its migrations are done. */
    static final String PREPARING = "the hub's database is being prepared (its schema created or migrated)";

    /** The matching units as the database has them, within {@link #ESTOP_DATABASE_MS}. */
    private List<JsonObject> fromDatabase(String site, String unit, String device) throws InterruptedException,
            TimeoutException, ExecutionException {
        if (!schemaReady.getAsBoolean()) {
            throw new ExecutionException(PREPARING, null);
        }
        Future<JsonArray> read = unitsRead();
        try {
            return read.get(ESTOP_DATABASE_MS, TimeUnit.MILLISECONDS).asList().stream()
                    .map(JsonElement::getAsJsonObject)
                    .filter(u -> u.get("site").getAsString().equals(site))
                    .filter(u -> unit == null || u.get("unit").getAsString().equals(unit))
                    .filter(u -> device == null || u.getAsJsonArray("devices").asList().stream()
                            .anyMatch(d -> d.getAsJsonObject().get("device").getAsString().equals(device)))
                    .toList();
        } catch (TimeoutException e) { // not cancelled: another stop may be waiting for the same read
            throw new TimeoutException("no answer within " + ESTOP_DATABASE_MS + " ms");
        }
    }

    /** The read under way (stops at the same moment share it, none refused for want of a thread), or a new one. */
    synchronized Future<JsonArray> unitsRead() {
        Future<JsonArray> current = unitsRead;
        if (current == null || current.isDone()) {
            current = ESTOP_READS.submit(queries::units);
            unitsRead = current;
        }
        return current;
    }

    /** The whole body must have arrived within this (as docs/API.md's "Limits" for bootctl run): 408 beyond. */
    static final long BODY_DEADLINE_MS = 5_000;

    private static JsonObject body(HttpServletRequest req) throws IOException, Refused {
        byte[] bytes;
        try (InputStream in = req.getInputStream()) {
            bytes = readBody(in, BODY_DEADLINE_MS);
        }
        return parse(bytes);
    }

    private static JsonObject parse(byte[] bytes) throws Refused {
        try {
            JsonElement e = JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8));
            if (e.isJsonObject()) {
                return e.getAsJsonObject();
            }
        } catch (RuntimeException e) {
            // answered below
        }
        throw new Refused(400, "the body must be a JSON object, e.g. {\"site\": \"studio-1\"}");
    }

    /**
     * The body, at most {@link Guard#BODY_LIMIT} bytes (413 beyond), all of it within {@code deadlineMs}
     * (408 beyond): a client sending it a byte at a time holds a server thread for a bounded time, not
     * for as long as it likes (the e-stop, which anyone may send, would otherwise let any client take
     * every thread of the hub). A body that breaks off is 400, one that stalls till the server's idle
     * timeout 408.
     */
    static byte[] readBody(InputStream in, long deadlineMs) throws Refused {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(deadlineMs);
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        try {
            for (int n; (n = in.read(chunk)) >= 0; ) {
                body.write(chunk, 0, n);
                if (body.size() > Guard.BODY_LIMIT) {
                    throw new Refused(413, "the body is over " + Guard.BODY_LIMIT + " bytes");
                }
                if (System.nanoTime() - deadline > 0) {
                    throw late(deadlineMs);
                }
            }
        } catch (IOException e) {
            throw timedOut(e) ? late(deadlineMs) : new Refused(400, "the body broke off before its end");
        }
        return body.toByteArray();
    }

    private static Refused late(long deadlineMs) {
        return new Refused(408, "the body did not arrive within " + deadlineMs / 1000 + " s; send it at once");
    }

    /** The server's idle timeout ends a silent read with a timeout somewhere in the causes. */
    private static boolean timedOut(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof java.net.SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static String text(HttpServletRequest req, String name) throws Refused {
        String v = req.getParameter(name);
        if (v == null || v.isEmpty()) {
            return null;
        }
        if (v.length() > 128) {
            throw new Refused(400, name + " is longer than 128 characters");
        }
        return v;
    }

    private static String name(HttpServletRequest req, String name) throws Refused {
        String v = text(req, name);
        if (v != null && !v.matches("[a-z0-9-]{1,32}")) {
            throw new Refused(400, name + " must be 1 to 32 of a-z, 0-9 and -, not '" + v + "'");
        }
        return v;
    }

    private static int number(HttpServletRequest req, String name, int fallback, int min, int max) throws Refused {
        String v = req.getParameter(name);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new Refused(400, name + " must be a whole number " + min + ".." + max + ", not '" + v + "'");
    }

    /**
     * An ISO date (the whole day: from its start, or to its end) or an ISO instant, UTC; brought within
     * the times the hub stores ({@link Store#MIN_TIME} to just past {@link Store#MAX_TIME}), which selects
     * the same records: a year the database cannot hold (PostgreSQL none past 294276) is no database fault.
     */
    static LocalDateTime time(HttpServletRequest req, String name, boolean endOfDay) throws Refused {
        String v = req.getParameter(name);
        if (v == null || v.isEmpty()) {
            return null;
        }
        try {
            LocalDateTime t;
            if (v.length() == 10) {
                LocalDate d = LocalDate.parse(v);
                t = (endOfDay ? d.plusDays(1) : d).atStartOfDay();
            } else {
                t = Store.utc(OffsetDateTime.parse(v).toInstant());
            }
            LocalDateTime after = Store.MAX_TIME.plusSeconds(1);
            return t.isBefore(Store.MIN_TIME) ? Store.MIN_TIME : t.isAfter(after) ? after : t;
        } catch (java.time.DateTimeException | ArithmeticException e) {
            throw new Refused(400, name + " must be a date (2026-12-06) or a UTC time (2026-12-06T14:00:00Z), not '" + v + "'");
        }
    }

    static void json(HttpServletResponse resp, int status, JsonElement body) throws IOException {
        head(resp, status);
        resp.getOutputStream().write(body.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void head(HttpServletResponse resp, int status) {
        resp.setStatus(status);
        resp.setContentType("application/json;charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
    }

    /** An error as docs/API.md gives every one: {@code {"error": "...", "details": []}}; a 401 says the scheme it asks for. */
    static void error(HttpServletResponse resp, int status, String message) throws IOException {
        JsonObject o = new JsonObject();
        o.addProperty("error", message);
        o.add("details", new JsonArray());
        if (status == 401) {
            resp.setHeader("WWW-Authenticate", "Bearer");
        }
        json(resp, status, o);
    }
}
