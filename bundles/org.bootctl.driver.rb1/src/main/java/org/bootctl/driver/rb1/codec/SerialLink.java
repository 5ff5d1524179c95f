package org.bootctl.driver.rb1.codec;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import java.io.IOException;
import java.lang.System.Logger.Level;

/**
 * One open serial port speaking RB1 lines: 38400 8N1, no flow control. A reader thread of its
 * own decodes what arrives and hands whole lines to a {@link Handler}; writes are serialised.
 * The port counts as lost when a read or write fails — jSerialComm's read returns -1 at once,
 * every time, once the other end has gone (docs/STACK.md pitfall 6).
 */
public final class SerialLink implements AutoCloseable {

    public static final int BAUD = 38400;
    private static final int READ_TIMEOUT_MS = 100;
    private static final int WRITE_TIMEOUT_MS = 250;
    private static final System.Logger LOG = System.getLogger(SerialLink.class.getName());

    /** What the reader thread reports. Implementations must not block for long. */
    public interface Handler {
        /** A line with a good checksum; {@code nanos} is when its bytes arrived. */
        void line(String body, long nanos);

        /** A line the decoder dropped. */
        default void rejected(LineDecoder.Reject reason, String text, long nanos) {
        }

        /** The port failed or the other end went away; called once, not after {@link #close()}. */
        void lost(String why);
    }

    private final String path;
    private final SerialPort port;
    private final Handler handler;
    private final LineDecoder decoder = new LineDecoder();
    private final Object writeLock = new Object();
    private final Thread reader;
    private volatile boolean closing;
    private volatile boolean lost;

    private SerialLink(String path, SerialPort port, Handler handler, String threadName) {
        this.path = path;
        this.port = port;
        this.handler = handler;
        this.reader = new Thread(this::read, threadName);
        reader.setDaemon(true);
    }

    /**
     * Opens {@code path} (a device node or a symlink to one; pseudo-terminals are not listed by
     * jSerialComm, so always by path), discards whatever stale bytes wait in it, and starts reading.
     */
    public static SerialLink open(String path, Handler handler, String threadName) throws IOException {
        SerialPort port;
        try {
            port = SerialPort.getCommPort(path);
        } catch (SerialPortInvalidPortException e) {
            throw new IOException("no serial port " + path + " (not plugged in?)", e); // jSerialComm's words name its insides
        }
        port.setComPortParameters(BAUD, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
                READ_TIMEOUT_MS, WRITE_TIMEOUT_MS);
        if (!port.openPort()) {
            throw new IOException("cannot open serial port " + path + " (busy, or no permission; error "
                    + port.getLastErrorCode() + ")");
        }
        port.flushIOBuffers();
        SerialLink link = new SerialLink(path, port, handler, threadName);
        link.reader.start();
        return link;
    }

    String path() {
        return path;
    }

    /** Sends one line, framed and ended with CR LF; false when the port failed (it is then lost). */
    public boolean write(String body) {
        return writeRaw(LineCodec.encode(body));
    }

    /** Sends bytes as they are: for the emulator's garbage and corrupted lines. */
    public boolean writeRaw(byte[] bytes) {
        if (closing || lost) {
            return false;
        }
        int written;
        synchronized (writeLock) {
            written = port.writeBytes(bytes, bytes.length);
        }
        if (written != bytes.length) {
            reportLost("write failed on " + path + " (" + written + " of " + bytes.length + " bytes)");
            return false;
        }
        return true;
    }

    public boolean isLost() {
        return lost;
    }

    /** Lines the decoder dropped, by reason. */
    public long rejected(LineDecoder.Reject reason) {
        return decoder.rejected(reason);
    }

    public long garbageBytes() {
        return decoder.garbageBytes();
    }

    /** Closes the port and waits briefly for the reader thread to end. Idempotent. */
    @Override
    public void close() {
        closing = true;
        port.closePort();
        if (Thread.currentThread() != reader) {
            try {
                reader.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void read() {
        byte[] buffer = new byte[256];
        long[] arrived = new long[1];
        LineDecoder.Sink sink = new LineDecoder.Sink() {
            @Override
            public void line(String body) {
                try {
                    handler.line(body, arrived[0]);
                } catch (RuntimeException e) {
                    LOG.log(Level.ERROR, "handling line " + body + " from " + path, e);
                }
            }

            @Override
            public void rejected(LineDecoder.Reject reason, String text) {
                try {
                    handler.rejected(reason, text, arrived[0]);
                } catch (RuntimeException e) {
                    LOG.log(Level.ERROR, "handling a dropped line from " + path, e);
                }
            }
        };
        while (!closing && !lost) {
            int n = port.readBytes(buffer, buffer.length);
            arrived[0] = System.nanoTime();
            if (n < 0) {
                if (!closing) {
                    reportLost("the other end of " + path + " went away");
                }
                return;
            }
            decoder.feed(buffer, 0, n, sink);
        }
    }

    private void reportLost(String why) {
        synchronized (this) {
            if (lost || closing) {
                return;
            }
            lost = true;
        }
        handler.lost(why);
    }
}
