package org.bootctl.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.device.ModelCatalog;
import org.bootctl.api.device.ModelDescription;
import org.bootctl.api.device.RegulationMode;
import org.bootctl.testing.Waits;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;

/**
 * A model catalogue is another bundle's code (a driver dropped into deploy/): one whose models()
 * never returns held the simulator's activation, the framework's thread, for good. It is read
 * within a bound, as the engine reads catalogues; the others still describe their models.
 */
class HangingCatalogTest {

    @Test
    void aCatalogueThatNeverAnswersHoldsNeitherTheActivationNorTheOthers() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        List<String> registered = new CopyOnWriteArrayList<>();
        SimulatorComponent component = new SimulatorComponent();
        try {
            component.addCatalog(() -> {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return List.of();
            });
            CompletableFuture<Void> activation = CompletableFuture.runAsync(() ->
                    component.activate(context(registered), config("ACME-X6")));
            activation.get(20, TimeUnit.SECONDS); // before: never
            assertEquals(List.of(), registered, "the model is not described yet: the device waits for it");

            ModelCatalog acme = () -> List.of(ModelDescription.builder("ACME-X6").zones("foot", "calf", "thigh")
                    .hardLimitMmHg(125).regulation(RegulationMode.HOST).fillSeconds(4).build());
            CompletableFuture.runAsync(() -> component.addCatalog(acme)).get(20, TimeUnit.SECONDS);
            Waits.until(() -> "another catalogue's model is simulated: " + registered, 10_000,
                    () -> registered.contains(BootConnection.class.getName()));
        } finally {
            never.countDown();
            component.deactivate();
        }
    }

    private static BundleContext context(List<String> registered) {
        return (BundleContext) Proxy.newProxyInstance(HangingCatalogTest.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("registerService")) {
                        if (args[0] instanceof String[] names) {
                            registered.addAll(List.of(names));
                        } else {
                            registered.add(String.valueOf(args[0]));
                        }
                        return Proxy.newProxyInstance(HangingCatalogTest.class.getClassLoader(),
                                new Class<?>[] {org.osgi.framework.ServiceRegistration.class}, (p, m, a) -> null);
                    }
                    return null;
                });
    }

    private static SimulatorComponent.Config config(String model) {
        return (SimulatorComponent.Config) Proxy.newProxyInstance(HangingCatalogTest.class.getClassLoader(),
                new Class<?>[] {SimulatorComponent.Config.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "id" -> "sim-9";
                    case "model" -> model;
                    case "faults" -> "";
                    case "virtualTime" -> true;
                    case "seed" -> 1L;
                    default -> null;
                });
    }
}
