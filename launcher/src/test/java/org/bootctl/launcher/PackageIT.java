package org.bootctl.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bootctl.launcher.testing.TestDistribution;
import org.bootctl.testing.Tools;
import org.bootctl.testing.Waits;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packages as a user gets them (docs/OPERATIONS.md, Installing): the .deb unpacked into a
 * folder of its own (dpkg -x) runs a session through /usr/bin/bootctl and through the service's
 * settings file, its unit passes systemd-analyze verify and the package passes lintian with no
 * error; the self-contained archive runs with its trimmed runtime and no other Java. Runs in the
 * integration-test phase (failsafe), after package made them. A tool that is missing skips its test, or fails
 * it under CI=true (.ci/run installs them); systemd-analyze only where systemd is.
 */
class PackageIT {

    private static final String SESSION_DONE = "COMPLETED";

    @TempDir
    static Path folder;
    static Path target;

    @BeforeAll
    static void findTarget() {
        target = TestDistribution.real().home().getParent();
    }

    private static Path deb() throws IOException {
        return only("bootctl_.*_all\\.deb");
    }

    private static Path only(String regex) throws IOException {
        try (Stream<Path> files = Files.list(target)) {
            List<Path> found = files.filter(f -> f.getFileName().toString().matches(regex)).toList();
            assertEquals(1, found.size(), "one file " + regex + " in " + target + ": " + found);
            return found.get(0);
        }
    }

    /** Skips the calling test when the tool is not installed, or fails it under CI=true. */
    private static void requireTool(String tool) throws Exception {
        Result which = run(List.of("sh", "-c", "command -v " + tool), Map.of(), 30);
        Tools.require(which.code() == 0, tool, "its Debian package");
    }

    record Result(int code, String output) {
    }

    /** Runs a command to its end (stdout and stderr together); environment entries with a null value are removed. */
    private static Result run(List<String> command, Map<String, String> environment, int timeoutSeconds)
            throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).directory(folder.toFile());
        builder.environment().remove("BOOTCTL_FEATURES");
        builder.environment().remove("BOOTCTL_JAVA_OPTS");
        environment.forEach((k, v) -> {
            if (v == null) {
                builder.environment().remove(k);
            } else {
                builder.environment().put(k, v);
            }
        });
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(command + " still running after " + timeoutSeconds + " s");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private static Path unpackedDeb() throws Exception {
        Path root = folder.resolve("deb-root");
        if (!Files.isDirectory(root)) {
            requireTool("dpkg-deb");
            Result x = run(List.of("dpkg-deb", "-x", deb().toString(), root.toString()), Map.of(), 120);
            assertEquals(0, x.code(), x.output());
        }
        return root;
    }

    private static List<String> session(Path data) {
        return List.of("session", "--data", data.toString(), "--program", "sequential", "--level", "5",
                "--minutes", "1", "--virtual-time");
    }

    @Test
    void theDebLaysOutBootctlAsDebianExpects() throws Exception {
        Path root = unpackedDeb();
        Path bin = root.resolve("usr/bin/bootctl");
        assertTrue(Files.isSymbolicLink(bin), "/usr/bin/bootctl is a link into /usr/share/bootctl");
        assertEquals(root.resolve("usr/share/bootctl/bin/bootctl").toRealPath(), bin.toRealPath());
        assertTrue(Files.isExecutable(root.resolve("usr/share/bootctl/bin/bootctl-service")));
        assertTrue(Files.isRegularFile(root.resolve("lib/systemd/system/bootctl.service")));
        assertTrue(Files.isDirectory(root.resolve("usr/share/bootctl/bundles")));

        Result info = run(List.of("dpkg-deb", "-I", deb().toString(), "conffiles", "control"), Map.of(), 60);
        assertEquals(0, info.code(), info.output());
        assertTrue(info.output().contains("/etc/bootctl/bootctl.conf"), "the settings file is a conffile:\n" + info.output());
        Matcher depends = Pattern.compile("(?m)^Depends: (.*)$").matcher(info.output());
        assertTrue(depends.find(), info.output());
        assertTrue(depends.group(1).contains("java17-runtime-headless") && depends.group(1).contains("adduser"),
                depends.group(1));

        // the maintainer scripts: the user in dialout, and purge (only purge) deleting the data folder
        Path control = folder.resolve("deb-control");
        Result extract = run(List.of("dpkg-deb", "-e", deb().toString(), control.toString()), Map.of(), 60);
        assertEquals(0, extract.code(), extract.output());
        for (String script : List.of("postinst", "prerm", "postrm")) {
            assertTrue(Files.isExecutable(control.resolve(script)), script);
            Result syntax = run(List.of("sh", "-n", control.resolve(script).toString()), Map.of(), 30);
            assertEquals(0, syntax.code(), script + ": " + syntax.output());
        }
        String postinst = Files.readString(control.resolve("postinst"));
        assertTrue(postinst.contains("adduser --system --group --home /var/lib/bootctl") && postinst.contains(
                "adduser --quiet bootctl dialout") && postinst.contains("chown bootctl:bootctl /var/lib/bootctl"), postinst);
        String postrm = Files.readString(control.resolve("postrm"));
        int purge = postrm.indexOf("if [ \"$1\" = purge ]");
        assertTrue(purge > 0 && postrm.indexOf("rm -rf /var/lib/bootctl") > purge, "only purge deletes the data:\n" + postrm);

        String unit = Files.readString(root.resolve("lib/systemd/system/bootctl.service"));
        for (String line : List.of("User=bootctl", "SupplementaryGroups=dialout", "Restart=on-failure", "RestartPreventExitStatus=2",
                "NoNewPrivileges=yes", "ProtectSystem=strict", "ReadWritePaths=/var/lib/bootctl", "ProtectHome=yes",
                "PrivateTmp=yes", "ExecStart=/usr/share/bootctl/bin/bootctl-service /etc/bootctl/bootctl.conf run"
                        + " --data /var/lib/bootctl")) {
            assertTrue(unit.lines().anyMatch(l -> l.equals(line)), "the unit has " + line + ":\n" + unit);
        }
    }

    @Test
    void theDebsBootctlRunsASessionToCompleted() throws Exception {
        Path root = unpackedDeb();
        List<String> command = new ArrayList<>(List.of(root.resolve("usr/bin/bootctl").toString()));
        command.addAll(session(folder.resolve("deb-data")));
        Result result = run(command, Map.of("JAVA_HOME", System.getProperty("java.home")), 180);
        assertEquals(0, result.code(), result.output());
        assertTrue(result.output().contains(": " + SESSION_DONE + ", completed"), result.output());
    }

    @Test
    void theServiceReadsItsSettingsFile() throws Exception {
        Path root = unpackedDeb();
        // the shipped file (feature=simulator) with a variable set, as an administrator would
        Path settings = folder.resolve("bootctl.conf");
        Files.writeString(settings, Files.readString(root.resolve("etc/bootctl/bootctl.conf"))
                .replace("#model=RB2-L5", "model=RB2-A4"));
        List<String> command = new ArrayList<>(List.of(root.resolve("usr/share/bootctl/bin/bootctl-service").toString(),
                settings.toString()));
        command.addAll(session(folder.resolve("service-data")));
        Result result = run(command, Map.of("JAVA_HOME", System.getProperty("java.home")), 180);
        assertEquals(0, result.code(), result.output());
        assertTrue(result.output().contains("(RB2-A4): " + SESSION_DONE), "the model of the settings file:\n"
                + result.output());

        // a file saved with Windows line ends reads the same (the CR was part of every value:
        // no feature "simulator\r", a model no one describes)
        Files.writeString(settings, "feature=simulator\r\nmodel=RB2-A4\r\n");
        Result crlf = run(command, Map.of("JAVA_HOME", System.getProperty("java.home")), 180);
        assertEquals(0, crlf.code(), crlf.output());
        assertTrue(crlf.output().contains("(RB2-A4): " + SESSION_DONE), crlf.output());

        // and with the byte-order mark some Windows editors write first (it was part of line 1's
        // name: "line 1: expected NAME=VALUE", on a line that looked right)
        Files.write(settings, ("\uFEFF# the unit's settings\r\nfeature=simulator\r\nmodel=RB2-A4\r\n")
                .getBytes(StandardCharsets.UTF_8));
        Result bom = run(command, Map.of("JAVA_HOME", System.getProperty("java.home")), 180);
        assertEquals(0, bom.code(), bom.output());
        assertTrue(bom.output().contains("(RB2-A4): " + SESSION_DONE), bom.output());

        // a name the feature does not declare is refused, naming it
        Files.writeString(settings, "feature=simulator\nno-such-variable=1\n");
        command.set(1, settings.toString());
        Result refused = run(command, Map.of("JAVA_HOME", System.getProperty("java.home")), 180);
        assertEquals(2, refused.code(), refused.output());
        assertTrue(refused.output().contains("no-such-variable"), refused.output());

        Files.writeString(settings, "feature simulator\n");
        Result malformed = run(command, Map.of(), 60);
        assertEquals(2, malformed.code(), malformed.output());
        assertTrue(malformed.output().contains("line 1: expected NAME=VALUE"), malformed.output());

        // a wrong line that holds the web token is named but not shown (the service's stderr is the
        // journal's): before, "got: web-token 6f1c..." put the token there
        for (String wrong : List.of("web-token 6f1c9a0e-token", "web token=6f1c9a0e-token")) {
            Files.writeString(settings, "feature=simulator\n" + wrong + "\n");
            Result secret = run(command, Map.of(), 60);
            assertEquals(2, secret.code(), secret.output());
            assertTrue(secret.output().contains("line 2: expected NAME=VALUE"), secret.output());
            assertFalse(secret.output().contains("6f1c9a0e"), secret.output());
        }
    }

    @Test
    void theServiceJoinsTheFleetOfItsSettingsFile() throws Exception {
        // the shipped file's fleet lines uncommented, as an administrator would (an anonymous broker:
        // no user, no password file); before, no line of it reached run's --fleet: the service
        // refused "fleet-broker" as a variable the feature does not declare (exit 2, no restart)
        Tools.require("the Debian package mosquitto", "mosquitto");
        Path root = unpackedDeb();
        Path brokerFolder = Files.createDirectories(folder.resolve("fleet-broker"));
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Files.writeString(brokerFolder.resolve("mosquitto.conf"), "listener " + port + " 127.0.0.1\nallow_anonymous true\n"
                + "user " + System.getProperty("user.name") + "\n");
        String url = "mqtt://127.0.0.1:" + port;
        String shipped = Files.readString(root.resolve("etc/bootctl/bootctl.conf"));
        Path settings = folder.resolve("fleet.conf");
        Files.writeString(settings, shipped.replace("#fleet-broker=mqtt://broker.example:1883", "fleet-broker=" + url)
                .replace("#site=", "site=").replace("#unit=", "unit=").replace("#http-port=8080", "http-port=0"));
        String mosquitto = Files.isExecutable(Path.of("/usr/sbin/mosquitto")) ? "/usr/sbin/mosquitto" : "mosquitto";
        Process broker = new ProcessBuilder(mosquitto, "-c", brokerFolder.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true).redirectOutput(brokerFolder.resolve("log").toFile()).start();
        ProcessBuilder builder = new ProcessBuilder(root.resolve("usr/share/bootctl/bin/bootctl-service").toString(),
                settings.toString(), "run", "--data", folder.resolve("fleet-data").toString()).redirectErrorStream(true);
        builder.environment().remove("BOOTCTL_FEATURES");
        builder.environment().remove("BOOTCTL_JAVA_OPTS");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process unit = builder.start();
        List<String> lines = new ArrayList<>();
        try {
            collect(unit, lines);
            awaitLine(lines, "bootctl ready: ", 90_000);
            List<String> status = List.of(root.resolve("usr/bin/bootctl").toString(), "fleet", "status", "--broker", url);
            Result online = Waits.until("the unit of the settings file online on " + url, Duration.ofSeconds(60), () -> {
                Result r = run(status, Map.of("JAVA_HOME", System.getProperty("java.home")), 60);
                assertEquals(0, r.code(), r.output());
                return r;
            }, r -> Pattern.compile("(?m)^studio-1\\s+unit-3\\s+online").matcher(r.output()).find());
            assertTrue(online.output().contains("unit-3"), online.output());
        } finally {
            unit.descendants().forEach(ProcessHandle::destroyForcibly);
            unit.destroyForcibly();
            broker.destroyForcibly();
            unit.waitFor(30, TimeUnit.SECONDS);
            broker.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /**
     * A real dpkg install, upgrade, remove and purge, in a throwaway root: a private mount namespace
     * where a copy-on-write overlay of this machine's root (its changes on a tmpfs that goes with the
     * namespace) is the root dpkg and the maintainer scripts see. Nothing of it reaches this machine.
     * Only as root where mount namespaces are allowed, on a dpkg system; no systemd runs in there, so
     * the service is neither started nor stopped.
     */
    @Test
    void installUpgradeRemoveAndPurgeInAThrowawayRoot() throws Exception {
        Assumptions.assumeTrue(run(List.of("sh", "-c", "[ \"$(id -u)\" = 0 ] && command -v dpkg && unshare -m true"),
                Map.of(), 30).code() == 0, "not root, no dpkg, or no mount namespaces here: the maintainer scripts are not run");
        Path work = Files.createDirectories(folder.resolve("throwaway"));
        // the same package one version later, for the upgrade
        Path unpacked = work.resolve("next");
        assertEquals(0, run(List.of("dpkg-deb", "-R", deb().toString(), unpacked.toString()), Map.of(), 120).code());
        Path control = unpacked.resolve("DEBIAN/control");
        Files.writeString(control, Files.readString(control).replaceFirst("(?m)^Version: (.*)$", "Version: $1+next1"));
        Path next = work.resolve("next.deb");
        Result built = run(List.of("dpkg-deb", "--root-owner-group", "-b", unpacked.toString(), next.toString()), Map.of(), 120);
        assertEquals(0, built.code(), built.output());
        Files.copy(deb(), work.resolve("first.deb"));
        Files.writeString(work.resolve("steps.sh"), """
                set -e
                cd "$1"
                dpkg --force-depends -i first.deb >/dev/null
                echo "installed: groups=$(id -nG bootctl) conf=$(stat -c '%U:%G %a' /etc/bootctl/bootctl.conf)\
                 data=$(stat -c '%U:%G %a' /var/lib/bootctl)"
                # an administrator's edit, a session's history, a class-data archive root's bootctl made
                sed -i 's/^#model=RB2-L5$/model=RB2-A4/' /etc/bootctl/bootctl.conf
                echo '{"state":"COMPLETED"}' > /var/lib/bootctl/history.jsonl
                mkdir -p /usr/share/bootctl/cache && touch /usr/share/bootctl/cache/cds.jsa
                dpkg --force-depends -i next.deb >/dev/null
                echo "upgraded: edit=$(grep -c '^model=RB2-A4$' /etc/bootctl/bootctl.conf)\
                 conf=$(stat -c '%U:%G %a' /etc/bootctl/bootctl.conf) version=$(dpkg-query -W -f '${Version}' bootctl)"
                dpkg -r bootctl >/dev/null 2>&1
                echo "removed: share=$(ls -d /usr/share/bootctl 2>/dev/null || echo gone)\
                 history=$(cat /var/lib/bootctl/history.jsonl) edit=$(grep -c '^model=RB2-A4$' /etc/bootctl/bootctl.conf)"
                dpkg -P bootctl >/dev/null 2>&1
                echo "purged: data=$(ls -d /var/lib/bootctl 2>/dev/null || echo gone) conf=$(ls -d /etc/bootctl 2>/dev/null || echo gone)\
                 override=$(dpkg-statoverride --list /etc/bootctl/bootctl.conf || echo none) user=$(getent passwd bootctl | cut -d: -f1)"
                """);
        // the overlay's upper layer on a tmpfs (an overlay cannot be the upper of another); the work
        // folder bound in, since a separate /tmp is not part of the root's overlay
        String namespace = """
                set -e
                root=$1/root
                mkdir -p "$root" "$1/layer"
                # a machine that cannot mount these (a container without the right) is skipped, as without root
                mount -t tmpfs tmpfs "$1/layer" || { echo "cannot mount a tmpfs here"; exit 3; }
                mkdir "$1/layer/upper" "$1/layer/work"
                mount -t overlay overlay -o "lowerdir=/,upperdir=$1/layer/upper,workdir=$1/layer/work" "$root" \
                    || { echo "cannot mount an overlay of / here"; exit 3; }
                mount --bind /proc "$root/proc"
                mount --bind /dev "$root/dev"
                mkdir -p "$root$1"
                mount --bind "$1" "$root$1"
                [ -f "$root/var/lib/dpkg/status" ] || { echo "no dpkg database in the overlay (a separate /var?)"; exit 3; }
                exec chroot "$root" sh "$1/steps.sh" "$1"
                """;
        Result steps = run(List.of("unshare", "-m", "--propagation", "private", "sh", "-c", namespace, "sh", work.toString()),
                Map.of(), 300);
        Assumptions.assumeFalse(steps.code() == 3, steps.output());
        assertEquals(0, steps.code(), steps.output());
        String out = steps.output();
        assertTrue(out.contains("installed: groups=bootctl dialout conf=root:bootctl 640 data=bootctl:bootctl 750"), out);
        assertTrue(Pattern.compile("upgraded: edit=1 conf=root:bootctl 640 version=\\S+\\+next1").matcher(out).find(), out);
        // before: the root-made cache was deleted only after dpkg had tried to remove the folder
        assertTrue(out.contains("removed: share=gone history={\"state\":\"COMPLETED\"} edit=1"), out);
        assertTrue(out.contains("purged: data=gone conf=gone override=none user=bootctl"), out);
        // nothing alarming in what apt shows: adduser warned of the home folder it could not reach yet
        assertFalse(out.contains("adduser:"), out);
    }

    @Test
    void theUnitPassesSystemdAnalyzeVerify() throws Exception {
        // only where systemd is: a build container may have none, and the unit cannot be checked there
        Assumptions.assumeTrue(run(List.of("sh", "-c", "command -v systemd-analyze"), Map.of(), 30).code() == 0,
                "systemd-analyze is not installed (no systemd here): the unit is not verified");
        Path root = unpackedDeb();
        // the unit as installed, its ExecStart pointing into the unpacked package (verify checks it is executable)
        Path unit = Files.createDirectories(folder.resolve("unit")).resolve("bootctl.service");
        String text = Files.readString(root.resolve("lib/systemd/system/bootctl.service"));
        Files.writeString(unit, text.replace("ExecStart=/usr/share/bootctl/", "ExecStart=" + root + "/usr/share/bootctl/"));
        Result verify = run(List.of("systemd-analyze", "verify", "--man=no", unit.toString()),
                Map.of("SYSTEMD_LOG_COLOR", "0"), 120);
        assertEquals(0, verify.code(), verify.output());
        // verify exits 0 on unknown keys and bad values too: it must have said nothing
        assertEquals("", verify.output().strip(), "systemd-analyze verify found something in the unit");
    }

    @Test
    void lintianFindsNoError() throws Exception {
        requireTool("lintian");
        Result lint = run(List.of("lintian", "--fail-on", "error", "--no-tag-display-limit", deb().toString()),
                Map.of(), 600);
        assertEquals(0, lint.code(), lint.output());
        assertFalse(lint.output().lines().anyMatch(l -> l.startsWith("E: ")), lint.output());
    }

    @Test
    void theTrimmedRuntimeRunsToReadyAndASessionToCompleted() throws Exception {
        Path archive = only("bootctl-.*-linux-.*\\.tar\\.gz");
        Path unpacked = Files.createDirectories(folder.resolve("trimmed"));
        Result tar = run(List.of("tar", "xzf", archive.toString(), "-C", unpacked.toString()), Map.of(), 120);
        assertEquals(0, tar.code(), tar.output());
        Path home;
        try (Stream<Path> files = Files.list(unpacked)) {
            home = files.findFirst().orElseThrow();
        }
        String release = Files.readString(home.resolve("runtime/release"));
        assertTrue(release.contains("MODULES=\"java.base ") && !release.contains("java.desktop"),
                "a trimmed runtime:\n" + release);
        Path tmp = Files.createDirectories(folder.resolve("trimmed-tmp"));
        // no JAVA_HOME, no java on the PATH: runtime/ is the only Java it can use
        Map<String, String> noJava = new java.util.HashMap<>();
        noJava.put("JAVA_HOME", null);
        noJava.put("PATH", "/usr/bin:/bin");
        noJava.put("BOOTCTL_JAVA_OPTS", "-Djava.io.tmpdir=" + tmp);
        noJava.put("XDG_CACHE_HOME", folder.resolve("trimmed-cache").toString());

        List<String> session = new ArrayList<>(List.of(home.resolve("bin/bootctl").toString()));
        session.addAll(session(folder.resolve("trimmed-session")));
        Result done = run(session, withoutPathJava(noJava), 180);
        assertEquals(0, done.code(), done.output());
        assertTrue(done.output().contains(": " + SESSION_DONE + ", completed"), done.output());
        // the archive holds no base class-data archive (not reproducible on Java 17): the first start made it
        assertTrue(Files.size(home.resolve("runtime/lib/server/classes.jsa")) > 1_000_000,
                "bin/bootctl made the runtime's class-data archive at the first start");
        assertTrue(done.output().contains("making the Java runtime's class-data archive"), done.output());

        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/bootctl").toString(), "run", "--data",
                folder.resolve("trimmed-run").toString(), "--var", "http-port=0").redirectErrorStream(true);
        builder.environment().remove("BOOTCTL_FEATURES");
        withoutPathJava(noJava).forEach((k, v) -> {
            if (v == null) {
                builder.environment().remove(k);
            } else {
                builder.environment().put(k, v);
            }
        });
        Process process = builder.start();
        List<String> lines = new ArrayList<>();
        try {
            Thread collector = collect(process, lines);
            String ready = awaitLine(lines, "bootctl ready: feature simulator, ", 90_000);
            Matcher address = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/").matcher(ready);
            assertTrue(address.find(), ready);
            // the web UI answers: Jetty's classes load from the trimmed runtime too
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(address.group())).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode(), page.body());
            // bin/bootctl execs java, or (the first run, which makes the class-data archive) runs it as a child
            List<String> commands = Stream.concat(Stream.of(process.toHandle()), process.descendants())
                    .map(p -> p.info().command().orElse("")).toList();
            assertTrue(commands.stream().anyMatch(c -> c.equals(home.resolve("runtime/bin/java").toString())),
                    "the trimmed runtime's java runs it: " + commands);
            process.toHandle().destroy();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "bootctl ends after SIGTERM:\n" + lines);
            collector.join(10_000);
            synchronized (lines) {
                assertTrue(lines.contains("bootctl stopped"), lines.toString());
                assertTrue(lines.stream().noneMatch(l -> l.contains("failed to start") || l.contains("not ready")),
                        "every bundle started on the trimmed runtime:\n" + lines);
            }
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    /** The PATH without a folder holding a java, so only runtime/ can serve. */
    private static Map<String, String> withoutPathJava(Map<String, String> environment) throws IOException {
        Map<String, String> copy = new java.util.HashMap<>(environment);
        List<String> kept = new ArrayList<>();
        for (String dir : environment.get("PATH").split(":")) {
            if (!Files.exists(Path.of(dir, "java"))) {
                kept.add(dir);
            } else {
                // /usr/bin holds java on Debian, and the tools too: a folder of links to every tool but java
                Path tools = Files.createDirectories(folder.resolve("path-without-java"));
                try (Stream<Path> files = Files.list(Path.of(dir))) {
                    for (Path tool : (Iterable<Path>) files::iterator) {
                        Path link = tools.resolve(tool.getFileName());
                        if (!tool.getFileName().toString().equals("java") && !Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                            Files.createSymbolicLink(link, tool);
                        }
                    }
                }
                kept.add(tools.toString());
            }
        }
        copy.put("PATH", String.join(":", kept));
        return copy;
    }

    private static Thread collect(Process process, List<String> lines) {
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Thread collector = new Thread(() -> {
            try {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    synchronized (lines) {
                        lines.add(line);
                        lines.notifyAll();
                    }
                }
            } catch (IOException ended) {
                // the process went away
            }
        });
        collector.setDaemon(true);
        collector.start();
        return collector;
    }

    private static String awaitLine(List<String> lines, String start, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        synchronized (lines) {
            while (true) {
                for (String line : lines) {
                    if (line.startsWith(start)) {
                        return line;
                    }
                }
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    fail("no line starting '" + start + "' within " + timeoutMillis + " ms:\n" + lines);
                }
                lines.wait(left);
            }
        }
    }
}
