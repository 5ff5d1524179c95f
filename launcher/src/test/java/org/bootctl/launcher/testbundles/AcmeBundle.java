package org.bootctl.launcher.testbundles;

import java.io.IOException;
import java.nio.file.Path;
import org.bootctl.launcher.testing.TestBundles;

/**
 * A driver bundle of a third party for tests ({@code com.acme.x6}): describes the model ACME-X6
 * ({@link AcmeModels}) and has a port driver ({@link AcmePortDriver}) that only a configuration of
 * {@value #PORT_PID} starts.
 */
public final class AcmeBundle {

    public static final String SYMBOLIC_NAME = "com.acme.x6";
    public static final String MODEL = "ACME-X6";
    public static final String PORT_PID = "com.acme.x6.port";

    private AcmeBundle() {
    }

    public static Path writeTo(Path jar) throws IOException {
        return TestBundles.bundle(SYMBOLIC_NAME)
                .header("Import-Package", "org.bootctl.api.device")
                .component(AcmeModels.class, "immediate=\"true\"",
                        "<service><provide interface=\"org.bootctl.api.device.ModelCatalog\"/></service>")
                .component(AcmePortDriver.class, "configuration-policy=\"require\" configuration-pid=\""
                        + PORT_PID + "\" activate=\"activate\"", "")
                .writeTo(jar);
    }
}
