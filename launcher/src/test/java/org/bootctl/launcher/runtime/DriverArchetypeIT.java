package org.bootctl.launcher.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import javax.xml.parsers.DocumentBuilderFactory;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.session.DeviceStatus;
import org.bootctl.api.session.SessionService;
import org.bootctl.launcher.Distribution;
import org.bootctl.launcher.testing.NestedMaven;
import org.bootctl.launcher.testing.Runtimes;
import org.bootctl.launcher.testing.TestDistribution;
import org.bootctl.testing.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * docs/DRIVERS.md's archetype: its sources are the example driver's
 * ({@code bundles/org.bootctl.example.driver}) in the package one chooses, and a project generated
 * from it outside this repository, with no parent, builds (its unit tests included) into a bundle
 * that a running controller picks up from deploy/: the ACME-X6 unit appears, and a {@code .cfg}
 * named by the package configures it. Maven runs nested ({@link NestedMaven}); the controller is a
 * real Felix on the simulator feature.
 */
class DriverArchetypeIT {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String ARCHETYPE = "bootctl-driver-archetype";
    private static final String EXAMPLE = "org.bootctl.example.driver";
    private static final String ARTIFACT = "acme-x6-driver";
    private static final String PACKAGE = "com.example.acme.x6";

    @TempDir
    Path work;
    @TempDir
    Path data;
    private OsgiRuntime runtime;

    @AfterEach
    void close() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void theArchetypeCarriesTheExampleDriverInOnesOwnPackage() throws Exception {
        Path sources = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent()
                .resolve("bundles").resolve(EXAMPLE).resolve("src");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertTrue(files.size() >= 5, "the example's sources: " + files);
        try (JarFile jar = new JarFile(archetype().toFile())) {
            for (Path file : files) {
                String kind = sources.relativize(file).getName(0).toString(); // main or test
                ZipEntry entry = jar.getEntry("archetype-resources/src/" + kind + "/java/" + file.getFileName());
                assertNotNull(entry, "the archetype has " + file.getFileName() + " of the example");
                try (InputStream in = jar.getInputStream(entry)) {
                    assertEquals(Files.readString(file).replace(EXAMPLE, "${package}"),
                            new String(in.readAllBytes(), StandardCharsets.UTF_8),
                            file.getFileName() + ": the archetype's copy differs from the example's;"
                                    + " copy it again, with ${package} for " + EXAMPLE);
                }
            }
        }
    }

    @Test
    void aGeneratedProjectBuildsADriverThatDeployRunsAndAConfigurationFileConfigures() throws Exception {
        Path archetype = archetype();
        String version = pomProperties(archetype).getProperty("version");
        Distribution distribution = TestDistribution.real();
        Path api = distribution.home().resolve("lib").resolve("org.bootctl.api-" + version + ".jar");
        assertTrue(Files.isRegularFile(api), "the distribution's API jar: " + api);

        NestedMaven maven = NestedMaven.in(work);
        maven.install(api, "org.bootctl", "org.bootctl.api", version, "jar");
        maven.install(archetype, "org.bootctl", ARCHETYPE, version, "maven-archetype");
        maven.run(work, "generate.log", "org.apache.maven.plugins:maven-archetype-plugin:"
                        + archetypePluginVersion(archetype) + ":generate",
                "-DarchetypeGroupId=org.bootctl", "-DarchetypeArtifactId=" + ARCHETYPE,
                "-DarchetypeVersion=" + version, "-DgroupId=com.example.acme", "-DartifactId=" + ARTIFACT,
                "-Dversion=1.0.0", "-Dpackage=" + PACKAGE, "-DinteractiveMode=false");
        Path project = work.resolve(ARTIFACT);
        String pom = Files.readString(project.resolve("pom.xml"));
        assertTrue(!pom.contains("<parent>") && !pom.contains("@") && pom.contains("<extensions>true</extensions>"), pom);

        maven.run(project, "build.log", "verify");
        assertTrue(Files.readString(work.resolve("build.log")).contains("Tests run: 4, Failures: 0, Errors: 0"),
                "the generated unit tests ran");
        Path bundle = project.resolve("target").resolve(ARTIFACT + "-1.0.0.jar");
        try (JarFile jar = new JarFile(bundle.toFile())) {
            assertEquals(ARTIFACT, jar.getManifest().getMainAttributes().getValue("Bundle-SymbolicName"));
        }

        runtime = Runtimes.simulator(data, Map.of());
        SessionService sessions = runtime.awaitService(SessionService.class, null, DEADLINE).orElseThrow();
        drop(bundle, ARTIFACT + ".jar");
        List<DeviceStatus> devices = await("acme-1 listed", sessions::devices, d -> has(d, "acme-1"));
        assertEquals("ACME-X6", devices.stream().filter(d -> d.id().equals("acme-1")).findFirst().orElseThrow()
                .description().model());

        // its configuration PID is the package chosen
        Path cfg = Files.writeString(work.resolve(PACKAGE + ".cfg"), "id=acme-9\n", StandardCharsets.UTF_8);
        drop(cfg, PACKAGE + ".cfg");
        await("acme-9 instead of acme-1", sessions::devices, d -> has(d, "acme-9") && !has(d, "acme-1"));

        // a second driver giving the same id (a copy of this one under another symbolic name, reading
        // the same configuration): its unit waits, and is taken on when the first driver goes
        String copy = ARTIFACT + "-copy";
        drop(renamed(bundle, copy, work.resolve(copy + ".jar")), copy + ".jar");
        await("both drivers registered acme-9", () -> registered("acme-9"), n -> n == 2);
        assertEquals(1, sessions.devices().stream().filter(d -> d.id().equals("acme-9")).count(), "ids are unique");
        Files.delete(data.resolve(HotDeploy.FOLDER).resolve(ARTIFACT + ".jar"));
        await("the first driver gone and acme-9 of the copy taken on", sessions::devices,
                d -> registered("acme-9") == 1 && has(d, "acme-9"));
    }

    /** The BootConnection services registered with this device id. */
    private int registered(String id) {
        try {
            ServiceReference<?>[] found = runtime.context().getServiceReferences(BootConnection.class.getName(),
                    "(" + BootConnection.DEVICE_ID + "=" + id + ")");
            return found == null ? 0 : found.length;
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A copy of a bundle jar under another symbolic name. */
    private static Path renamed(Path jar, String symbolicName, Path target) throws Exception {
        try (JarFile in = new JarFile(jar.toFile())) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().putValue("Bundle-SymbolicName", symbolicName);
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(target), manifest)) {
                for (JarEntry entry : Collections.list(in.entries())) {
                    if (entry.getName().equals("META-INF/") || entry.getName().equals(JarFile.MANIFEST_NAME)) {
                        continue;
                    }
                    out.putNextEntry(new JarEntry(entry.getName()));
                    try (InputStream data = in.getInputStream(entry)) {
                        data.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
        }
        return target;
    }

    private static Path archetype() {
        Path archetype = Path.of(System.getProperty("bootctl.test.bundles", "target/test-bundles"), ARCHETYPE + ".jar");
        assertTrue(Files.isRegularFile(archetype), "the build copies the archetype to " + archetype);
        return archetype;
    }

    private void drop(Path file, String name) throws Exception {
        Path folder = data.resolve(HotDeploy.FOLDER);
        Path part = Files.copy(file, folder.resolve("." + name + ".part"), StandardCopyOption.REPLACE_EXISTING);
        Files.move(part, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private static boolean has(List<DeviceStatus> devices, String id) {
        return devices.stream().anyMatch(d -> d.id().equals(id));
    }

    private static Properties pomProperties(Path archetype) throws Exception {
        try (JarFile jar = new JarFile(archetype.toFile());
             InputStream in = jar.getInputStream(jar.getEntry("META-INF/maven/org.bootctl/" + ARCHETYPE + "/pom.properties"))) {
            Properties properties = new Properties();
            properties.load(in);
            return properties;
        }
    }

    /** The maven-archetype-plugin version the archetype was built with: the one the build downloaded. */
    private static String archetypePluginVersion(Path archetype) throws Exception {
        try (JarFile jar = new JarFile(archetype.toFile());
             InputStream pom = jar.getInputStream(jar.getEntry("META-INF/maven/org.bootctl/" + ARCHETYPE + "/pom.xml"))) {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom)
                    .getElementsByTagName("archetype.version").item(0).getTextContent().trim();
        }
    }

    private static <T> T await(String what, Supplier<T> poll, Predicate<T> done) throws InterruptedException {
        return Waits.until(what, DEADLINE, poll::get, done);
    }
}
