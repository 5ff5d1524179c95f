package org.bootctl.web;

import static org.bootctl.web.Fakes.fake;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bootctl.api.audit.AuditEvent;
import org.bootctl.api.audit.AuditLog;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.device.Models;
import org.bootctl.api.program.ProgramEntry;
import org.bootctl.api.program.ProgramInfo;
import org.bootctl.api.program.ProgramLibrary;
import org.bootctl.api.session.DeviceStatus;
import org.bootctl.api.session.SessionException;
import org.bootctl.api.session.SessionService;
import org.bootctl.api.session.SessionState;
import org.junit.jupiter.api.Test;

/**
 * What the API records in the audit log (issue 9): emergency stops, fault clears, program uploads
 * and deletes, each with the web client's address. The real servlet, with fake services, a fake
 * audit log and fake HTTP requests.
 */
class AuditTest {

    private static final String CLIENT = "192.168.1.20";
    private static final DeviceStatus SIM_1 = new DeviceStatus(DeviceDescription.of("sim-1", Models.RB2_L5, "S1", "2.0", 50),
            SessionState.IDLE, null, null);
    private static final DeviceStatus SIM_2 = new DeviceStatus(DeviceDescription.of("sim-2", Models.RB2_L5, "S2", "2.0", 50),
            SessionState.IDLE, null, null);

    private final List<AuditEvent> recorded = new ArrayList<>();
    private final List<String> deleted = new ArrayList<>();
    private boolean faultPersists;

    private final SessionService sessions = fake(SessionService.class, Map.of(
            "emergencyStop", a -> a[0].equals("sim-1") || a[0].equals("sim-2"),
            "emergencyStopAll", a -> null,
            "devices", a -> List.of(SIM_1, SIM_2),
            "device", a -> Optional.ofNullable(a[0].equals("sim-1") ? SIM_1 : a[0].equals("sim-2") ? SIM_2 : null),
            "clearFault", a -> {
                if (faultPersists) {
                    throw new SessionException(SessionException.Reason.CONFLICT, "over-pressure persists");
                }
                return null;
            }));

    private final ProgramLibrary library = fake(ProgramLibrary.class, Map.of(
            "save", a -> new ProgramEntry("mine", new ProgramInfo("mine", "Mine", "1.2.0", "me", "", 1, 12), "file",
                    "/data/programs/mine.json", List.of()),
            "entries", a -> List.of(new ProgramEntry("mine", null, "file", "/data/programs/mine.json", List.of())),
            "delete", a -> a[0].equals("mine") && deleted.add((String) a[0])));

    private ApiServlet servlet(AuditLog log) throws Exception {
        ApiServlet servlet = new ApiServlet();
        set(servlet, "sessions", sessions);
        set(servlet, "library", library);
        set(servlet, "auditLog", log);
        return servlet;
    }

    @Test
    void emergencyStopsFaultClearsAndProgramChangesAreRecordedWithTheClientAddress() throws Exception {
        ApiServlet servlet = servlet(recorded::add);
        assertEquals(200, call(servlet, "POST", "/devices/sim-1/estop", ""));
        assertEquals(200, call(servlet, "POST", "/devices/sim-1/clear-fault", ""));
        assertEquals(201, call(servlet, "POST", "/programs", "{\"id\": \"mine\"}"));
        assertEquals(204, call(servlet, "DELETE", "/programs/mine", ""));
        String web = AuditEvent.web(CLIENT);
        assertEquals(List.of(
                new AuditEvent(AuditEvent.ESTOP, web, "sim-1"),
                new AuditEvent(AuditEvent.FAULT_CLEARED, web, "sim-1"),
                new AuditEvent(AuditEvent.PROGRAM_INSTALLED, web, "mine", Map.of("version", "1.2.0")),
                new AuditEvent(AuditEvent.PROGRAM_REMOVED, web, "mine")), recorded);
        assertEquals("web 192.168.1.20", recorded.get(0).source());
    }

    @Test
    void anEmergencyStopIsTakenInAnyFormTheGuardLetsThrough() throws Exception {
        ApiServlet servlet = servlet(recorded::add);
        assertEquals(200, call(servlet, "post", "/estop", ""), "the guard lets a lower-case stop through");
        assertEquals(200, call(servlet, "Post", "/devices/sim-1/estop/", ""));
        assertEquals(405, call(servlet, "post", "/devices/sim-1/clear-fault", ""), "nothing else is");
        assertEquals(3, recorded.size(), "each device stopped once, then sim-1: " + recorded);
    }

    @Test
    void stoppingEveryDeviceRecordsEachOne() throws Exception {
        assertEquals(200, call(servlet(recorded::add), "POST", "/estop", ""));
        assertEquals(List.of("sim-1", "sim-2"), recorded.stream().map(AuditEvent::subject).toList());
        assertTrue(recorded.stream().allMatch(e -> e.action().equals(AuditEvent.ESTOP)));
    }

    @Test
    void whatWasNotDoneIsNotRecorded() throws Exception {
        ApiServlet servlet = servlet(recorded::add);
        assertEquals(404, call(servlet, "POST", "/devices/nope/estop", ""));
        faultPersists = true;
        assertEquals(409, call(servlet, "POST", "/devices/sim-1/clear-fault", ""));
        assertEquals(404, call(servlet, "DELETE", "/programs/other", ""), "the library deletes nothing it does not have");
        assertEquals(List.of(), recorded);
    }

    @Test
    void anUploadThatWouldOverwriteTheFileOfAnotherProgramIs409AndNotRecorded() throws Exception {
        ApiServlet servlet = servlet(recorded::add);
        set(servlet, "library", fake(ProgramLibrary.class, Map.of("save", a -> {
            throw new java.nio.file.FileAlreadyExistsException("programs/favourite.json", null,
                    "programs/favourite.json holds program 'calf'; saving program 'favourite' there would overwrite it");
        })));
        assertEquals(409, call(servlet, "POST", "/programs", "{\"id\": \"favourite\"}"));
        assertEquals(List.of(), recorded);
    }

    @Test
    void aFileThatSharesTheIdOfABuiltInCanBeDeleted() throws Exception {
        ApiServlet servlet = servlet(recorded::add);
        set(servlet, "library", fake(ProgramLibrary.class, Map.of(
                "entries", a -> List.of(new ProgramEntry("sequential", null, "built-in", "sequential", List.of()),
                        new ProgramEntry("sequential", null, "file", "/data/programs/seq.json", List.of())),
                "delete", a -> a[0].equals("sequential") && deleted.add((String) a[0]))));
        assertEquals(204, call(servlet, "DELETE", "/programs/sequential", ""));
        assertEquals(List.of("sequential"), deleted);
        set(servlet, "library", fake(ProgramLibrary.class, Map.of(
                "entries", a -> List.of(new ProgramEntry("sequential", null, "built-in", "sequential", List.of())))));
        assertEquals(409, call(servlet, "DELETE", "/programs/sequential", ""), "a built-in alone is never deleted");
    }

    @Test
    void withoutAnAuditLogOrWithABrokenOneTheEmergencyStopStillWorks() throws Exception {
        assertEquals(200, call(servlet(null), "POST", "/devices/sim-1/estop", ""));
        AuditLog broken = event -> {
            throw new IllegalStateException("disk full");
        };
        assertEquals(200, call(servlet(broken), "POST", "/devices/sim-1/estop", ""));
        assertEquals(200, call(servlet(broken), "POST", "/devices/sim-1/clear-fault", ""));
    }

    /** Sends one request through the servlet from {@link #CLIENT}; the status it answered. */
    private static int call(ApiServlet servlet, String method, String pathInfo, String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        HttpServletRequest request = fake(HttpServletRequest.class, Map.of(
                "getMethod", a -> method,
                "getPathInfo", a -> pathInfo,
                "getRequestURI", a -> "/api" + pathInfo,
                "getRemoteAddr", a -> CLIENT,
                "getParameterMap", a -> Map.of(),
                "getInputStream", a -> new ServletInputStream() {
                    @Override
                    public int read() {
                        return in.read();
                    }

                    @Override
                    public boolean isFinished() {
                        return in.available() == 0;
                    }

                    @Override
                    public boolean isReady() {
                        return true;
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        throw new UnsupportedOperationException();
                    }
                }));
        int[] status = {200};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HttpServletResponse response = fake(HttpServletResponse.class, Map.of(
                "setStatus", a -> status[0] = (Integer) a[0],
                "setHeader", a -> null,
                "setContentType", a -> null,
                "setContentLength", a -> null,
                "isCommitted", a -> false,
                "resetBuffer", a -> null,
                "getOutputStream", a -> new ServletOutputStream() {
                    @Override
                    public void write(int b) {
                        out.write(b);
                    }

                    @Override
                    public boolean isReady() {
                        return true;
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                        throw new UnsupportedOperationException();
                    }
                }));
        servlet.service(request, response);
        return status[0];
    }

    private static void set(Object target, String field, Object value) throws ReflectiveOperationException {
        Field f = target.getClass().getDeclaredField(field);
        f.setAccessible(true);
        f.set(target, value);
    }
}
