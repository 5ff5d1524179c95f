package org.bootctl.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads request bodies up to the limit; more is 413, whatever the Content-Length said. */
final class Bodies {

    /** The largest body taken: 256 KiB. */
    static final int LIMIT = 256 * 1024;

    private Bodies() {
    }

    static String read(InputStream in, int limit) throws IOException {
        byte[] bytes = in.readNBytes(limit + 1);
        if (bytes.length > limit) {
            throw tooLarge(limit);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static ApiError tooLarge(int limit) {
        return new ApiError(413, "the body is larger than " + limit / 1024 + " KiB");
    }
}
