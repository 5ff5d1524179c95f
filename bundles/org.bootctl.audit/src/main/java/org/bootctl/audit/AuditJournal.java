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
import org.bootctl.deploy.folder.LineText;
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
    /** Longest text kept of a field (a bundle's name, a detail): a record costs kilobytes whatever a plugin or a file says. */
    static final int MAX_TEXT = 2000;
    /** Most details kept of one event. */
    static final int MAX_DETAILS = 32;
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

    /**
     * One event as its JSON line; a text longer than {@link #MAX_TEXT} is cut there and says how much
     * was left out, and details beyond the first {@link #MAX_DETAILS} (by key) are counted, not kept.
     */
    static String line(Instant time, AuditEvent event) {
        JsonObject json = new JsonObject();
        json.addProperty("time", time.toString());
        json.addProperty("action", clip(event.action()));
        json.addProperty("source", clip(event.source()));
        json.addProperty("subject", clip(event.subject()));
        JsonObject details = new JsonObject();
        TreeMap<String, String> sorted = new TreeMap<>(event.details());
        sorted.entrySet().stream().limit(MAX_DETAILS).forEach(e -> details.addProperty(clip(e.getKey()), clip(e.getValue())));
        if (sorted.size() > MAX_DETAILS) {
            details.addProperty("left out", (sorted.size() - MAX_DETAILS) + " more details");
        }
        json.add("details", details);
        return GSON.toJson(json);
    }

    /** The text, or its first {@link #MAX_TEXT} characters (a character pair never split) and how many more there were. */
    static String clip(String text) {
        return LineText.clip(text, MAX_TEXT);
    }
}
