package org.bootctl.tools.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.bootctl.tools.bench.drop.DroppedProgram;

/**
 * Writes a program bundle for the hot-swap part to drop into {@code deploy/}: a bundle of its own
 * symbolic name holding {@link DroppedProgram} as a DS component that registers a {@code Program}
 * service, as a third-party program bundle does (docs/PROGRAM-BUNDLES.md), with the program id given.
 */
final class ProgramBundle {

    private static final String CLASS = DroppedProgram.class.getName().replace('.', '/') + ".class";

    private ProgramBundle() {
    }

    static void write(Path jar, String programId, int serial) throws IOException {
        String symbolicName = "org.bootctl.bench.drop" + serial;
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", "1.0." + serial);
        main.putValue("Bundle-Name", "bootctl bench drop " + serial);
        main.putValue("Import-Package", "org.bootctl.api.program;version=\"[1.3,2)\"");
        main.putValue("Service-Component", "OSGI-INF/program.xml");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest);
             InputStream bytes = DroppedProgram.class.getClassLoader().getResourceAsStream(CLASS)) {
            if (bytes == null) {
                throw new IOException("no " + CLASS + " beside the bench (tools/)");
            }
            out.putNextEntry(new JarEntry(CLASS));
            bytes.transferTo(out);
            out.closeEntry();
            out.putNextEntry(new JarEntry("OSGI-INF/program.xml"));
            out.write(component(symbolicName, programId).getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
    }

    private static String component(String name, String programId) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.3.0" name="%s" immediate="true" activate="activate">
                  <implementation class="%s"/>
                  <service><provide interface="org.bootctl.api.program.Program"/></service>
                  <property name="bootctl.program.id" value="%s"/>
                  <property name="bootctl.program.source" value="bundle"/>
                </scr:component>
                """.formatted(name, DroppedProgram.class.getName(), programId);
    }
}
