package org.bootctl.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeoutException;

/**
 * Reads request bodies up to the limit, within a deadline: more is 413, whatever the
 * Content-Length said; a body still arriving after {@link #DEADLINE_MS} is 408, and one that
 * stops short (the server's idle timeout ends every silent read) is 408 too. A slow client
 * therefore holds a request thread for a bounded time, never for as long as it likes.
 */
final class Bodies {

    /** The largest body taken: 256 KiB. */
    static final int LIMIT = 256 * 1024;
    /** The whole body must have arrived within this (docs/API.md, "Limits"). */
    static final long DEADLINE_MS = 5_000;

    private Bodies() {
    }

    static String read(InputStream in, int limit) throws IOException {
        return read(in, limit, DEADLINE_MS);
    }

    static String read(InputStream in, int limit, long deadlineMs) throws IOException {
        long deadline = System.nanoTime() + deadlineMs * 1_000_000;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        try {
            for (int n; (n = in.read(chunk)) >= 0; ) {
                body.write(chunk, 0, n);
                if (body.size() > limit) {
                    throw tooLarge(limit);
                }
                if (System.nanoTime() - deadline > 0) {
                    throw late(deadlineMs);
                }
            }
        } catch (IOException e) {
            throw timedOut(e) ? late(deadlineMs) : new ApiError(400, "the body broke off before its end");
        }
        return body.toString(StandardCharsets.UTF_8);
    }

    static ApiError tooLarge(int limit) {
        return new ApiError(413, "the body is larger than " + limit / 1024 + " KiB");
    }

    private static ApiError late(long deadlineMs) {
        return new ApiError(408, "the body did not arrive within " + deadlineMs / 1000 + " s; send it at once");
    }

    /** The server's idle timeout ends a silent read with a TimeoutException somewhere in the causes. */
    private static boolean timedOut(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof java.net.SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
