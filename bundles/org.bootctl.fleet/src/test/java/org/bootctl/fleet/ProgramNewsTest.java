package org.bootctl.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.bootctl.api.program.Program;
import org.bootctl.api.program.ProgramInfo;
import org.bootctl.testing.Programs;
import org.bootctl.testing.Waits;
import org.bootctl.web.contract.Views;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;

/**
 * The fleet tells of programs that come and go: a program's info() is a plugin's code, which may
 * hang, throw an Error or give null. It never holds the thread that registers or unregisters the
 * program (a bundle's start or stop, the deploy folder's thread), and the other programs are told of.
 */
class ProgramNewsTest {

    @TempDir
    Path data;

    @Test
    void aProgramWhoseInfoHangsThrowsOrGivesNullHoldsNoRegisteringThreadInARunningFleet() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        FleetComponent fleet = new FleetComponent();
        fleet.activate(context(data), config());
        try {
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                Program hangs = Programs.describedBy(() -> {
                    try {
                        never.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return info("hangs");
                });
                fleet.addProgram(hangs, Map.of());
                fleet.addProgram(Programs.describedBy(() -> null), Map.of());
                fleet.addProgram(Programs.describedBy(() -> {
                    throw new NoClassDefFoundError("com/acme/Missing");
                }), Map.of());
                fleet.removeProgram(hangs, Map.of());
            }, "registering and unregistering programs returns, whatever their info() does");
        } finally {
            never.countDown();
            fleet.deactivate();
        }
    }

    @Test
    void programsAreToldInTheOrderTheyCameAndWentAndThoseThatDoNotSayAreLeftOut() throws Exception {
        List<String> told = new CopyOnWriteArrayList<>();
        ProgramNews news = new ProgramNews(event -> {
            Views.ProgramEvent e = (Views.ProgramEvent) event.data();
            told.add(event.type() + " " + e.change() + " " + e.program().id());
        });
        CountDownLatch never = new CountDownLatch(1);
        try {
            Program hangs = Programs.describedBy(() -> {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return info("hangs");
            });
            Program good = Programs.describedBy(() -> info("good"));
            news.added(hangs, Map.of());
            news.added(Programs.describedBy(() -> null), Map.of());
            news.added(Programs.describedBy(() -> {
                throw new StackOverflowError();
            }), Map.of());
            news.added(good, Map.of(Program.SOURCE, "bundle"));
            news.removed(hangs, Map.of()); // its read is interrupted: it never said what it was
            news.removed(good, Map.of());
            Waits.until("the good program's coming and going told", 10_000, () -> told.size() >= 2);
            assertEquals(List.of("program-added added good", "program-removed removed good"), told);
        } finally {
            never.countDown();
            news.close();
        }
    }

    private static ProgramInfo info(String id) {
        return new ProgramInfo(id, id, "1", null, "", 2, 8);
    }

    private static BundleContext context(Path data) {
        Bundle bundle = (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (proxy, method, args) -> method.getName().equals("getVersion") ? new Version(1, 0, 0) : null);
        return (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getProperty" -> "bootctl.data".equals(args[0]) ? data.toString() : null;
                    case "getBundle" -> bundle;
                    default -> null;
                });
    }

    /** A fleet on a broker nobody listens on (it keeps trying, on its own thread). */
    private static FleetConfig config() {
        return (FleetConfig) Proxy.newProxyInstance(FleetConfig.class.getClassLoader(), new Class<?>[] {FleetConfig.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "broker" -> "mqtt://127.0.0.1:9";
                    case "site" -> "site1";
                    case "unit" -> "unit1";
                    default -> method.getDefaultValue();
                });
    }
}
