package org.bootctl.audit;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.TreeMap;
import org.bootctl.api.audit.AuditEvent;
import org.bootctl.api.audit.AuditLog;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The audit log: each event one JSON line in the data folder's {@code audit.jsonl},
 * {@code {"time":"2026-11-26T13:07:23.120Z","action":"estop","source":"shell","subject":"sim-1","details":{}}},
 * stamped with the wall clock (UTC) when it is recorded and written in that order. Emergency stops
 * repeated by one source on one device are recorded coalesced ({@link RepeatedStops}): one line at
 * once, then at most one a second with a {@code "count"} detail.
 */
@Component(service = AuditLog.class, immediate = true)
public final class AuditJournal implements AuditLog {

    static final String FILE = "audit.jsonl";
    private static final System.Logger LOG = System.getLogger("org.bootctl.audit");
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private final Clock clock = Clock.systemUTC();
    private volatile JsonLinesFile out;
    private volatile RepeatedStops stops;

    @Activate
    void activate(BundleContext context) {
        String data = context.getProperty("bootctl.data");
        start(Path.of(data == null || data.isBlank() ? "./data" : data).resolve(FILE));
    }

    /** Records into {@code file}; nothing is opened yet (the writer thread does that). */
    void start(Path file) {
        out = new JsonLinesFile(file);
        stops = new RepeatedStops(this::write, RepeatedStops.WINDOW_MS);
    }

    @Deactivate
    void deactivate() {
        stops.close();
        out.close();
    }

    @Override
    public void record(AuditEvent event) {
        if (event != null) {
            stops.record(event);
        }
    }

    private void write(AuditEvent event) {
        try {
            // stamped and queued together, so the lines are in the order of their times
            synchronized (this) {
                out.append(line(clock.instant(), event));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "cannot record " + event + ": " + e);
        }
    }

    /** One event as its JSON line. */
    static String line(Instant time, AuditEvent event) {
        JsonObject json = new JsonObject();
        json.addProperty("time", time.toString());
        json.addProperty("action", event.action());
        json.addProperty("source", event.source());
        json.addProperty("subject", event.subject());
        JsonObject details = new JsonObject();
        new TreeMap<>(event.details()).forEach(details::addProperty);
        json.add("details", details);
        return GSON.toJson(json);
    }
}
