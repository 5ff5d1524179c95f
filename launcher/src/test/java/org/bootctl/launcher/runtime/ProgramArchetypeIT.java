package org.bootctl.launcher.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import javax.xml.parsers.DocumentBuilderFactory;
import org.bootctl.api.program.ProgramEntry;
import org.bootctl.api.program.ProgramInfo;
import org.bootctl.api.program.ProgramLibrary;
import org.bootctl.api.program.Settings;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionService;
import org.bootctl.api.session.SessionState;
import org.bootctl.launcher.Distribution;
import org.bootctl.launcher.testing.NestedMaven;
import org.bootctl.launcher.testing.Runtimes;
import org.bootctl.launcher.testing.TestDistribution;
import org.bootctl.testing.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * docs/PROGRAM-BUNDLES.md's first step, as an integrator takes it: a project generated from
 * bootctl-program-archetype, outside this repository and with no parent, builds (its own unit test
 * included) into a bundle that a running controller picks up from deploy/ and runs a session with.
 * Maven runs nested, in a sandbox holding the API and the archetype this build made (see
 * {@link NestedMaven}); the controller is a real Felix running the simulator feature.
 */
@Tag("realtime")
class ProgramArchetypeIT {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String ARCHETYPE = "bootctl-program-archetype";
    private static final String ARTIFACT = "acme-calf-ripple";
    private static final String CLASH = "acme-sequential";

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
    void aGeneratedProjectBuildsABundleThatDeployRunsAsAProgram() throws Exception {
        Path archetype = Path.of(System.getProperty("bootctl.test.bundles", "target/test-bundles"), ARCHETYPE + ".jar");
        assertTrue(Files.isRegularFile(archetype), "the build copies the archetype to " + archetype);
        Properties coordinates = pomProperties(archetype);
        String version = coordinates.getProperty("version");
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
                "-Dversion=1.0.0", "-Dpackage=com.example.acme.ripple", "-DinteractiveMode=false");
        Path project = work.resolve(ARTIFACT);
        assertTrue(Files.isRegularFile(project.resolve("pom.xml")), "generated: " + project);
        String pom = Files.readString(project.resolve("pom.xml"));
        assertTrue(!pom.contains("<parent>") && pom.contains("<extensions>true</extensions>"), pom);

        assertEquals(Map.of(), versionsBehindTheBuild(project.resolve("pom.xml")),
                "plugins the generated pom pins at other versions than bootctl's build (generated, build)");

        maven.run(project, "build.log", "verify");
        Path bundle = project.resolve("target").resolve(ARTIFACT + "-1.0.0.jar");
        assertTrue(Files.isRegularFile(bundle), "built: " + bundle);
        try (JarFile jar = new JarFile(bundle.toFile())) {
            // without bnd's executions Maven builds a plain jar, which deploy/ refuses
            assertEquals(ARTIFACT, jar.getManifest().getMainAttributes().getValue("Bundle-SymbolicName"),
                    "an OSGi manifest in " + bundle);
        }
        assertTrue(Files.readString(work.resolve("build.log")).contains("Tests run: 4, Failures: 0"),
                "the generated unit test ran");

        runtime = Runtimes.simulator(data, Map.of());
        SessionService sessions = runtime.awaitService(SessionService.class, null, DEADLINE).orElseThrow();
        await("sim-1 listed", sessions::devices, d -> d.stream().anyMatch(s -> s.id().equals("sim-1")));
        Path deploy = data.resolve(HotDeploy.FOLDER);
        Path part = Files.copy(bundle, deploy.resolve(ARTIFACT + ".jar.part"));
        Files.move(part, deploy.resolve(ARTIFACT + ".jar"), StandardCopyOption.ATOMIC_MOVE);

        // the program id comes from the artifact id; the bundle's symbolic name is the artifact id
        await(ARTIFACT + " listed", sessions::programs, p -> p.stream().map(ProgramInfo::id).anyMatch(ARTIFACT::equals));
        Bundle deployed = Arrays.stream(runtime.context().getBundles())
                .filter(b -> ARTIFACT.equals(b.getSymbolicName())).findFirst().orElseThrow();
        assertEquals(Bundle.ACTIVE, deployed.getState());

        // a short real-time session without fit check or ramp-in: it runs the program's plan to the end
        Settings settings = Settings.level(2, 0.15).withFitCheck(false).withRampIn(false);
        String id = sessions.start("sim-1", ARTIFACT, settings).id();
        await("session " + id + " running", () -> sessions.session(id).orElseThrow(),
                s -> s.state() == SessionState.RUNNING || s.state().isFinal());
        SessionInfo done = await("session " + id + " over", () -> sessions.session(id).orElseThrow(),
                s -> s.state().isFinal());
        assertEquals(SessionState.COMPLETED, done.state(), done.toString());
        assertEquals(ARTIFACT, done.programId());
        assertEquals("completed", done.endReason());
        assertNull(done.fault());

        // a second project that takes a built-in's id, with a high ranking: it never replaces it
        maven.run(work, "generate-clash.log", "org.apache.maven.plugins:maven-archetype-plugin:"
                        + archetypePluginVersion(archetype) + ":generate",
                "-DarchetypeGroupId=org.bootctl", "-DarchetypeArtifactId=" + ARCHETYPE,
                "-DarchetypeVersion=" + version, "-DgroupId=com.example.acme", "-DartifactId=" + CLASH,
                "-Dversion=1.0.0", "-Dpackage=com.example.acme.clash", "-DprogramId=sequential",
                "-DinteractiveMode=false");
        Path clashSource = work.resolve(CLASH).resolve("src/main/java/com/example/acme/clash/RippleProgram.java");
        Files.writeString(clashSource, Files.readString(clashSource).replace("Program.SOURCE + \"=bundle\",",
                "Program.SOURCE + \"=bundle\", \"service.ranking:Integer=100\","));
        maven.run(work.resolve(CLASH), "build-clash.log", "verify", "-DskipTests");
        Path clashPart = Files.copy(work.resolve(CLASH).resolve("target").resolve(CLASH + "-1.0.0.jar"),
                deploy.resolve(CLASH + ".jar.part"));
        Files.move(clashPart, deploy.resolve(CLASH + ".jar"), StandardCopyOption.ATOMIC_MOVE);
        ProgramLibrary library = runtime.awaitService(ProgramLibrary.class, null, DEADLINE).orElseThrow();
        ProgramEntry clash = await(CLASH + " listed", () -> library.entries().stream()
                .filter(e -> e.location().equals(CLASH) && e.info() != null).findFirst(), Optional::isPresent)
                .orElseThrow();
        assertEquals(List.of("id \"sequential\" is already used by the built-in program sequential; give this program"
                + " an id of its own (docs/PROGRAM-BUNDLES.md)"),
                clash.errors().stream().map(e -> e.message()).toList(), clash.toString());
        assertEquals("Sequential", sessions.programs().stream().filter(p -> p.id().equals("sequential"))
                .findFirst().orElseThrow().name(), "the engine runs the built-in sequential");
    }

    /**
     * The plugins the generated pom pins at another version than the root pom's, with both
     * versions: bnd by its property, the Maven plugins by the root's pluginManagement.
     */
    private static Map<String, List<String>> versionsBehindTheBuild(Path generatedPom) throws Exception {
        Path rootPom = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent().resolve("pom.xml");
        Map<String, String> build = pluginVersions(parse(rootPom), rootPom);
        Map<String, String> generated = pluginVersions(parse(generatedPom), generatedPom);
        assertTrue(generated.containsKey("bnd-maven-plugin"), "the generated pom pins bnd: " + generated);
        Map<String, List<String>> behind = new TreeMap<>();
        generated.forEach((plugin, version) -> {
            if (!version.equals(build.get(plugin))) {
                behind.put(plugin, List.of(version, String.valueOf(build.get(plugin))));
            }
        });
        return behind;
    }

    /** Every plugin's version in a pom, ${bnd.version} resolved from its properties. */
    private static Map<String, String> pluginVersions(Document pom, Path file) {
        String bnd = pom.getElementsByTagName("bnd.version").item(0).getTextContent().trim();
        Map<String, String> versions = new TreeMap<>();
        NodeList plugins = pom.getElementsByTagName("plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            Element plugin = (Element) plugins.item(i);
            NodeList version = plugin.getElementsByTagName("version");
            if (version.getLength() > 0) {
                String artifact = plugin.getElementsByTagName("artifactId").item(0).getTextContent().trim();
                versions.put(artifact, version.item(0).getTextContent().trim().replace("${bnd.version}", bnd));
            }
        }
        assertTrue(!versions.isEmpty(), "no plugin versions in " + file);
        return versions;
    }

    private static Document parse(Path pom) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
    }

    /** The archetype's own Maven coordinates, as its jar carries them. */
    private static Properties pomProperties(Path archetype) throws IOException {
        try (JarFile jar = new JarFile(archetype.toFile())) {
            ZipEntry entry = jar.getEntry("META-INF/maven/org.bootctl/" + ARCHETYPE + "/pom.properties");
            assertTrue(entry != null, "no pom.properties in " + archetype);
            Properties properties = new Properties();
            try (InputStream in = jar.getInputStream(entry)) {
                properties.load(in);
            }
            return properties;
        }
    }

    /** The maven-archetype-plugin version the archetype was built with: the one the build downloaded. */
    private static String archetypePluginVersion(Path archetype) throws Exception {
        try (JarFile jar = new JarFile(archetype.toFile());
             InputStream pom = jar.getInputStream(jar.getEntry("META-INF/maven/org.bootctl/" + ARCHETYPE + "/pom.xml"))) {
            String version = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom)
                    .getElementsByTagName("archetype.version").item(0).getTextContent().trim();
            assertTrue(version.matches("\\d+(\\.\\d+)+"), "archetype.version in the archetype's pom: " + version);
            return version;
        }
    }

    private static <T> T await(String what, Supplier<T> poll, Predicate<T> done) throws InterruptedException {
        return Waits.until(what, DEADLINE, poll::get, done);
    }
}
