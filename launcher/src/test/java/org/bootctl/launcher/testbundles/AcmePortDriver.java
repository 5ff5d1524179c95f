package org.bootctl.launcher.testbundles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A stand-in for a serial driver, packed into a bundle by {@link AcmeBundle}: configured with a
 * {@code port} (configuration policy require), it "opens" it by writing the file its
 * {@code marker} property names, so a test sees from outside whether a driver was configured.
 */
public class AcmePortDriver {

    public void activate(Map<String, Object> properties) {
        try {
            Files.writeString(Path.of(String.valueOf(properties.get("marker"))), String.valueOf(properties.get("port")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
