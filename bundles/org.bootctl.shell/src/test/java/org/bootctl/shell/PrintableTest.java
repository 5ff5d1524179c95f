package org.bootctl.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PrintableTest {

    @Test
    void controlAndFormatCharactersAreEscapedPlainTextIsNot() {
        assertEquals("sim-1 L1 45.2/70\tok äé 😀", Printable.escape("sim-1 L1 45.2/70\tok äé 😀"));
        assertEquals("a\\x1b[2Jb\\x0ac\\x0d\\x7f\\x9b\\u202e\\ud800", Printable.escape("a\u001b[2Jb\nc\r\u007f\u009b\u202e\ud800"));
    }

    @Test
    void printlnEscapesWithinTheLineAndEndsIt() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = Printable.of(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        out.println("one\ntwo");
        out.println((Object) "x\u001b");
        assertEquals("one\\x0atwo" + System.lineSeparator() + "x\\x1b" + System.lineSeparator(),
                bytes.toString(StandardCharsets.UTF_8));
        assertSame(out, Printable.of(out));
    }

    @Test
    void aClosedOutputUnderneathIsReported() {
        PrintStream closed = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("closed");
            }
        }, true);
        PrintStream out = Printable.of(closed);
        assertFalse(Printable.of(new PrintStream(new ByteArrayOutputStream())).checkError());
        out.println("line");
        assertTrue(out.checkError(), "a watch on a closed console ends");
    }
}
