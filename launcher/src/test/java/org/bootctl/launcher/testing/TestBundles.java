package org.bootctl.launcher.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Builds small bundles for tests: a manifest, optionally one DS component (its XML written
 * here, its class copied from the test classes). Felix loads the class from the bundle, not
 * from the test class path: bundle class loaders never delegate to it.
 */
public final class TestBundles {

    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, byte[]> entries = new LinkedHashMap<>();

    private TestBundles(String symbolicName) {
        headers.put("Bundle-ManifestVersion", "2");
        headers.put("Bundle-SymbolicName", symbolicName);
        headers.put("Bundle-Version", "1.0.0");
    }

    public static TestBundles bundle(String symbolicName) {
        return new TestBundles(symbolicName);
    }

    public TestBundles header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /**
     * One DS component of {@code type}: {@code innerXml} goes inside {@code <scr:component>}
     * after the implementation element (references, properties).
     */
    public TestBundles component(Class<?> type, String attributes, String innerXml) {
        String name = type.getName();
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.4.0" name="%s" %s>
                  <implementation class="%s"/>
                  %s
                </scr:component>
                """.formatted(name, attributes, name, innerXml);
        String path = "OSGI-INF/" + name + ".xml";
        entries.put(path, xml.getBytes(StandardCharsets.UTF_8));
        headers.merge("Service-Component", path, (a, b) -> a + "," + b);
        return copy(type);
    }

    /** {@code type} as the bundle's activator. */
    public TestBundles activator(Class<?> type) {
        headers.put("Bundle-Activator", type.getName());
        headers.merge("Import-Package", "org.osgi.framework", (a, b) -> a + "," + b);
        return copy(type);
    }

    /** Copies the class from the test classes into the bundle. */
    private TestBundles copy(Class<?> type) {
        String classFile = type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getClassLoader().getResourceAsStream(classFile)) {
            entries.put(classFile, in.readAllBytes());
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("cannot read " + classFile, e);
        }
        return this;
    }

    /** Writes the jar to {@code file} (folders made as needed) and returns it. */
    public Path writeTo(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        headers.forEach((k, v) -> main.put(new Attributes.Name(k), v));
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                jar.putNextEntry(new JarEntry(entry.getKey()));
                jar.write(entry.getValue());
                jar.closeEntry();
            }
        }
        return file;
    }
}
