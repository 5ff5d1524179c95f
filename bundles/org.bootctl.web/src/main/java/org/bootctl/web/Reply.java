package org.bootctl.web;

import java.nio.file.Path;

/**
 * What a handler answers: a status and a JSON value, or a file to send as it is.
 *
 * @param location the Location header of a 201, or null
 */
record Reply(int status, Object json, Path file, String contentType, String location) {

    static Reply ok(Object json) {
        return new Reply(200, json, null, null, null);
    }

    static Reply created(Object json, String location) {
        return new Reply(201, json, null, null, location);
    }

    static Reply noContent() {
        return new Reply(204, null, null, null, null);
    }

    static Reply file(Path file, String contentType) {
        return new Reply(200, null, file, contentType, null);
    }
}
