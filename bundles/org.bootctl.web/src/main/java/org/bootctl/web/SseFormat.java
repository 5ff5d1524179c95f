package org.bootctl.web;

import java.nio.charset.StandardCharsets;

/** The text of a Server-Sent-Events stream: named events with a JSON data line, comments, the retry hint. */
final class SseFormat {

    private SseFormat() {
    }

    /** {@code event: NAME}, one {@code data:} line per line of the value (JSON has none), then a blank line. */
    static byte[] eventText(String name, String data) {
        if (name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("an event name is one line: " + name);
        }
        StringBuilder text = new StringBuilder(data.length() + name.length() + 16);
        text.append("event: ").append(name).append('\n');
        for (String line : data.split("\r\n|\r|\n", -1)) {
            text.append("data: ").append(line).append('\n');
        }
        return text.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** An event whose data is {@code value} as JSON. */
    static byte[] event(String name, Object value) {
        return eventText(name, Json.write(value));
    }

    /** A comment line: ignored by browsers, keeps proxies and idle connections open. */
    static byte[] comment(String text) {
        return (": " + text.replaceAll("[\r\n]", " ") + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    /** How long a browser waits before it reconnects after the stream broke. */
    static byte[] retry(long ms) {
        return ("retry: " + ms + "\n\n").getBytes(StandardCharsets.UTF_8);
    }
}
