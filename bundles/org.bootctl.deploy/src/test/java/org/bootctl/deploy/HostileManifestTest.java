package org.bootctl.deploy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A jar whose manifest names it in megabytes: the guard's lines say so in a few hundred characters. */
class HostileManifestTest {

    @TempDir
    Path deploy;

    private Path jar(String name, String version, String host) throws Exception {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-SymbolicName", name);
        main.putValue("Bundle-Version", version);
        if (host != null) {
            main.putValue("Fragment-Host", host);
        }
        Path file = deploy.resolve("hostile.jar");
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
        return file;
    }

    @Test
    void aNameOfAMegabyteIsShownInAFewHundredCharacters() throws Exception {
        String name = "org.example." + "x".repeat(1 << 20);
        Path file = jar(name, "1." + "9".repeat(1 << 20), "org.host." + "h".repeat(1 << 20));

        Candidate candidate = Candidate.read(file.toFile());
        for (AllowList allowed : new AllowList[] {AllowList.of("com.acme.*"), AllowList.of("org.example.*")}) {
            String why = DeployRules.refusal(candidate, allowed, Core.NONE);
            assertTrue(why.length() < 1000, why.length() + " characters: " + why.substring(0, 100));
            assertTrue(why.contains("more characters)"), why);
        }

        PrintStream stdout = System.out;
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        System.setOut(new PrintStream(said, true, UTF_8));
        try {
            new DeployGuard().install(file.toFile());
        } finally {
            System.setOut(stdout);
        }
        String line = said.toString(UTF_8).strip();
        assertTrue(line.length() < 1000, line.length() + " characters: " + line.substring(0, Math.min(100, line.length())));
        assertTrue(line.startsWith(DeployGuard.PREFIX + "refused org.example.xxx"), line);
        assertTrue(line.contains(" more characters) from " + deploy.getFileName() + "/hostile.jar: "), line);
    }
}
