package org.bootctl.tools.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.bootctl.api.program.Garment;
import org.bootctl.api.program.Plan;
import org.bootctl.api.program.ProgramInfo;
import org.bootctl.api.program.Settings;
import org.bootctl.api.program.Step;
import org.bootctl.api.program.ZoneAction;
import org.bootctl.tools.plot.PlanTimeline.Point;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The chart of a hand-made plan: nominal time, lanes, labels, and XML a browser reads. */
class PlanSvgTest {

    static final Garment THREE_ZONES = new Garment(List.of("foot", "calf", "thigh"), 2, 130);
    static final Settings LEVEL_4 = new Settings(4, 0, 20, Set.of(), false, false); // cap 70 mmHg

    /** Zone 1 to 40, then zone 2 to 60 (zone 1 holds) with a 2 s hold, then all vent with a 3 s hold. */
    static Plan plan(long minCycleMs) {
        return new Plan("p", "1.0.0", List.of(
                new Step(List.of(ZoneAction.fill(40), ZoneAction.vent(), ZoneAction.vent()), 0),
                new Step(List.of(ZoneAction.hold(40), ZoneAction.fill(60), ZoneAction.vent()), 2000),
                new Step(List.of(ZoneAction.vent(), ZoneAction.vent(), ZoneAction.vent()), 3000)), minCycleMs);
    }

    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    /** Every {@code <g>} with the given class, in document order. */
    static List<Element> groups(Document svg, String cssClass) {
        List<Element> found = new ArrayList<>();
        NodeList all = svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "g");
        for (int i = 0; i < all.getLength(); i++) {
            Element g = (Element) all.item(i);
            if (List.of(g.getAttribute("class").split(" ")).contains(cssClass)) {
                found.add(g);
            }
        }
        return found;
    }

    @Test
    void fillsTakeTheirPressureChangeAtTheNominalRateVentsAtOnceAndStepsWaitForTheSlowestFill() {
        PlanTimeline timeline = PlanTimeline.of(plan(0));
        double fill1 = 40 / PlanTimeline.FILL_MMHG_PER_S;
        double fill2 = 60 / PlanTimeline.FILL_MMHG_PER_S;
        assertEquals(List.of(0.0, fill1, fill1 + fill2 + 2), timeline.stepStarts());
        double end = fill1 + fill2 + 2 + 3;
        assertEquals(end, timeline.cycleSeconds(), 1e-9);
        assertEquals(end, timeline.stepsSeconds(), 1e-9);
        assertEquals(List.of(new Point(0, 0), new Point(0, 0), new Point(fill1, 40),
                new Point(fill1 + fill2 + 2, 40), new Point(fill1 + fill2 + 2, 0), new Point(end, 0)),
                timeline.zones().get(0));
        assertEquals(List.of(new Point(0, 0), new Point(fill1, 0), new Point(fill1 + fill2, 60),
                new Point(fill1 + fill2 + 2, 60), new Point(fill1 + fill2 + 2, 0), new Point(end, 0)),
                timeline.zones().get(1));
        assertEquals(List.of(new Point(0, 0), new Point(end, 0)), timeline.zones().get(2), "zone 3 stays vented");
        assertEquals(60, timeline.highest());
    }

    @Test
    void aCycleShorterThanThePlansMinimumRestsUntilThen() {
        PlanTimeline timeline = PlanTimeline.of(plan(30_000));
        assertEquals(30, timeline.cycleSeconds(), 1e-9);
        assertTrue(timeline.stepsSeconds() < 30);
        List<Point> zone1 = timeline.zones().get(0);
        assertEquals(new Point(30, 0), zone1.get(zone1.size() - 1));
    }

    @Test
    void oneLanePerZoneProximalOnTopWithTitleUnitsAndAxes() throws Exception {
        String text = PlanSvg.render(plan(30_000), new ProgramInfo("p", "Fill & <hold>", "1.0.0", "me", "d", 2, 12),
                THREE_ZONES, "XX-3", LEVEL_4);
        Document svg = parse(text);
        Element root = svg.getDocumentElement();
        assertEquals("svg", root.getLocalName());
        assertTrue(root.getAttribute("viewBox").startsWith("0 0 960 "), root.getAttribute("viewBox"));

        List<Element> lanes = groups(svg, "lane");
        assertEquals(List.of("3", "2", "1"), lanes.stream().map(l -> l.getAttribute("data-zone")).toList());
        assertTrue(lanes.get(0).getTextContent().contains("thigh"), lanes.get(0).getTextContent());
        assertTrue(lanes.get(2).getTextContent().contains("zone 1") && lanes.get(2).getTextContent().contains("foot")
                && lanes.get(2).getTextContent().contains("up to 40 mmHg"), lanes.get(2).getTextContent());
        assertTrue(lanes.get(0).getTextContent().contains("stays vented"), lanes.get(0).getTextContent());

        assertEquals("Fill & <hold> on XX-3, level 4, cap 70 mmHg: one cycle",
                svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "title").item(0).getTextContent());
        assertTrue(root.getTextContent().contains("3 steps in 10 s, resting to the 30 s minimum cycle (nominal time)"),
                root.getTextContent());
        Element x = groups(svg, "x-axis").get(0);
        assertTrue(x.getTextContent().contains("time in the cycle, s (nominal)"), x.getTextContent());
        for (String tick : List.of("0", "5", "10", "15", "20", "25", "30")) {
            assertTrue(x.getTextContent().contains(tick), tick + " in " + x.getTextContent());
        }
        Element y = groups(svg, "y-axis").get(0);
        assertTrue(y.getTextContent().contains("mmHg") && y.getTextContent().contains("70"),
                y.getTextContent());
        assertEquals(2, groups(svg, "steps").get(0).getElementsByTagNameNS("http://www.w3.org/2000/svg", "line")
                .getLength(), "a line where each step after the first begins");
        assertFalse(text.contains("<script"), "nothing but drawing");
    }

    @Test
    void aPlanForAnotherGarmentIsRefused() {
        Garment two = new Garment(List.of("foot", "calf"), 2, 130);
        assertThrows(IllegalArgumentException.class, () -> PlanSvg.render(plan(0),
                new ProgramInfo("p", "P", "1", "a", "d", 2, 12), two, "XX-2", LEVEL_4));
    }

    @Test
    void scalesAndTicksAreRoundNumbers() {
        assertEquals(60, PlanSvg.niceCeiling(57));
        assertEquals(120, PlanSvg.niceCeiling(110));
        assertEquals(30, PlanSvg.niceCeiling(30));
        assertEquals(5, PlanSvg.niceStep(60));
        assertEquals(10, PlanSvg.niceStep(90));
        assertEquals(1, PlanSvg.niceStep(4));
        assertEquals("a &amp; &lt;b&gt; &quot;c&quot; &#39;d&#39;", PlanSvg.escape("a & <b> \"c\" 'd'"));
    }
}
