package org.bootctl.launcher.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bootctl.testing.Tools;

/**
 * Maven run as an outside user would, in a sandbox: its local repository is a folder of the test's,
 * seeded with artifacts this build made (as {@code mvn install} would put them there), and every
 * other artifact comes from the build's own local repository, read as a {@code file://} mirror.
 * Offline except for that mirror: it never reaches the network, and never writes to the build's
 * repository. Each run is bounded in time and logged to a file that a failure quotes.
 */
public final class NestedMaven {

    private static final Duration RUN_LIMIT = Duration.ofMinutes(3);

    private final Path mvn;
    private final Path localRepository;
    private final Path settings;

    private NestedMaven(Path mvn, Path localRepository, Path settings) {
        this.mvn = mvn;
        this.localRepository = localRepository;
        this.settings = settings;
    }

    /**
     * A sandbox in {@code folder}. Without {@code mvn} on the PATH the calling test is skipped,
     * or fails under CI=true (.ci/run has Maven: it runs the build).
     */
    public static NestedMaven in(Path folder) throws IOException {
        Path mvn = findMvn().orElse(null);
        Tools.require(mvn != null, "mvn (on the PATH)", "the archetype test runs Maven");
        Path repository = Files.createDirectories(folder.resolve("repository"));
        Path settings = folder.resolve("settings.xml");
        String mirror = buildRepository().toUri().toString();
        Files.writeString(settings, """
                <settings>
                  <localRepository>%s</localRepository>
                  <mirrors>
                    <mirror><id>build</id><mirrorOf>*</mirrorOf><url>%s</url></mirror>
                  </mirrors>
                  <profiles>
                    <profile>
                      <id>build</id>
                      <!-- a local repository keeps no checksums: don't ask for them -->
                      <repositories>
                        <repository><id>central</id><url>%2$s</url>
                          <releases><checksumPolicy>ignore</checksumPolicy></releases>
                          <snapshots><enabled>false</enabled></snapshots></repository>
                      </repositories>
                      <pluginRepositories>
                        <pluginRepository><id>central</id><url>%2$s</url>
                          <releases><checksumPolicy>ignore</checksumPolicy></releases>
                          <snapshots><enabled>false</enabled></snapshots></pluginRepository>
                      </pluginRepositories>
                    </profile>
                  </profiles>
                  <activeProfiles><activeProfile>build</activeProfile></activeProfiles>
                </settings>
                """.formatted(repository.toAbsolutePath(), mirror), StandardCharsets.UTF_8);
        return new NestedMaven(mvn, repository, settings);
    }

    /** The build's local repository: -Dmaven.repo.local when given (surefire passes it on), else ~/.m2/repository. */
    private static Path buildRepository() {
        String given = System.getProperty("maven.repo.local");
        return given != null ? Path.of(given) : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    private static Optional<Path> findMvn() {
        for (String folder : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path candidate = Path.of(folder, "mvn");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Puts a jar into the sandbox's local repository with a pom of its own (no parent, no dependencies). */
    public void install(Path jar, String groupId, String artifactId, String version, String packaging)
            throws IOException {
        Path folder = Files.createDirectories(localRepository.resolve(groupId.replace('.', '/'))
                .resolve(artifactId).resolve(version));
        Files.copy(jar, folder.resolve(artifactId + "-" + version + ".jar"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(folder.resolve(artifactId + "-" + version + ".pom"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>%s</groupId>
                  <artifactId>%s</artifactId>
                  <version>%s</version>
                  <packaging>%s</packaging>
                </project>
                """.formatted(groupId, artifactId, version, packaging), StandardCharsets.UTF_8);
    }

    /** Runs {@code mvn -B <arguments>} in {@code folder}; fails with the end of its log unless it succeeds in time. */
    public void run(Path folder, String log, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(mvn.toString(), "-B", "-s", settings.toString(),
                "-gs", settings.toString(), "-o", "-Daether.offline.protocols=file"));
        command.addAll(List.of(arguments));
        Path output = localRepository.resolveSibling(log);
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().remove("MAVEN_ARGS");
        builder.environment().put("MAVEN_OPTS", "-Xmx384m");
        Process process = builder.start();
        if (!process.waitFor(RUN_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            fail("mvn " + String.join(" ", arguments) + " did not finish within " + RUN_LIMIT.toSeconds() + " s:\n"
                    + tail(output));
        }
        if (process.exitValue() != 0) {
            fail("mvn " + String.join(" ", arguments) + " exited " + process.exitValue() + ":\n" + tail(output));
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
}
