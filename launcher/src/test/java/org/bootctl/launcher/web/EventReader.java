package org.bootctl.launcher.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A client of /api/events: parses the stream into events on its own thread. */
final class EventReader implements AutoCloseable {

    /** One event: its name and data line; comments and retry hints as they came. */
    record Event(String name, String data) {
    }

    final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    final List<String> comments = new ArrayList<>();
    volatile String retry;
    volatile String contentType;
    private final InputStream stream;
    private final Thread thread;

    EventReader(URI base) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(base.resolve("/api/events")).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET /api/events: " + response.statusCode());
        }
        contentType = response.headers().firstValue("Content-Type").orElse("");
        stream = response.body();
        thread = new Thread(this::read, "test-event-reader");
        thread.setDaemon(true);
        thread.start();
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String name = null;
            StringBuilder data = new StringBuilder();
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    if (name != null) {
                        events.add(new Event(name, data.toString()));
                    }
                    name = null;
                    data.setLength(0);
                } else if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data.append(data.length() > 0 ? "\n" : "").append(line.substring(6));
                } else if (line.startsWith("retry: ")) {
                    retry = line.substring(7);
                } else if (line.startsWith(":")) {
                    synchronized (comments) {
                        comments.add(line);
                    }
                }
            }
        } catch (IOException closed) {
            // the test closed it, or the server ended it
        }
    }

    /** The next event that matches, skipping others; fails after the deadline. */
    Event next(Predicate<Event> wanted, Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (true) {
            long left = end - System.nanoTime();
            Event event = left <= 0 ? null : events.poll(left, TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new AssertionError("no such event within " + deadline.toSeconds() + " s");
            }
            if (wanted.test(event)) {
                return event;
            }
        }
    }

    Event next(String name) throws InterruptedException {
        return next(e -> e.name().equals(name), WebRuntime.DEADLINE);
    }

    @Override
    public void close() {
        try {
            stream.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        thread.interrupt();
    }
}
