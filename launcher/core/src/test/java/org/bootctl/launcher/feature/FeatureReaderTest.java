package org.bootctl.launcher.feature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureReaderTest {

    @TempDir
    Path folder;

    private Feature read(String json, Map<String, String> variables) throws Exception {
        Path file = Files.writeString(folder.resolve("f.json"), json);
        return FeatureReader.read(file, variables);
    }

    private String problem(String json, Map<String, String> variables) {
        return assertThrows(FeatureException.class, () -> read(json, variables)).getMessage();
    }

    @Test
    void readsBundlesInFileOrderWithStartOrderAndUiAndConsoleMarks() throws Exception {
        Feature feature = read("""
                { "id": "org.bootctl:f:1", "description": "d",
                  "bundles": [ "a.b:c:1.0", { "id": "org.x:y:2", "start-order": 5, "ui": true, "other": "kept" },
                               { "id": "org.x:tty:3", "ui": true, "console": true } ] }
                """, Map.of());
        assertEquals("f", feature.name());
        assertEquals("org.bootctl:f:1", feature.id());
        assertEquals("d", feature.description());
        assertEquals(List.of(
                new FeatureBundle("a.b:c:1.0", "a.b", "c", "1.0", FeatureBundle.LAST, false, false),
                new FeatureBundle("org.x:y:2", "org.x", "y", "2", 5, true, false),
                new FeatureBundle("org.x:tty:3", "org.x", "tty", "3", FeatureBundle.LAST, true, true)),
                feature.bundles());
        assertEquals(List.of("a.b:c:1.0"), feature.bundles(true).stream().map(FeatureBundle::id).toList());
        assertEquals(List.of("a.b:c:1.0", "org.x:y:2"), feature.bundles(false).stream().map(FeatureBundle::id).toList());
        assertEquals(List.of("org.x:tty:3"), feature.consoleBundles().stream().map(FeatureBundle::id).toList());
        assertEquals(Path.of("org/x/y/2/y-2.jar"), feature.bundles().get(1).repositoryPath());
    }

    @Test
    void substitutesVariablesWithDefaultsOrOverridesAndKeepsTypes() throws Exception {
        Feature feature = read("""
                { "id": "i", "variables": { "port": "/dev/ttyUSB0", "rate": 50, "spare": null },
                  "bundles": [],
                  "configurations": {
                    "org.bootctl.driver": { "port": "serial ${port} at ${rate} Hz", "retries": 3, "gain": 1.5,
                                            "on": false, "ids": [1, 2], "mix": [1, 2.5], "names": [] },
                    "org.bootctl.sim.device~left": { "id": "${spare}" } } }
                """, Map.of("port", "/dev/ttyS1", "spare", "s"));
        assertEquals(Map.of("port", "/dev/ttyS1", "rate", "50", "spare", "s"), feature.variables());
        FeatureConfiguration plain = feature.configurations().get(0);
        assertEquals("org.bootctl.driver", plain.pid());
        assertEquals("serial /dev/ttyS1 at 50 Hz", plain.properties().get("port"));
        assertEquals(3L, plain.properties().get("retries"));
        assertEquals(1.5, plain.properties().get("gain"));
        assertEquals(false, plain.properties().get("on"));
        assertArrayEquals(new Long[] {1L, 2L}, (Long[]) plain.properties().get("ids"));
        assertArrayEquals(new Double[] {1.0, 2.5}, (Double[]) plain.properties().get("mix"));
        assertArrayEquals(new String[0], (String[]) plain.properties().get("names"));
        FeatureConfiguration factory = feature.configurations().get(1);
        assertTrue(factory.factory());
        assertEquals("org.bootctl.sim.device", factory.factoryPid());
        assertEquals("left", factory.name());
        assertEquals("s", factory.properties().get("id"));
        assertEquals(Set.of("org.bootctl.driver", "org.bootctl.sim.device"), feature.configuredPids());
    }

    @Test
    void refusesWhatCannotBeRight() {
        assertTrue(problem("{ \"bundles\": [] }", Map.of()).endsWith("f.json: missing \"id\""));
        assertTrue(problem("{ \"id\": \"i\" }", Map.of()).endsWith("missing \"bundles\""));
        assertTrue(problem("[]", Map.of()).endsWith("the top level must be a JSON object"));
        assertTrue(problem("{ \"id\": \"i\", \"bundles\": [] } {}", Map.of()).endsWith("not valid JSON: more follows the top-level object"));
        assertTrue(problem("{ \"id\": \"i\", \"bundles\": [], }", Map.of()).contains("not valid JSON"));
        // the problem in words a person can act on, not Gson's advice to its programmers
        for (String json : List.of("{ 'id': 'i' }", "{ \"id\": \"i\", // a comment\n \"bundles\": [] }", "{bad")) {
            String problem = problem(json, Map.of());
            assertTrue(problem.contains("f.json: not valid JSON: unexpected text (a comment, single quotes or an"
                    + " unquoted word?) at line ") && !problem.contains("JsonReader"), problem);
        }
        assertTrue(problem("{ \"id\": \"i\", \"bundles\": [\"a:b\"] }", Map.of())
                .endsWith("bundles[0]: bundle id \"a:b\" is not group:artifact:version"));
        assertTrue(problem("{ \"id\": \"i\", \"bundles\": [{\"id\": \"a:b:1\", \"start-order\": -1}] }", Map.of())
                .endsWith("\"start-order\" must be a whole number of 0 or more"));
        assertTrue(problem("{ \"id\": \"i\", \"bundles\": [{\"id\": \"a:b:1\", \"console\": \"yes\"}] }", Map.of())
                .endsWith("bundles[0]: \"console\" must be true or false"));
        assertTrue(problem("{ \"id\": \"i\", \"variables\": {\"v\": null}, \"bundles\": [] }", Map.of())
                .endsWith("variable \"v\" has no default: give --var v=VALUE"));
        assertTrue(problem("{ \"id\": \"i\", \"bundles\": [], \"configurations\": {\"p\": {\"x\": {}}} }", Map.of())
                .endsWith("configuration p, property x: a value is a string, number, boolean or an array of them"));
        assertTrue(problem("{ \"id\": \"i\", \"bundles\": [], \"configurations\": {\"p\": {\"x\": [1, \"a\"]}} }",
                Map.of()).endsWith("an array's values must all be of one kind"));
        assertTrue(problem("{ \"id\": \"i\", \"bundles\": [], \"configurations\": {\"p\": {\"x\": \"${y}\"}} }",
                Map.of()).endsWith("configuration p, property x: undefined variable ${y}"));
    }

    @Test
    void aFileOverTheLimitIsRefusedUnreadNamingTheLimit() throws Exception {
        String padded = "{ \"id\": \"org.bootctl:f:1\", \"bundles\": [], \"description\": \""
                + "x".repeat(FeatureReader.MAX_BYTES) + "\" }";
        String problem = problem(padded, Map.of());
        assertTrue(problem.contains("over 1024 KiB"), problem);
        // just under the limit still reads
        String fits = "{ \"id\": \"org.bootctl:f:1\", \"bundles\": [], \"description\": \""
                + "x".repeat(FeatureReader.MAX_BYTES - 100) + "\" }";
        assertEquals(FeatureReader.MAX_BYTES - 100, read(fits, Map.of()).description().length());
    }
}
