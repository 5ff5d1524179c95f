package org.bootctl.launcher.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionService;
import org.bootctl.api.session.SessionState;
import org.bootctl.tools.bench.AdversarialWebLoad;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, finding 1, as another machine would meet it: the server listens on every address
 * with a token set, and the hostile load (stalled uploads, event streams, a flood) comes from a
 * client without the token, through this machine's own non-loopback address. The emergency
 * stop from that client, without the token, is answered and stops the session.
 */
@Tag("realtime")
class WebHardeningRemoteIT {

    static final String TOKEN = "hard-T0ken-51c0e7";

    @TempDir
    static Path data;
    static WebRuntime web;
    static InetSocketAddress remote;

    @BeforeAll
    static void start() throws Exception {
        Optional<InetAddress> address = WebSecurityIT.nonLoopbackAddress();
        Assumptions.assumeTrue(address.isPresent(),
                "this machine has no non-loopback address up: a client from another machine cannot be played here");
        web = WebRuntime.start(data, Map.of("http-bind", "0.0.0.0", "web-token", TOKEN));
        remote = new InetSocketAddress(address.get(), web.base.getPort());
    }

    @AfterAll
    static void stop() {
        if (web != null) {
            web.close();
        }
    }

    @Test
    void underALoadWithoutTheTokenTheStopWithoutTheTokenIsAnsweredAndStopsTheSession() throws Exception {
        HttpResponse<String> started = web.send(HttpRequest.newBuilder(web.base.resolve("/api/sessions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        WebHardeningIT.SESSION)));
        assertEquals(201, started.statusCode(), started.body());
        String id = JsonParser.parseString(started.body()).getAsJsonObject().get("id").getAsString();
        StopsUnderLoad sent = StopsUnderLoad.send(remote, WebHardeningIT.ANSWER_MS);
        List<AdversarialWebLoad.Stop> stops = sent.stops();
        AdversarialWebLoad.Counts counts = sent.counts();
        System.out.println("WebHardeningRemoteIT: emergency stops under load " + stops + "; load " + counts);
        assertTrue(counts.uploadsOpened() >= 500 && counts.streamsOpened() >= 500 && counts.floodSent() >= 1000,
                "the load was as meant: " + counts);
        assertTrue(counts.statuses().getOrDefault(401, 0L) > 0, "the uploads without the token were refused: " + counts);
        assertTrue(counts.statuses().keySet().stream().noneMatch(s -> s >= 500), "no 5xx: " + counts);
        for (AdversarialWebLoad.Stop stop : stops) {
            assertEquals(200, stop.status(), "every emergency stop answered 200: " + stops);
        }
        SessionService sessions = web.runtime.service(SessionService.class, null).orElseThrow();
        SessionInfo session = sessions.session(id).orElseThrow();
        assertTrue(session.state() == SessionState.STOPPED && "emergency stop".equals(session.endReason())
                || session.state() == SessionState.FAULT, session.toString());
        assertTrue(sessions.device("sim-1").orElseThrow().fault() != null, "the stop latched a fault");
    }
}
