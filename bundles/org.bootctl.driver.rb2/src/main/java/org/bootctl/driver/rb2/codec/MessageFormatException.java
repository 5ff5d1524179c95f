package org.bootctl.driver.rb2.codec;

/** A frame that passed COBS and CRC but whose type or payload is not a message; says how a device answers it. */
public final class MessageFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    private final NackReason reason;

    public MessageFormatException(NackReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public NackReason reason() {
        return reason;
    }
}
