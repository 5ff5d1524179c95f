package org.bootctl.driver.rb2.codec;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import java.io.IOException;

/** Opens a BCP/2 port: 115200 baud 8N1, no flow control, reads that return as soon as a byte is there. */
public final class SerialPorts {

    /** The longest a read waits for a first byte: how often a reader looks up from the port. */
    public static final int READ_TIMEOUT_MS = 100;
    public static final int BAUD = 115200;

    private SerialPorts() {
    }

    /**
     * Opens a port by its path. Pseudo-terminals (socat) are not listed by jSerialComm, so it is
     * always opened by path, and looked up afresh each time (a link may point to a new device).
     *
     * @throws IOException naming the port and why it did not open
     */
    public static SerialPort open(String path) throws IOException {
        SerialPort port;
        try {
            port = SerialPort.getCommPort(path);
        } catch (SerialPortInvalidPortException e) {
            throw new IOException("port " + path + ": no such port");
        }
        port.setComPortParameters(BAUD, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        // writes stay blocking: a reader watches for one that never returns (see Rb2Session)
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, READ_TIMEOUT_MS, 0);
        if (!port.openPort()) {
            throw new IOException("port " + path + ": cannot open it (busy, or no permission; error "
                    + port.getLastErrorCode() + ")");
        }
        port.flushIOBuffers(); // bytes left from before (a unit that streamed while nobody listened) are stale
        return port;
    }
}
