package org.bootctl.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bootctl.launcher.testing.TestDistribution;
import org.junit.jupiter.api.Test;

/**
 * Bundles reach a test's framework from bundles/ only. A runtime bundle on the test class path
 * could hand the tests types the launcher does not share in production: each one belongs in
 * failsafe's classpathDependencyExcludes (launcher/pom.xml).
 */
class TestClassPathIT {

    @Test
    void noRuntimeBundleIsOnTheTestClassPathUnlessTheLauncherUsesItToo() throws IOException {
        Distribution distribution = TestDistribution.real();
        Set<String> lib = names(distribution.home().resolve("lib"));
        Set<String> bundles = names(distribution.bundles());
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> strays = new ArrayList<>();
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (bundles.contains(name) && !lib.contains(name)) {
                strays.add(name);
            }
        }
        assertTrue(bundles.size() >= 6, "bundles collected: " + bundles);
        assertEquals(List.of(), strays, "runtime bundles on the test class path: add them to failsafe's"
                + " classpathDependencyExcludes");
    }

    private static Set<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".jar")).collect(Collectors.toSet());
        }
    }
}
