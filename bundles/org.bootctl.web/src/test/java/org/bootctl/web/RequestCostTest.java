package org.bootctl.web;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Repro (rev-web): a body within the 256 KiB limit costs the server far more than its size. A
 * POST /api/sessions body of 24,000 unknown keys (253 KB) is answered with 24,004 field errors,
 * a 3.4 MB answer built in memory (13 times the body), on top of a parse tree of ~3 MB. Run live
 * against bin/bootctl with the service's -Xmx64m (docs/OPERATIONS.md) and a session running:
 * 16 such requests at once from ONE client address (its requestsInFlightPerClient) faulted the
 * session ("stale telemetry: no sample for 250 ms"); from 4 addresses the controller ran out of
 * heap, stayed in back-to-back full GCs after the load stopped, and POST /api/estop no longer answered.
 */
class RequestCostTest {

    @Test
    void aBodyOfManyUnknownKeysIsAnsweredWithABoundedListOfErrors() {
        String body = IntStream.range(0, 24_000).mapToObj(i -> "\"k" + i + "\":0")
                .collect(Collectors.joining(",", "{", "}"));
        assertTrue(body.length() <= Bodies.LIMIT);
        ApiError refused = assertThrows(ApiError.class, () -> SessionRequest.parse(body));
        int answer = Json.write(refused.body()).length();
        assertTrue(refused.details().size() <= 100 && answer <= body.length(),
                "a " + body.length() + "-byte body got " + refused.details().size() + " errors in a "
                        + answer + "-byte answer");
    }
}
