package org.bootctl.engine.record;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.bootctl.api.session.Fault;
import org.bootctl.api.session.SessionRecord;
import org.bootctl.api.session.SessionState;

/**
 * Writes what sessions leave behind — history lines, open-session markers, traces — on one
 * writer (an executor running tasks one at a time, in order), so the control loop never waits for
 * a disk (a start waits for its marker, on the caller's thread, never the loop's). History lines
 * and markers are never dropped; trace chunks are, beyond {@link #MAX_PENDING_CHUNKS} waiting (a
 * disk stalled for many minutes), with a warning.
 */
public final class Recorder {

    public static final String INTERRUPTED = "interrupted: controller stopped unexpectedly";
    static final int ROWS_PER_CHUNK = 50;
    static final int MAX_PENDING_CHUNKS = 1024;
    /** How long a start waits for its marker to reach the disk before it is refused. */
    static final long MARKER_WAIT_MS = 5000;
    private static final System.Logger LOG = System.getLogger(Recorder.class.getName());

    private final Executor writer;
    private final boolean ownsFolder;
    private final HistoryStore history;
    private final TraceFiles traces;
    private final OpenSessions markers;
    private final Set<String> openTraces = ConcurrentHashMap.newKeySet();
    private final AtomicInteger pendingChunks = new AtomicInteger();

    /**
     * A recorder that owns its data folder: it recovers what a crash left there.
     *
     * @param dataDir the data folder ({@code bootctl.data})
     * @param writer  runs tasks one at a time in order; tests pass {@code Runnable::run}
     */
    public Recorder(Path dataDir, Executor writer) {
        this(dataDir, writer, true);
    }

    /**
     * @param ownsFolder false when another process may be running sessions in the folder (a
     *                   command beside {@code bootctl run}): its open-session markers are then
     *                   live sessions, never recovered here
     */
    public Recorder(Path dataDir, Executor writer, boolean ownsFolder) {
        this.writer = writer;
        this.ownsFolder = ownsFolder;
        history = new HistoryStore(dataDir.resolve("history.jsonl"));
        traces = new TraceFiles(dataDir.resolve("traces"));
        markers = new OpenSessions(dataDir.resolve("sessions").resolve("open"));
    }

    public HistoryStore history() {
        return history;
    }

    public TraceFiles traces() {
        return traces;
    }

    /**
     * Turns markers left by a crash into history lines, one per session: a marker whose session
     * has a line already (a crash between the line and the marker's removal) is only removed.
     * Runs on the writer, before any new session's task; recovers nothing unless the folder is ours.
     */
    public void recoverInterrupted() {
        submit(ownsFolder ? this::recoverAll : this::leaveOthersMarkers);
    }

    /** Says so only when there are markers: a command that merely lists programs stays quiet. */
    private void leaveOthersMarkers() throws IOException {
        int open = markers.leftovers().size();
        if (open > 0) {
            LOG.log(Level.INFO, open + " open-session marker(s) in this data folder left to the process that runs"
                    + " sessions here (bootctl run or session)");
        }
    }

    private void recoverAll() throws IOException {
        markers.deleteUnfinished();
        Map<Path, SessionRecord> open = new LinkedHashMap<>();
        for (Path marker : markers.leftovers()) {
            SessionRecord begun = OpenSessions.read(marker);
            if (begun == null) {
                LOG.log(Level.WARNING, "unreadable open-session marker " + marker + "; left in place");
            } else {
                open.put(marker, begun);
            }
        }
        Set<String> recorded = history.recorded(open.values().stream().map(SessionRecord::id)
                .collect(Collectors.toSet()));
        for (Map.Entry<Path, SessionRecord> marker : open.entrySet()) {
            if (recorded.contains(marker.getValue().id())) {
                Files.deleteIfExists(marker.getKey());
                LOG.log(Level.INFO, "session " + marker.getValue().id() + " was recorded before a crash; its"
                        + " open-session marker is removed");
            } else {
                recover(marker.getKey(), marker.getValue());
            }
        }
    }

    private void recover(Path marker, SessionRecord begun) throws IOException {
        Optional<Path> trace = traces.existing(begun.id());
        Optional<TraceFiles.Summary> summary = trace.flatMap(TraceFiles::summarize);
        FileTime lastSign = Files.getLastModifiedTime(trace.orElse(marker));
        Fault fault = summary.filter(s -> s.highestChannel() != null)
                .map(s -> new Fault("interrupted", s.highestChannel(), zoneOf(s.highestChannel()),
                        s.highestLastMmHg(), INTERRUPTED))
                .orElse(new Fault("interrupted", null, 0, 0, INTERRUPTED));
        SessionRecord record = begun.toBuilder().end(lastSign.toInstant()).state(SessionState.FAULT)
                .endReason(INTERRUPTED).fault(fault).cycles(summary.map(TraceFiles.Summary::cycles).orElse(0))
                .peakMmHg(summary.map(TraceFiles.Summary::peakMmHg).orElse(Map.of()))
                .fitCheckMs(begun.fitCheckMs() == null ? Map.of() : begun.fitCheckMs()).interrupted(true).build();
        history.append(record);
        Files.deleteIfExists(marker);
        LOG.log(Level.WARNING, "session " + begun.id() + " was cut off by a crash; recorded as interrupted");
    }

    private static int zoneOf(String channelId) {
        try {
            return Integer.parseInt(channelId.substring(1));
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /**
     * A session is about to start: its marker, forced to the disk, before the caller goes on
     * (and before the start is answered), so that a crash at any later moment cannot lose it.
     * Written on the writer, after any recovery and before the session's own end.
     *
     * @throws IOException when the marker could not be written within {@value #MARKER_WAIT_MS} ms;
     *                     the session must then not start
     */
    public void sessionStarting(SessionRecord begun) throws IOException {
        CompletableFuture<Void> written = new CompletableFuture<>();
        try {
            writer.execute(() -> {
                try {
                    markers.write(begun);
                    written.complete(null);
                } catch (IOException | RuntimeException e) {
                    written.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            throw new IOException("the recorder is closed");
        }
        try {
            written.get(MARKER_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException("the disk did not take the session's record within " + MARKER_WAIT_MS + " ms");
        } catch (ExecutionException e) {
            throw new IOException(words(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while recording the session");
        }
    }

    /**
     * Why the disk refused, for a person: the file and the system's reason, never an exception's
     * class name ({@code java.io.IOException: No space left on device} read as a program's crash).
     */
    static String words(Throwable e) {
        if (e instanceof AccessDeniedException denied) {
            return "permission denied: " + denied.getFile();
        }
        if (e instanceof FileAlreadyExistsException inTheWay) {
            return inTheWay.getFile() + " is in the way (a file where a folder must be?)";
        }
        if (e instanceof NoSuchFileException missing) {
            return missing.getFile() + " does not exist";
        }
        String message = e == null ? null : e.getMessage();
        return message == null || message.isBlank() ? "an input/output error" : message;
    }

    /** A session whose marker was written did not start after all: the marker goes. */
    public void sessionDiscarded(String sessionId) {
        submit(() -> markers.delete(sessionId));
    }

    /** A session ended: its history line, forced to disk, then its marker goes. */
    public void sessionEnded(SessionRecord record) {
        submit(() -> {
            history.append(record);
            markers.delete(record.id());
        });
    }

    /** A trace for a session: the file is opened and written on the writer. */
    public TraceSink openTrace(String sessionId, String header) {
        Optional<Path> path = traces.path(sessionId);
        if (path.isEmpty()) {
            return TraceSink.NONE;
        }
        openTraces.add(sessionId);
        ChunkedTrace trace = new ChunkedTrace(sessionId, path.get());
        submit(() -> trace.open(header));
        return trace;
    }

    private void submit(IoTask task) {
        try {
            writer.execute(() -> {
                try {
                    task.run();
                } catch (IOException | RuntimeException e) {
                    LOG.log(Level.ERROR, "recording failed: " + e, e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.log(Level.ERROR, "recorder is closed; lost a write: " + e);
        }
    }

    @FunctionalInterface
    private interface IoTask {
        void run() throws IOException;
    }

    /**
     * Rows are formatted on the loop straight into a chunk; the writer appends chunks to the file.
     * A chunk's buffer itself goes to the writer (no copy of it on the loop), and once written it
     * comes back as the spare for a later chunk: while the disk keeps up, the loop allocates
     * nothing per chunk, and the writer writes the chunk's bytes as they are.
     */
    private final class ChunkedTrace implements TraceSink {
        private static final int CHUNK_BYTES = 8192;

        private final String sessionId;
        private final Path path;
        private final AtomicReference<TraceBytes> spare = new AtomicReference<>();
        private TraceBytes chunk = new TraceBytes(CHUNK_BYTES);
        /** The chunk's length up to the end of its last complete row. */
        private int complete;
        private int rows;
        private int dropped;
        private OutputStream out; // writer thread only
        /** The disk refused a write (full, gone): said once; the rest of this trace is not written. */
        private boolean failed; // writer thread only

        ChunkedTrace(String sessionId, Path path) {
            this.sessionId = sessionId;
            this.path = path;
        }

        @Override
        public TraceBytes rowBuffer() {
            chunk.setLength(complete);
            return chunk;
        }

        @Override
        public void rowWritten() {
            chunk.append('\n');
            complete = chunk.length();
            if (++rows >= ROWS_PER_CHUNK) {
                handOff();
            }
        }

        @Override
        public void close() {
            handOff();
            submit(() -> {
                try {
                    if (out != null) {
                        out.close();
                    }
                } finally {
                    openTraces.remove(sessionId);
                    traces.prune(openTraces);
                }
            });
        }

        private void handOff() {
            chunk.setLength(complete);
            if (complete == 0) {
                return;
            }
            rows = 0;
            complete = 0;
            if (pendingChunks.incrementAndGet() > MAX_PENDING_CHUNKS) {
                pendingChunks.decrementAndGet();
                chunk.setLength(0);
                if (dropped++ == 0) {
                    LOG.log(Level.WARNING, "trace " + sessionId + ": the disk is not keeping up; rows dropped");
                }
                return;
            }
            TraceBytes full = chunk;
            TraceBytes next = spare.getAndSet(null);
            chunk = next != null ? next : new TraceBytes(CHUNK_BYTES);
            submit(() -> {
                try {
                    write(full);
                } finally {
                    full.setLength(0);
                    pendingChunks.decrementAndGet();
                    spare.set(full);
                }
            });
        }

        void open(String header) {
            try {
                Files.createDirectories(path.getParent());
                out = Files.newOutputStream(path);
                out.write((header + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                failed(e);
            }
        }

        private void write(TraceBytes rows) {
            if (out != null && !failed) {
                try {
                    rows.writeTo(out);
                    out.flush();
                } catch (IOException e) {
                    failed(e);
                }
            }
        }

        /** Once per trace: a full disk must not log a stack trace for every chunk of a session. */
        private void failed(IOException e) {
            if (!failed) {
                failed = true;
                LOG.log(Level.ERROR, "trace " + sessionId + " cannot be written (" + e + "): the rest of it is not kept;"
                        + " the session runs on; free space on the data folder's disk (" + path + ")");
            }
        }
    }
}
