package org.bootctl.tools.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.device.ModelSpec;
import org.bootctl.api.device.Models;
import org.bootctl.api.program.Garment;
import org.bootctl.api.program.Plan;
import org.bootctl.api.program.Program;
import org.bootctl.api.program.ProgramEntry;
import org.bootctl.api.program.ProgramLibrary;
import org.bootctl.api.program.Settings;
import org.bootctl.launcher.runtime.OsgiRuntime;
import org.bootctl.launcher.testing.Runtimes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Every built-in program of the real programs bundle, compiled for every model and drawn: the
 * chart is XML with one lane per zone, a title and both axes. The RB2-L5 charts are kept in
 * target/plots/ for a person to look at.
 */
class BuiltInPlotsIT {

    static final Path PLOTS = Path.of("target", "plots");

    @TempDir
    static Path data;
    static OsgiRuntime runtime;

    @BeforeAll
    static void start() throws Exception {
        runtime = Runtimes.start("simulator", Map.of(), data);
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    private static List<Program> builtIns() throws Exception {
        ProgramLibrary library = runtime.awaitService(ProgramLibrary.class, null, Duration.ofSeconds(10)).orElseThrow();
        List<String> ids = library.entries().stream().filter(e -> e.source().equals("built-in"))
                .map(ProgramEntry::id).toList();
        assertTrue(ids.containsAll(List.of("sequential", "distal-release", "pulse", "gradient", "wave", "warm-up",
                "lymphatic", "flush")), ids.toString());
        List<Program> programs = new ArrayList<>();
        for (var reference : runtime.context().getServiceReferences(Program.class, "(bootctl.program.source=built-in)")) {
            programs.add(runtime.context().getService(reference));
        }
        assertEquals(ids.size(), programs.size(), "every built-in is a Program service");
        return programs;
    }

    @Test
    void everyBuiltInOnEveryModelIsAChartWithOneLanePerZone() throws Exception {
        Files.createDirectories(PLOTS);
        Settings level5 = new Settings(5, 0, 20, Set.of(), false, false);
        for (Program program : builtIns()) {
            for (ModelSpec model : Models.all()) {
                Garment garment = Garment.of(DeviceDescription.of("plot", model, "-", "-", model.defaultRateHz()));
                Plan plan = program.compile(garment, level5);
                String svg = PlanSvg.render(plan, program.info(), garment, model.model(), level5);
                String name = program.info().id() + " on " + model.model();

                Document document = PlanSvgTest.parse(svg);
                List<Element> lanes = PlanSvgTest.groups(document, "lane");
                List<String> zones = lanes.stream().map(l -> l.getAttribute("data-zone")).sorted().toList();
                List<String> expected = new ArrayList<>();
                for (int z = 1; z <= model.zones(); z++) {
                    expected.add(Integer.toString(z));
                }
                assertEquals(expected.stream().sorted().toList(), zones, name + ": one lane per zone");
                for (Element lane : lanes) {
                    String zone = lane.getAttribute("data-zone");
                    assertTrue(lane.getTextContent().contains(model.zoneNames().get(Integer.parseInt(zone) - 1)),
                            name + ": lane " + zone + " names its zone");
                }
                assertTrue(document.getElementsByTagNameNS("http://www.w3.org/2000/svg", "title").item(0)
                        .getTextContent().startsWith(program.info().name() + " on " + model.model()), name);
                assertEquals(1, PlanSvgTest.groups(document, "x-axis").size(), name);
                assertEquals(1, PlanSvgTest.groups(document, "y-axis").size(), name);
                if (model == Models.RB2_L5) {
                    Files.writeString(PLOTS.resolve(program.info().id() + "-RB2-L5.svg"), svg, StandardCharsets.UTF_8);
                }
            }
        }
    }
}
