package org.bootctl.web.jetty;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

class ErrorTextTest {

    @Test
    void theServersOwnRefusalsAreClientStatusesInPlainWords() {
        assertEquals(400, ErrorText.status(505), "an HTTP/0.9 line is the client's mistake");
        assertEquals(431, ErrorText.status(431));
        assertEquals(400, ErrorText.status(200), "never a success");
        assertEquals("the request cannot be read: Bad HostPort", ErrorText.error(400, "Bad HostPort"));
        assertEquals("the request cannot be read", ErrorText.error(400, "org.eclipse.jetty.http.BadMessageException: x"));
        assertEquals("the request cannot be read", ErrorText.error(400, "java.lang.IllegalStateException"));
        assertEquals("the server could not answer; its log has the details", ErrorText.error(500, null));
        assertEquals("this request is not allowed", ErrorText.error(403, ""));
    }

    @Test
    void theBodyIsTheErrorShapeOfBothApis() {
        var body = JsonParser.parseString(ErrorText.json(413, null)).getAsJsonObject();
        assertEquals("the request is too large", body.get("error").getAsString());
        assertEquals(0, body.getAsJsonArray("details").size());
        assertEquals(2, body.size());
        // no HTML escaping: the sentence reads as written
        assertEquals("{\"error\":\"this request needs the access token: Authorization: Bearer <token>\",\"details\":[]}",
                ErrorText.json(401, null));
    }
}
