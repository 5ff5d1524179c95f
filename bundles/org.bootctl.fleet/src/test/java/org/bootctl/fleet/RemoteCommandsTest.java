package org.bootctl.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.bootctl.api.audit.AuditEvent;
import org.bootctl.api.program.Settings;
import org.bootctl.api.session.SessionException;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionService;
import org.bootctl.api.session.SessionState;
import org.bootctl.web.contract.Views;
import org.junit.jupiter.api.Test;

/**
 * What is answered before the engine is asked: 403 for a command remote control does not allow
 * (estop never), 400 for a body that is not JSON or lacks a requestId, 404 for an unknown verb,
 * 413 for a body over the REST API's limit, 503 without an engine; every one audited.
 */
class RemoteCommandsTest {

    private final List<AuditEvent> audited = new ArrayList<>();

    @Test
    void refusalsAreAnsweredAsTheRestApiWouldAndAudited() {
        Topics topics = new Topics("s1", "u1");
        RemoteCommands off = new RemoteCommands(() -> null, false, audited::add, topics);
        assertEquals(403, off.handle("start", bytes("{\"requestId\":\"r1\",\"device\":\"d\"}")).status());
        assertEquals(403, off.handle("clear-fault", bytes("{\"requestId\":\"r2\",\"device\":\"d\"}")).status());
        RemoteCommands.Reply estop = off.handle("estop", bytes("{\"requestId\":\"r3\"}"));
        assertEquals(503, estop.status(), "estop passes remote control; without an engine: 503");
        assertEquals("r3", estop.requestId());

        RemoteCommands on = new RemoteCommands(() -> null, true, audited::add, topics);
        assertEquals(400, on.handle("start", bytes("{\"requestId\":")).status());
        assertEquals(400, on.handle("start", bytes("[1]")).status());
        RemoteCommands.Reply noId = on.handle("stop", bytes("{\"session\":\"x\"}"));
        assertEquals(400, noId.status());
        assertTrue(noId.body().toString().contains("requestId"), noId.body().toString());
        assertEquals(404, on.handle("reboot", bytes("{\"requestId\":\"r4\"}")).status());
        assertEquals(413, on.handle("start", new byte[RemoteCommands.MAX_BYTES + 1]).status());

        assertEquals(8, audited.size(), "every command is audited, refused or not");
        AuditEvent first = audited.get(0);
        assertEquals(AuditEvent.REMOTE_COMMAND, first.action());
        assertEquals("fleet s1/u1", first.source());
        assertEquals("d", first.subject());
        assertEquals("r1", first.details().get("requestId"));
        assertEquals("403", first.details().get("status"));
        assertEquals(AuditEvent.ESTOP, audited.get(2).action());
    }

    @Test
    void aStartCarriesTheClientReferenceAndABadOneIsRefusedUnechoed() {
        AtomicReference<Settings> started = new AtomicReference<>();
        SessionService engine = (SessionService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {SessionService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("device")) {
                        return Optional.empty();
                    }
                    if (method.getName().equals("start")) {
                        started.set((Settings) args[2]);
                        throw new SessionException(SessionException.Reason.CONFLICT, "busy");
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        RemoteCommands on = new RemoteCommands(() -> engine, true, audited::add, new Topics("s1", "u1"));

        RemoteCommands.Reply reply = on.handle("start", bytes(
                "{\"requestId\":\"r1\",\"device\":\"d\",\"program\":\"sequential\",\"level\":3,\"minutes\":20,\"client\":\"C-0042\"}"));
        assertEquals(409, reply.status(), "the engine's answer: " + reply.body());
        assertEquals("C-0042", started.get().client());

        started.set(null);
        RemoteCommands.Reply bad = on.handle("start", bytes(
                "{\"requestId\":\"r2\",\"device\":\"d\",\"program\":\"sequential\",\"level\":3,\"minutes\":20,\"client\":\"Jane Doe\"}"));
        assertEquals(400, bad.status());
        assertTrue(bad.body().toString().contains("client"), bad.body().toString());
        assertFalse(bad.body().toString().contains("Jane"), "a refused reference is never echoed: " + bad.body());
        assertNull(started.get(), "nothing started");
    }

    /** A bad body is answered with the REST API's error JSON, word for word (issue 16: "the REST API's error JSON"). */
    @Test
    void aBodyThatIsNotStrictJsonIsRefusedInTheRestApisWords() {
        RemoteCommands on = new RemoteCommands(() -> null, true, audited::add, new Topics("s1", "u1"));
        RemoteCommands.Reply lenient = on.handle("start", bytes("not json"));
        assertEquals(400, lenient.status());
        RestError.ErrorBody body = (RestError.ErrorBody) lenient.body();
        assertEquals("malformed JSON: not strict JSON (no comments, single quotes, unquoted names or leading zeros)"
                + " at line 1 column 1", body.error(), "as POST /api/sessions answers the same body");
        assertFalse(body.error().contains("setStrictness"), "never Gson's advice: " + body.error());

        RemoteCommands.Reply twice = on.handle("start", bytes(
                "{\"requestId\":\"r1\",\"device\":\"d\",\"program\":\"wave\",\"level\":7,\"level\":1,\"minutes\":1}"));
        assertEquals(400, twice.status(), "a key twice is refused as the REST API refuses it, not read as its last value");
        assertTrue(((RestError.ErrorBody) twice.body()).error().contains("\"level\" appears twice"), twice.body().toString());
        assertEquals("r1", twice.requestId(), "the refusal names the command it answers");
    }

    /** docs/FLEET.md: a command that was not carried out is audited with why, as the detail {@code error}. */
    @Test
    void aRefusedCommandIsAuditedWithWhy() {
        RemoteCommands off = new RemoteCommands(() -> null, false, audited::add, new Topics("s1", "u1"));
        off.handle("start", bytes("{\"requestId\":\"r1\",\"device\":\"d\"}"));
        assertTrue(audited.get(0).details().get("error").startsWith("remote control is off on s1/u1"),
                audited.get(0).details().toString());
    }

    /**
     * issue 13 and 16: a start of a program the library lists only as invalid is answered as
     * {@code POST /api/sessions} answers it, 400 naming its file and first error with every error
     * in the details, not the engine's 404 "no program".
     */
    @Test
    void aStartOfAProgramListedAsInvalidIs400NamingItsFile() {
        SessionService engine = (SessionService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {SessionService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("device")) {
                        return Optional.empty();
                    }
                    if (method.getName().equals("start")) {
                        throw new SessionException(SessionException.Reason.NOT_FOUND, "no program 'bad'");
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        List<org.bootctl.api.program.ValidationError> errors = List.of(
                new org.bootctl.api.program.ValidationError("$", 1, "missing key \"zones\""),
                new org.bootctl.api.program.ValidationError("$.cycle", 1, "needs at least one step"));
        org.bootctl.api.program.ProgramLibrary library = (org.bootctl.api.program.ProgramLibrary) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {org.bootctl.api.program.ProgramLibrary.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("entries")) {
                        return List.of(new org.bootctl.api.program.ProgramEntry("bad", null, "fleet",
                                "/data/fleet/programs/bad.json", errors));
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        RemoteCommands on = new RemoteCommands(() -> engine, () -> library, true, audited::add, new Topics("s1", "u1"));
        RemoteCommands.Reply reply = on.handle("start", bytes(
                "{\"requestId\":\"r1\",\"device\":\"d\",\"program\":\"bad\",\"level\":2,\"minutes\":1}"));
        assertEquals(400, reply.status(), reply.body().toString());
        RestError.ErrorBody body = (RestError.ErrorBody) reply.body();
        assertEquals("program 'bad' (bad.json) is not valid: $: missing key \"zones\" (line 1)", body.error());
        assertEquals(2, body.details().size(), "every error in the details: " + body);

        RemoteCommands.Reply unknown = on.handle("start", bytes(
                "{\"requestId\":\"r2\",\"device\":\"d\",\"program\":\"nope\",\"level\":2,\"minutes\":1}"));
        assertEquals(404, unknown.status(), "a program nobody lists is still unknown: " + unknown.body());
    }

    /** issue 16: a start's bad body is answered with the REST API's error JSON, word for word (requestId aside). */
    @Test
    void aStartWithAnUnknownFieldIsRefusedAsPostApiSessionsRefusesIt() {
        SessionService engine = (SessionService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {SessionService.class}, (proxy, method, args) -> {
                    throw new UnsupportedOperationException(method.getName()); // never reached: refused before
                });
        RemoteCommands on = new RemoteCommands(() -> engine, true, audited::add, new Topics("s1", "u1"));
        String rest = "{\"device\":\"d\",\"program\":\"wave\",\"level\":2,\"minutes\":1,\"extra\":1}";
        List<org.bootctl.web.contract.FieldError> expected = new ArrayList<>();
        org.bootctl.web.contract.StartRequest.read(com.google.gson.JsonParser.parseString(rest).getAsJsonObject(), java.util.Set.of(), expected);
        RemoteCommands.Reply reply = on.handle("start", bytes("{\"requestId\":\"r1\"," + rest.substring(1)));
        assertEquals(400, reply.status());
        assertEquals(expected.get(0).message(), ((RestError.ErrorBody) reply.body()).error(), "as POST /api/sessions words it");
    }

    /**
     * issue 16: the reply carries the body the REST API gives for the same request, and POST
     * /api/sessions and its pause, resume and stop answer the state the request led to once the
     * device's loop has carried it out (a start FIT_CHECK, not IDLE; a pause PAUSED; a stop STOPPED).
     */
    @Test
    void startPauseResumeAndStopAreAnsweredWithTheStateTheyLedTo() {
        Map<String, SessionState> now = new HashMap<>();
        Map<String, Integer> asked = new HashMap<>();
        SessionService engine = (SessionService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {SessionService.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "device" -> Optional.empty();
                    // the engine answers a request with the state before it; its loop carries it out a few reads later
                    case "start" -> queued(now, "s-1", SessionState.IDLE, SessionState.FIT_CHECK);
                    case "pause" -> queued(now, "s-1", SessionState.RUNNING, SessionState.PAUSED);
                    case "resume" -> queued(now, "s-1", SessionState.PAUSED, SessionState.RUNNING);
                    case "stop" -> queued(now, "s-1", SessionState.RUNNING, SessionState.STOPPED);
                    case "session" -> asked.merge((String) args[0], 1, Integer::sum) % 3 == 0
                            ? Optional.of(info("s-1", now.get("s-1"))) : Optional.of(info("s-1", before(now.get("s-1"))));
                    case "settled" -> java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args); // the API's wait
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        RemoteCommands on = new RemoteCommands(() -> engine, true, audited::add, new Topics("s1", "u1"));

        RemoteCommands.Reply start = on.handle("start", bytes(
                "{\"requestId\":\"r1\",\"device\":\"d\",\"program\":\"sequential\",\"level\":3,\"minutes\":20}"));
        assertEquals(201, start.status(), String.valueOf(start.body()));
        assertEquals("FIT_CHECK", ((Views.SessionView) start.body()).state());
        assertEquals("PAUSED", state(on.handle("pause", bytes("{\"requestId\":\"r2\",\"session\":\"s-1\"}"))));
        assertEquals("RUNNING", state(on.handle("resume", bytes("{\"requestId\":\"r3\",\"session\":\"s-1\"}"))));
        assertEquals("STOPPED", state(on.handle("stop", bytes("{\"requestId\":\"r4\",\"session\":\"s-1\"}"))));
    }

    /** The state a request was answered with before the loop carried it out, by the state it leads to. */
    private static final Map<SessionState, SessionState> BEFORE = Map.of(SessionState.FIT_CHECK, SessionState.IDLE,
            SessionState.PAUSED, SessionState.RUNNING, SessionState.RUNNING, SessionState.PAUSED,
            SessionState.STOPPED, SessionState.RUNNING);

    private static SessionState before(SessionState after) {
        return BEFORE.get(after);
    }

    private static SessionInfo queued(Map<String, SessionState> now, String id, SessionState before, SessionState after) {
        now.put(id, after);
        return info(id, before);
    }

    private static SessionInfo info(String id, SessionState state) {
        return new SessionInfo(id, "d", "sequential", "1.0.0", Settings.level(3, 20), state, 0, -1, 0, 1_200_000L,
                Instant.EPOCH, null, null, null);
    }

    private static String state(RemoteCommands.Reply reply) {
        assertEquals(200, reply.status(), String.valueOf(reply.body()));
        return ((Views.SessionView) reply.body()).state();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
