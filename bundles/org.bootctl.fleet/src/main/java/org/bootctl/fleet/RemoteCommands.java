package org.bootctl.fleet;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.bootctl.api.audit.AuditEvent;
import org.bootctl.api.program.ProgramLibrary;
import org.bootctl.api.program.Settings;
import org.bootctl.api.session.SessionException;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionService;
import org.bootctl.web.contract.FieldError;
import org.bootctl.web.contract.InvalidProgram;
import org.bootctl.web.contract.SettingsParser;
import org.bootctl.web.contract.SettledSession;
import org.bootctl.web.contract.StartRequest;
import org.bootctl.web.contract.StrictJson;
import org.bootctl.web.contract.Views;

/**
 * The {@code cmd/{verb}} messages: each is carried out with the SessionService calls the REST API
 * makes for the same request, and answered with the status and body the REST API would give
 * (docs/FLEET.md). Start, pause, resume, stop and clear-fault only when remote control is on;
 * estop always. Every command, refused or not, goes into the audit log with its requestId. Safe
 * from several threads at once (estops are handled on arrival, the rest on the inbox thread).
 */
final class RemoteCommands {

    static final Set<String> VERBS = Set.of("start", "pause", "resume", "stop", "estop", "clear-fault");
    /** As the REST API's body limit. */
    static final int MAX_BYTES = 256 * 1024;

    /** What goes out on {@code reply}. */
    record Reply(String requestId, int status, Object body) {
    }

    private final Supplier<SessionService> sessions;
    private final Supplier<ProgramLibrary> library;
    private final boolean control;
    private final Consumer<AuditEvent> audit;
    private final Topics topics;

    RemoteCommands(Supplier<SessionService> sessions, boolean control, Consumer<AuditEvent> audit, Topics topics) {
        this(sessions, () -> null, control, audit, topics);
    }

    /** @param library the program library, null while there is none: a start of a program it lists as invalid is a 400 */
    RemoteCommands(Supplier<SessionService> sessions, Supplier<ProgramLibrary> library, boolean control,
                   Consumer<AuditEvent> audit, Topics topics) {
        this.sessions = sessions;
        this.library = library;
        this.control = control;
        this.audit = audit;
        this.topics = topics;
    }

    Reply handle(String verb, byte[] payload) {
        if (verb.equals("estop") && payload.length > 0) {
            return emergencyStop(payload); // an empty message is how a retained one is cleared, not a command
        }
        String requestId = null;
        String subject = "";
        Reply reply;
        try {
            if (payload.length > MAX_BYTES) {
                throw new RestError(413, "the body is larger than " + MAX_BYTES / 1024 + " KiB");
            }
            JsonObject body = object(new String(payload, StandardCharsets.UTF_8));
            requestId = requestId(body);
            if (!VERBS.contains(verb)) {
                throw new RestError(404, "no command '" + verb + "'; commands: " + String.join(", ", new TreeSet<>(VERBS)));
            }
            subject = subject(body);
            if (!control && !verb.equals("estop")) {
                throw new RestError(403, "remote control is off on " + topics.site() + "/" + topics.unit()
                        + ": only estop is taken over MQTT unless the unit runs with --var fleet-control=true");
            }
            reply = run(verb, body, requestId);
        } catch (RestError e) {
            reply = new Reply(requestId != null ? requestId : looseRequestId(payload), e.status(), e.body());
        } catch (SessionException e) {
            int status = switch (e.reason()) {
                case NOT_FOUND -> 404;
                case REFUSED -> 400;
                case CONFLICT -> 409;
            };
            reply = new Reply(requestId, status, new RestError(status, e.getMessage()).body());
        } catch (IllegalArgumentException e) {
            reply = new Reply(requestId, 400, new RestError(400, e.getMessage()).body());
        } catch (RuntimeException e) {
            reply = new Reply(requestId, 500, new RestError(500, "internal error: " + e).body());
        }
        record(verb, subject, reply.requestId(), reply.status(),
                reply.body() instanceof RestError.ErrorBody error ? error.error() : null);
        return reply;
    }

    /**
     * A command that is not carried out (retained, dropped from a full queue, overtaken by an
     * estop): answered with {@code status} and {@code why}, and audited like every other, with its
     * requestId when the body has a readable one and {@code why} as the detail {@code error}.
     */
    Reply refuse(String verb, byte[] payload, int status, String why) {
        String requestId = null;
        String subject = "";
        try {
            if (payload.length <= MAX_BYTES) {
                JsonObject body = object(new String(payload, StandardCharsets.UTF_8));
                subject = subject(body);
                requestId = requestId(body);
            }
        } catch (RuntimeException unreadable) {
            // refused anyway: audited without its requestId, unless a looser reading finds one
            requestId = looseRequestId(payload);
        }
        record(verb, subject, requestId, status, why);
        return new Reply(requestId, status, new RestError(status, why).body());
    }

    private Reply run(String verb, JsonObject body, String requestId) throws SessionException {
        SessionService s = sessions.get();
        if (s == null) {
            throw new RestError(503, "the session engine is not available right now");
        }
        return switch (verb) {
            // answered, as POST /api/sessions and its pause, resume and stop are, with the state the command led to
            case "start" -> new Reply(requestId, 201, Views.SessionView.of(
                    SettledSession.of(s, start(s, library.get(), body), SettledSession::started)));
            case "pause" -> new Reply(requestId, 200, Views.SessionView.of(
                    SettledSession.of(s, s.pause(text(body, "session", "the session id")), SettledSession::paused)));
            case "resume" -> new Reply(requestId, 200, Views.SessionView.of(
                    SettledSession.of(s, s.resume(text(body, "session", "the session id")), SettledSession::resumed)));
            case "stop" -> new Reply(requestId, 200, Views.SessionView.of(
                    SettledSession.of(s, s.stop(text(body, "session", "the session id")), SettledSession::stopped)));
            case "clear-fault" -> {
                String device = text(body, "device", "the device id");
                s.clearFault(device);
                yield new Reply(requestId, 200, Views.DeviceView.of(s.device(device)
                        .orElseThrow(() -> new RestError(404, "no device '" + device + "'"))));
            }
            default -> throw new IllegalStateException("no command '" + verb + "'"); // estop is handled before
        };
    }

    /** As {@code POST /api/sessions}. */
    private static SessionInfo start(SessionService s, ProgramLibrary library, JsonObject o) throws SessionException {
        List<FieldError> errors = new ArrayList<>();
        JsonObject body = o.deepCopy(); // the body of POST /api/sessions: its checks, word for word
        body.remove("requestId");
        StartRequest request = StartRequest.read(body, Set.of(), errors);
        if (!errors.isEmpty()) {
            throw new RestError(400, errors.get(0).message(), errors);
        }
        String device = request.device();
        String program = request.program();
        Settings settings = request.settings();
        s.device(device).ifPresent(d -> {
            int zones = d.description().zoneCount();
            for (int zone : settings.boostZones()) {
                if (zone > zones) {
                    String message = "boost zone " + zone + " does not exist on " + d.description().model()
                            + " (zones 1.." + zones + ")";
                    throw new RestError(400, message, List.of(new FieldError("boost", message)));
                }
            }
        });
        try {
            return s.start(device, program, settings);
        } catch (SessionException e) {
            // the engine knows only valid programs: one the library lists as invalid is the request's mistake
            if (e.reason() == SessionException.Reason.NOT_FOUND) {
                InvalidProgram.of(library, program).ifPresent(invalid -> {
                    throw new RestError(400, invalid.message(), invalid.errors());
                });
            }
            throw e;
        }
    }

    /**
     * An estop is carried out whatever its body (issue 16: "estop is always accepted, venting harms
     * nobody"), as the REST API's e-stop, which reads no body at all, is: a body that names a device
     * ({@code device}, a text) stops that device, as {@code POST /api/devices/{id}/estop} (404 when none
     * such is connected); any other body (none, {@code {}}, one that is not JSON, too large, without a
     * requestId, with a field of its own) stops every device, as {@code POST /api/estop}; an empty
     * message is no command (it is how a retained message is cleared: 400, as before). The reply
     * names its requestId when the body has a readable one. What a sender got wrong in the body never
     * keeps a device running.
     */
    private Reply emergencyStop(byte[] payload) {
        JsonObject body = payload.length > MAX_BYTES ? null : readable(payload);
        String requestId = body == null ? null : validRequestId(body);
        JsonElement named = body == null ? null : body.get("device");
        String device = named != null && named.isJsonPrimitive() && named.getAsJsonPrimitive().isString() ? named.getAsString() : null;
        Reply reply;
        SessionService s = sessions.get();
        try {
            if (s == null) {
                reply = new Reply(requestId, 503, new RestError(503, "the session engine is not available right now").body());
            } else if (device != null && !s.emergencyStop(device)) {
                reply = new Reply(requestId, 404, new RestError(404, "no device '" + device + "' is connected").body());
            } else if (device != null) {
                reply = new Reply(requestId, 200, s.device(device).map(Views.DeviceView::of).orElse(null));
            } else {
                s.emergencyStopAll();
                reply = new Reply(requestId, 200, s.devices().stream().map(Views.DeviceView::of).toList());
            }
        } catch (RuntimeException e) {
            reply = new Reply(requestId, 500, new RestError(500, "internal error: " + e).body());
        }
        record("estop", device == null ? "" : device.length() > 64 ? device.substring(0, 64) : device, requestId,
                reply.status(), reply.body() instanceof RestError.ErrorBody error ? error.error() : null);
        return reply;
    }

    /** The body as an object, read strictly or else as Gson reads JSON; null when it is none. */
    private static JsonObject readable(byte[] payload) {
        String text = new String(payload, StandardCharsets.UTF_8);
        try {
            return object(text);
        } catch (RuntimeException notStrict) {
            try {
                JsonElement element = Json.parse(text);
                return element.isJsonObject() ? element.getAsJsonObject() : null;
            } catch (IOException | RuntimeException unreadable) {
                return null;
            }
        }
    }

    /** The body's requestId when it is one (a text of 1 to 128 characters), else null. */
    private static String validRequestId(JsonObject body) {
        try {
            return requestId(body);
        } catch (RestError none) {
            return null;
        }
    }

    private void record(String verb, String subject, String requestId, int status, String refused) {
        String action = switch (verb) {
            case "estop" -> AuditEvent.ESTOP;
            case "clear-fault" -> AuditEvent.FAULT_CLEARED;
            default -> AuditEvent.REMOTE_COMMAND;
        };
        Map<String, String> details = new LinkedHashMap<>();
        details.put("site", topics.site());
        details.put("unit", topics.unit());
        details.put("requestId", requestId == null ? "" : requestId);
        details.put("command", verb.length() > 32 ? verb.substring(0, 32) : verb);
        details.put("status", Integer.toString(status));
        if (refused != null) {
            details.put("error", refused);
        }
        audit.accept(new AuditEvent(action, AuditEvent.fleet(topics.site(), topics.unit()), subject, details));
    }

    private static JsonObject object(String text) {
        if (text.isBlank()) {
            throw new RestError(400, "the body is empty; it must be JSON with a requestId");
        }
        JsonElement element;
        try {
            element = StrictJson.parse(text); // as the REST API reads a body, in its words
        } catch (StrictJson.Malformed e) {
            throw new RestError(400, e.getMessage());
        }
        if (!element.isJsonObject()) {
            throw new RestError(400, "the body must be a JSON object");
        }
        return element.getAsJsonObject();
    }

    /**
     * The requestId of a body the strict reading refused (a key twice, say), read as Gson reads
     * JSON, so that the sender can tell which command the 400 answers; null when there is none.
     */
    private static String looseRequestId(byte[] payload) {
        if (payload.length > MAX_BYTES) {
            return null;
        }
        try {
            JsonElement element = Json.parse(new String(payload, StandardCharsets.UTF_8));
            return element.isJsonObject() ? requestId(element.getAsJsonObject()) : null;
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    private static String requestId(JsonObject body) {
        JsonElement id = body.get("requestId");
        if (id == null || !id.isJsonPrimitive() || !id.getAsJsonPrimitive().isString() || id.getAsString().isBlank()
                || id.getAsString().length() > 128) {
            String message = "requestId is missing: give each command a requestId (a text of up to 128 characters)";
            throw new RestError(400, message, List.of(new FieldError("requestId", message)));
        }
        return id.getAsString();
    }

    /** The device or session a command is about, for the audit log; "" when it names none. */
    private static String subject(JsonObject body) {
        for (String field : List.of("device", "session")) {
            JsonElement value = body.get(field);
            if (value != null && value.isJsonPrimitive()) {
                String text = value.getAsString();
                return text.length() > 64 ? text.substring(0, 64) : text;
            }
        }
        return "";
    }

    private static String text(JsonObject body, String field, String what) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> known = Set.of("requestId", field);
        SettingsParser.onlyKnown(body, known, errors);
        String value = SettingsParser.requiredText(body, field, what, errors);
        if (!errors.isEmpty()) {
            throw new RestError(400, errors.get(0).message(), errors);
        }
        return value;
    }
}
