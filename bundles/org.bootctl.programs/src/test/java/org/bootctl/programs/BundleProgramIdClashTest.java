package org.bootctl.programs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bootctl.api.program.Garment;
import org.bootctl.api.program.Plan;
import org.bootctl.api.program.Program;
import org.bootctl.api.program.ProgramEntry;
import org.bootctl.api.program.ProgramInfo;
import org.bootctl.api.program.Settings;
import org.bootctl.testing.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;

/**
 * A program bundle whose program has an id that is taken (a built-in's, or another bundle's the
 * engine prefers) is listed as not valid, naming who has the id: it is never run under that id,
 * and an integrator who deployed it is told why it is not there.
 */
class BundleProgramIdClashTest {

    @TempDir
    Path data;

    private static Object fake(Class<?> type, Map<String, Object> answers) {
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, m, a) -> {
            if (m.getName().equals("equals")) {
                return p == a[0];
            }
            if (!answers.containsKey(m.getName())) {
                throw new UnsupportedOperationException(m.getName());
            }
            return answers.get(m.getName());
        });
    }

    @SuppressWarnings("unchecked")
    private static ServiceReference<Program> reference(long serviceId, String bundle) {
        Bundle b = (Bundle) fake(Bundle.class, Map.of("getSymbolicName", bundle));
        return (ServiceReference<Program>) fake(ServiceReference.class, Map.of("getBundle", b,
                "getProperty", serviceId)); // service.id for every property: no ranking
    }

    private static Program program(String id) {
        return new Program() {
            @Override
            public ProgramInfo info() {
                return new ProgramInfo(id, "Acme " + id, "1.0.0", "acme", "", 2, 8);
            }

            @Override
            public Plan compile(Garment garment, Settings settings) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private static List<ProgramEntry> of(ProgramLibraryComponent library, String bundle) {
        return library.entries().stream().filter(e -> e.location().equals(bundle)).toList();
    }

    @Test
    void aBundleProgramWithABuiltInsIdOrAnotherBundlesIsListedAsNotValidNamingWhoHasIt() {
        ServiceRegistration<?> registration = (ServiceRegistration<?>) fake(ServiceRegistration.class,
                Map.of("unregister", "gone"));
        BundleContext context = (BundleContext) fake(BundleContext.class,
                Map.of("getProperty", data.toString(), "registerService", registration));
        ProgramLibraryComponent library = new ProgramLibraryComponent();
        library.activate(context);
        try {
            library.addProgram(program("sequential"), reference(100L, "acme-seq"));
            library.addProgram(program("acme-own"), reference(101L, "acme-own"));
            library.addProgram(program("acme-twin"), reference(102L, "acme.first"));
            library.addProgram(program("acme-twin"), reference(103L, "acme.second"));
            Waits.until("every bundle program described", 10_000, () -> library.entries().stream()
                    .filter(e -> e.source().equals("bundle")).allMatch(e -> e.info() != null));

            ProgramEntry clash = of(library, "acme-seq").get(0);
            assertEquals(List.of("id \"sequential\" is already used by the built-in program sequential; give this"
                    + " program an id of its own (docs/PROGRAM-BUNDLES.md)"),
                    clash.errors().stream().map(e -> e.message()).toList());
            assertEquals("Acme sequential", clash.info().name(), "listed with what it says of itself");
            assertTrue(library.entries().stream().anyMatch(e -> e.id().equals("sequential")
                    && e.source().equals("built-in") && e.valid()), "the built-in keeps its id");
            assertTrue(of(library, "acme-own").get(0).valid(), "an id of its own is valid");
            assertTrue(of(library, "acme.first").get(0).valid(), "the older service keeps the id, as in the engine");
            assertEquals("id \"acme-twin\" is already used by the program of bundle acme.first; give this program"
                    + " an id of its own (docs/PROGRAM-BUNDLES.md)",
                    of(library, "acme.second").get(0).errors().get(0).message());

            library.removeProgram(reference(102L, "acme.first"));
            assertTrue(of(library, "acme.second").get(0).valid(), "the id is free again: the other one is valid");
        } finally {
            library.deactivate();
        }
    }
}
