package org.bootctl.programs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bootctl.api.program.Program;
import org.bootctl.api.program.ProgramEntry;
import org.bootctl.api.program.ProgramInfo;
import org.bootctl.testing.Programs;
import org.bootctl.testing.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * A program bundle whose program has an id that is taken (a built-in's, or another bundle's the
 * engine prefers) is listed as not valid, naming who has the id: it is never run under that id,
 * and an integrator who deployed it is told why it is not there.
 */
class BundleProgramIdClashTest {

    @TempDir
    Path data;

    /** An Acme bundle's program of that id, named "Acme ID". */
    private static Program acme(String id) {
        return Programs.describedBy(() -> new ProgramInfo(id, "Acme " + id, "1.0.0", "acme", "", 2, 8));
    }

    private static List<ProgramEntry> of(ProgramLibraryComponent library, String bundle) {
        return library.entries().stream().filter(e -> e.location().equals(bundle)).toList();
    }

    @Test
    void aBundleProgramWithABuiltInsIdOrAnotherBundlesIsListedAsNotValidNamingWhoHasIt() {
        ServiceRegistration<?> registration = (ServiceRegistration<?>) Fakes.fake(ServiceRegistration.class,
                Map.of("unregister", "gone"));
        BundleContext context = (BundleContext) Fakes.fake(BundleContext.class,
                Map.of("getProperty", data.toString(), "registerService", registration));
        ProgramLibraryComponent library = new ProgramLibraryComponent();
        library.activate(context);
        try {
            library.addProgram(acme("sequential"), Fakes.reference(100L, "acme-seq"));
            library.addProgram(acme("acme-own"), Fakes.reference(101L, "acme-own"));
            library.addProgram(acme("acme-twin"), Fakes.reference(102L, "acme.first"));
            library.addProgram(acme("acme-twin"), Fakes.reference(103L, "acme.second"));
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

            library.removeProgram(Fakes.reference(102L, "acme.first"));
            assertTrue(of(library, "acme.second").get(0).valid(), "the id is free again: the other one is valid");
        } finally {
            library.deactivate();
        }
    }
}
