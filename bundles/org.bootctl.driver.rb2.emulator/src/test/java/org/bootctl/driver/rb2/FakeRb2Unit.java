package org.bootctl.driver.rb2;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;
import org.bootctl.driver.rb2.codec.Frame;
import org.bootctl.driver.rb2.codec.FrameDecoder;
import org.bootctl.driver.rb2.codec.Message;
import org.bootctl.driver.rb2.codec.MessageFormatException;
import org.bootctl.serial.Registrar;
import org.bootctl.testing.SocatPair;

/**
 * A hand-made RB2 unit on the device's end of a socat pair, for what the emulator will not do
 * (refuse HELLO, stream the wrong geometry, repeat a FAULT frame): it answers each frame the host
 * sends as the test says and, once asked to SET_RATE, streams the TELEMETRY the test gives every
 * 20 ms. Unlike {@link Rig} there is no plant and no emulator. Closing it stops the driver's link
 * (if {@link #connect}ed), its threads and the pair.
 */
final class FakeRb2Unit implements AutoCloseable {

    /** What the unit writes back for each frame the host sent; null to stay quiet. */
    interface Answers {
        byte[] to(Frame frame) throws MessageFormatException;
    }

    /** An action on the unit's port, taken while nothing else writes to it. */
    interface PortAction {
        void run() throws IOException;
    }

    private final SocatPair socat;
    private final RandomAccessFile port;
    private final Answers answers;
    private final IntFunction<Message> telemetry;
    private final AtomicBoolean streaming = new AtomicBoolean();
    private final AtomicBoolean done = new AtomicBoolean();
    private final Object writeLock = new Object();
    private final Thread reader;
    private final Thread streamer;
    private Rb2Link link;

    private FakeRb2Unit(Path dir, Answers answers, IntFunction<Message> telemetry) throws IOException {
        this.socat = new SocatPair(dir).start();
        this.port = new RandomAccessFile(socat.device(), "rw");
        this.answers = answers;
        this.telemetry = telemetry;
        reader = daemon(this::read, "fake-unit-reader");
        streamer = telemetry == null ? null : daemon(this::stream, "fake-unit-streamer");
    }

    /**
     * A unit that answers with {@code answers} and, from the first SET_RATE on, streams
     * {@code telemetry.apply(n)} for the n-th TELEMETRY frame (none if {@code telemetry} is null).
     * Skips the test when socat is missing (fails it under CI).
     */
    static FakeRb2Unit start(Path dir, Answers answers, IntFunction<Message> telemetry) throws IOException {
        SocatPair.assumeInstalled();
        return new FakeRb2Unit(dir, answers, telemetry);
    }

    /**
     * The answers of a healthy RB2-L5 (10 channels, limit 130 mmHg): INFO to HELLO, ACK to
     * SET_RATE, VENT_ALL and ACTUATE, PONG to PING; nothing to anything else.
     */
    static Answers rb2L5() {
        return frame -> {
            Message m = Message.decode(frame);
            Message answer = m instanceof Message.Hello
                    ? new Message.Info(Message.VERSION, 2, 5, 130, 300, 50, "RB2-L5", "SN1", "fw")
                    : m instanceof Message.SetRate || m instanceof Message.VentAll || m instanceof Message.Actuate
                    ? new Message.Ack()
                    : m instanceof Message.Ping ? new Message.Pong() : null;
            return answer == null ? null : answer.frame(frame.seq()).encode();
        };
    }

    /** The host's end of the pair, the port the driver is given. */
    String host() {
        return socat.host();
    }

    /** Starts the driver's link on the host's end ("auto" model, 50 Hz), registering into {@code registrar}. */
    Rb2Link connect(Registrar registrar) {
        link = new Rb2Link(new PortSettings(socat.host(), "auto", "rb2-test", 50, Timing.DEFAULT), registrar);
        link.start();
        return link;
    }

    /** Writes {@code message} as an unsolicited frame. */
    void send(Message message) throws IOException {
        synchronized (writeLock) {
            port.write(message.frame(Frame.UNSOLICITED).encode());
        }
    }

    /** Runs {@code action} while neither the reader nor the streamer writes (what the telemetry reads changes with it). */
    void atomically(PortAction action) throws IOException {
        synchronized (writeLock) {
            action.run();
        }
    }

    private void read() {
        FrameDecoder decoder = new FrameDecoder();
        byte[] buf = new byte[256];
        try {
            while (!done.get()) {
                int n = port.read(buf);
                if (n < 0) {
                    return;
                }
                for (Frame f : decoder.feed(buf, 0, n)) {
                    if (f.type() == Message.SET_RATE) {
                        streaming.set(true);
                    }
                    byte[] answer = answers.to(f);
                    if (answer != null) {
                        synchronized (writeLock) {
                            port.write(answer);
                        }
                    }
                }
            }
        } catch (Exception e) {
            // the test ends: the pair is closed under the read
        }
    }

    private void stream() {
        int count = 0;
        try {
            while (!done.get()) {
                if (streaming.get()) {
                    synchronized (writeLock) {
                        port.write(telemetry.apply(count++).frame(Frame.UNSOLICITED).encode());
                    }
                }
                Thread.sleep(20);
            }
        } catch (Exception e) {
            // the test ends
        }
    }

    private static Thread daemon(Runnable body, String name) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public void close() throws Exception {
        done.set(true);
        try {
            if (link != null) {
                link.stop();
                link.awaitStopped(5000);
            }
        } finally {
            if (streamer != null) {
                streamer.interrupt();
                streamer.join(5000);
            }
            port.close();
            socat.close(); // ends the reader's blocking read
            reader.join(5000);
        }
    }
}
