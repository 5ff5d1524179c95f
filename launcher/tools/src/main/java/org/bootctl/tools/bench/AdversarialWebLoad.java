package org.bootctl.tools.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A hostile client's load on the web UI, all from this machine's one address (issue 12): stalled
 * uploads ({@code POST /api/sessions} announcing 200,000 bytes and sending one), event streams
 * that are opened and never end, and a flood of {@code GET /api/devices} at a steady rate, each
 * kept up (a connection the server closes is opened again) until {@link #close()}. One thread
 * drives every connection without blocking; sockets close with a reset, so the flood leaves no
 * ports waiting behind it. {@link #emergencyStop} times a stop sent meanwhile on a connection of
 * its own.
 */
public final class AdversarialWebLoad implements AutoCloseable {

    /** What the load sent and what came back. */
    public record Counts(long uploadsOpened, long streamsOpened, long floodSent, long floodSkipped,
                         Map<Integer, Long> statuses) {
    }

    /** One emergency stop: its status (0: no answer) and how long the answer took, ms. */
    public record Stop(int status, double ms) {
    }

    private enum Kind { UPLOAD, STREAM, FLOOD }

    /** Flood connections open at once at most; requests due beyond them are skipped (and counted). */
    private static final int MAX_FLOOD_OPEN = 1000;
    private static final int TICK_MS = 5;

    private final InetSocketAddress server;
    private final int uploads;
    private final int streams;
    private final int perSecond;
    private final String authorization;
    private final Selector selector;
    private final Thread thread;
    private volatile boolean running = true;
    private final int[] open = new int[Kind.values().length];
    private final AtomicLong uploadsOpened = new AtomicLong();
    private final AtomicLong streamsOpened = new AtomicLong();
    private final AtomicLong floodSent = new AtomicLong();
    private final AtomicLong floodSkipped = new AtomicLong();
    private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();

    private AdversarialWebLoad(InetSocketAddress server, int uploads, int streams, int perSecond, String authorization)
            throws IOException {
        this.server = server;
        this.uploads = uploads;
        this.streams = streams;
        this.perSecond = perSecond;
        this.authorization = authorization;
        this.selector = Selector.open();
        this.thread = new Thread(this::drive, "bootctl adversarial web load");
        this.thread.setDaemon(true);
    }

    /**
     * Starts the load.
     *
     * @param authorization an Authorization header value the load sends, or null (as a client without the token)
     */
    public static AdversarialWebLoad start(InetSocketAddress server, int uploads, int streams, int perSecond,
            String authorization) throws IOException {
        AdversarialWebLoad load = new AdversarialWebLoad(server, uploads, streams, perSecond, authorization);
        load.thread.start();
        return load;
    }

    /** Stalled uploads and event streams open now. */
    public synchronized int[] openNow() {
        return new int[] {open[Kind.UPLOAD.ordinal()], open[Kind.STREAM.ordinal()]};
    }

    public Counts counts() {
        Map<Integer, Long> byStatus = new TreeMap<>();
        statuses.forEach((status, n) -> byStatus.put(status, n.sum()));
        return new Counts(uploadsOpened.get(), streamsOpened.get(), floodSent.get(), floodSkipped.get(), byStatus);
    }

    /** Sends {@code POST /api/devices/{device}/estop} on a new connection and waits up to {@code timeoutMs} for the status line. */
    public static Stop emergencyStop(InetSocketAddress server, String device, int timeoutMs) {
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(server, timeoutMs);
            socket.setSoTimeout(timeoutMs);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/devices/" + device + "/estop HTTP/1.1\r\nHost: " + host(server)
                    + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] line = new byte[12];
            int n = in.readNBytes(line, 0, line.length);
            int status = n == line.length ? parseStatus(line) : 0;
            return new Stop(status, (System.nanoTime() - start) / 1e6);
        } catch (IOException e) {
            return new Stop(0, (System.nanoTime() - start) / 1e6);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        selector.wakeup();
        thread.join(10_000);
    }

    // ---------------------------------------------------------------------------- the one thread

    /** One connection: what is still to be written, and the first bytes of the answer. */
    private static final class Connection {
        final Kind kind;
        final ByteBuffer out;
        final ByteBuffer head = ByteBuffer.allocate(12);
        boolean counted;

        Connection(Kind kind, ByteBuffer out) {
            this.kind = kind;
            this.out = out;
        }
    }

    private void drive() {
        long start = System.nanoTime();
        long floodDue = 0;
        double[] reopenBudget = {uploads, streams};
        long last = start;
        try {
            while (running) {
                long now = System.nanoTime();
                double seconds = (now - last) / 1e9;
                last = now;
                // at most each kind's number of connections opened a second, so a refusal is no storm of opens
                reopenBudget[0] = Math.min(uploads, reopenBudget[0] + uploads * seconds);
                reopenBudget[1] = Math.min(streams, reopenBudget[1] + streams * seconds);
                while (open[Kind.UPLOAD.ordinal()] < uploads && reopenBudget[0] >= 1) {
                    reopenBudget[0]--;
                    connect(Kind.UPLOAD);
                }
                while (open[Kind.STREAM.ordinal()] < streams && reopenBudget[1] >= 1) {
                    reopenBudget[1]--;
                    connect(Kind.STREAM);
                }
                long due = (long) ((now - start) / 1e9 * perSecond);
                for (; floodDue < due; floodDue++) {
                    if (open[Kind.FLOOD.ordinal()] < MAX_FLOOD_OPEN) {
                        connect(Kind.FLOOD);
                    } else {
                        floodSkipped.incrementAndGet();
                    }
                }
                selector.select(TICK_MS);
                for (SelectionKey key : selector.selectedKeys()) {
                    handle(key);
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            // the selector itself failed: the load ends; the figures say how far it got
        } finally {
            for (SelectionKey key : selector.keys()) {
                closeQuietly(key);
            }
            try {
                selector.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }

    private void connect(Kind kind) {
        try {
            SocketChannel channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            channel.connect(server);
            channel.register(selector, SelectionKey.OP_CONNECT, new Connection(kind, request(kind)));
            synchronized (this) {
                open[kind.ordinal()]++;
            }
            switch (kind) {
                case UPLOAD -> uploadsOpened.incrementAndGet();
                case STREAM -> streamsOpened.incrementAndGet();
                case FLOOD -> floodSent.incrementAndGet();
            }
        } catch (IOException e) {
            statuses.computeIfAbsent(0, s -> new LongAdder()).increment(); // not even connected
        }
    }

    private ByteBuffer request(Kind kind) {
        String auth = authorization == null ? "" : "Authorization: " + authorization + "\r\n";
        String text = switch (kind) {
            case UPLOAD -> "POST /api/sessions HTTP/1.1\r\nHost: " + host(server) + "\r\n" + auth
                    + "Content-Type: application/json\r\nContent-Length: 200000\r\n\r\n{";
            case STREAM -> "GET /api/events HTTP/1.1\r\nHost: " + host(server) + "\r\n" + auth
                    + "Accept: text/event-stream\r\n\r\n";
            case FLOOD -> "GET /api/devices HTTP/1.1\r\nHost: " + host(server) + "\r\n" + auth
                    + "Connection: close\r\n\r\n";
        };
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }

    private void handle(SelectionKey key) {
        Connection c = (Connection) key.attachment();
        SocketChannel channel = (SocketChannel) key.channel();
        try {
            if (!key.isValid()) {
                return;
            }
            if (key.isConnectable()) {
                channel.finishConnect();
                key.interestOps(SelectionKey.OP_WRITE);
            }
            if (key.isValid() && key.isWritable()) {
                channel.write(c.out);
                if (!c.out.hasRemaining()) {
                    key.interestOps(SelectionKey.OP_READ); // then stalled: nothing more is ever sent
                }
            }
            if (key.isValid() && key.isReadable()) {
                read(key, c, channel);
            }
        } catch (IOException e) {
            closeQuietly(key);
        }
    }

    private final ByteBuffer discard = ByteBuffer.allocate(64 * 1024);

    private void read(SelectionKey key, Connection c, SocketChannel channel) throws IOException {
        int n;
        if (c.head.hasRemaining()) {
            n = channel.read(c.head);
            if (!c.head.hasRemaining() && !c.counted) {
                c.counted = true;
                statuses.computeIfAbsent(parseStatus(c.head.array()), s -> new LongAdder()).increment();
                if (c.kind == Kind.FLOOD) {
                    closeQuietly(key); // its answer is known: gone, as a flood's client would
                    return;
                }
            }
        } else {
            discard.clear();
            n = channel.read(discard);
        }
        if (n < 0) {
            closeQuietly(key);
        }
    }

    private void closeQuietly(SelectionKey key) {
        Connection c = (Connection) key.attachment();
        boolean wasOpen = key.channel().isOpen();
        key.cancel();
        try {
            key.channel().close();
        } catch (IOException ignored) {
            // closing with a reset: nothing to wait for
        }
        if (wasOpen && c != null) {
            synchronized (this) {
                open[c.kind.ordinal()]--;
            }
        }
    }

    private static int parseStatus(byte[] line) {
        String text = new String(line, 0, Math.min(12, line.length), StandardCharsets.US_ASCII);
        if (!text.startsWith("HTTP/1.") || text.length() < 12) {
            return -1;
        }
        try {
            return Integer.parseInt(text.substring(9, 12));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String host(InetSocketAddress server) {
        String address = server.getAddress().getHostAddress();
        return (address.contains(":") ? "[" + address + "]" : address) + ":" + server.getPort();
    }
}
