package org.bootctl.launcher.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.bootctl.launcher.testing.Cli;
import org.bootctl.launcher.testing.TestDistribution;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * {@code bootctl programs}, {@code validate} and {@code plot} end to end, in-process, with the real
 * programs bundle: built-ins, files in the data folder's programs/, and files named on the line.
 */
class ProgramCommandsIT {

    /** Runs on 2 to 4 zones: not on a 5-zone RB2-L5. */
    static final String SMALL = """
            { "id": "small", "name": "Small", "version": "0.2.0", "author": "a test",
              "description": "For short garments.", "zones": {"min": 2, "max": 4}, "minCycle": 20,
              "cycle": [ {"each": "up", "steps": [ {"fill": "zone", "to": "90%"} ]}, {"vent": "all", "hold": 2} ] }
            """;
    /** Claims every garment of 2 to 12 zones, but names zone 9 in its third step. */
    static final String ZONE_NINE = """
            { "id": "zone-nine", "name": "Zone nine", "version": "1.0.0", "author": "a test",
              "description": "Fills zone 9.", "zones": {"min": 2, "max": 12}, "minCycle": 20,
              "cycle": [
                {"fill": 1, "to": "50%"},
                {"hold": 2},
                {"fill": 9, "to": "50%"},
                {"vent": "all", "hold": 2} ] }
            """;
    static final String BROKEN = """
            { "id": "broken", "name": "Broken", "version": "1.0.0", "author": "a test",
              "description": "A typo.", "zones": {"min": 2, "max": 12},
              "cycle": [ {"fill": 1, "to": "50%"}, {"hodl": 2} ] }
            """;

    @TempDir
    Path folder;
    Path data;

    @BeforeEach
    void data() throws Exception {
        data = Files.createDirectories(folder.resolve("data").resolve("programs")).getParent();
    }

    private Cli.Result bootctl(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--data";
        all[args.length + 1] = data.toString();
        return Cli.run(TestDistribution.real(), all);
    }

    /** The table row of a program: its cells split on runs of two or more spaces. */
    private static List<String> row(Cli.Result result, String id) {
        return result.out().lines().filter(l -> l.startsWith(id + " ")).findFirst()
                .map(l -> List.of(l.split(" {2,}")))
                .orElseThrow(() -> new AssertionError("no row for " + id + " in:\n" + result.out()));
    }

    /** Commands that only read programs make no data folder where there is none (one run in a home folder made ./data). */
    @Test
    void commandsThatOnlyReadLeaveNoDataFolderBehind() throws Exception {
        Path none = folder.resolve("no-data-here");
        Path program = Files.writeString(folder.resolve("small.json"), SMALL);
        for (String[] command : List.of(new String[] {"programs"}, new String[] {"validate", program.toString()},
                new String[] {"plot", "sequential", "--model", "RB2-L5", "--out", folder.resolve("s.svg").toString()})) {
            String[] all = java.util.Arrays.copyOf(command, command.length + 2);
            all[command.length] = "--data";
            all[command.length + 1] = none.toString();
            Cli.Result result = Cli.run(TestDistribution.real(), all);
            assertEquals(0, result.exitCode(), result.toString());
            assertTrue(Files.notExists(none), command[0] + " made " + none);
        }
        assertTrue(Files.isRegularFile(folder.resolve("s.svg")), "the chart is written where --out says");
    }

    @Test
    void programsListsBuiltInsAndTheFilesDroppedInTheFolderValidOrNot() throws Exception {
        Files.writeString(data.resolve("programs/small.json"), SMALL);
        Files.writeString(data.resolve("programs/broken.json"), BROKEN);
        Cli.Result result = bootctl("programs", "--model", "RB2-L5");
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("", result.err());
        assertEquals(List.of("ID", "NAME", "VERSION", "ZONES", "SOURCE", "ON RB2-L5", "STATUS"),
                List.of(result.out().lines().findFirst().orElseThrow().split(" {2,}")));
        assertEquals(List.of("sequential", "Sequential", "1.0.0", "2..12", "built-in", "yes", "valid"),
                row(result, "sequential"));
        assertEquals(List.of("small", "Small", "0.2.0", "2..4", "file (small.json)", "no", "valid"),
                row(result, "small"));
        List<String> broken = row(result, "broken");
        assertEquals("file (broken.json)", broken.get(4));
        assertEquals("invalid: $.cycle[1].hodl: unknown key; did you mean \"hold\"? (line 3)", broken.get(6));
        for (String id : List.of("distal-release", "flush", "gradient", "lymphatic", "pulse", "warm-up", "wave")) {
            assertEquals("built-in", row(result, id).get(4));
        }

        Cli.Result plain = bootctl("programs");
        assertEquals(List.of("ID", "NAME", "VERSION", "ZONES", "SOURCE", "STATUS"),
                List.of(plain.out().lines().findFirst().orElseThrow().split(" {2,}")));
    }

    @Test
    void validateSaysValidOrEveryErrorWithFileAndLineAndExits2() throws Exception {
        Path small = Files.writeString(folder.resolve("small.json"), SMALL);
        Path nine = Files.writeString(folder.resolve("zone-nine.json"), ZONE_NINE);
        Path broken = Files.writeString(folder.resolve("broken.json"), BROKEN);

        Cli.Result good = bootctl("validate", small.toString(), "--model", "RB1-L4");
        assertEquals(0, good.exitCode(), good.toString());
        assertEquals(small + ": valid\n", good.out());
        assertEquals("", good.err());

        Cli.Result onModel = bootctl("validate", small.toString(), nine.toString(), broken.toString(),
                folder.resolve("missing.json").toString(), "--model", "RB2-L5");
        assertEquals(2, onModel.exitCode(), onModel.toString());
        assertEquals(List.of(
                small + ": $.zones: the program runs on garments of 2 to 4 zones; this one has 5 (line 2)",
                nine + ": $.cycle[2].fill: zone 9 does not exist on a 5-zone garment (line 6)",
                broken + ": $.cycle[1].hodl: unknown key; did you mean \"hold\"? (line 3)",
                folder.resolve("missing.json") + ": no such file"), onModel.errLines());
        assertEquals("", onModel.out());

        Cli.Result model = bootctl("validate", small.toString(), "--model", "RB9");
        assertEquals(2, model.exitCode());
        assertTrue(model.err().startsWith("bootctl: validate: unknown model 'RB9' (models: RB2-L5, RB2-A4, RB2-M8,"
                + " RB1-L4)"), model.err());
    }

    /**
     * "Errors on stderr one per line" whatever a file holds: a line break or a terminal escape in a
     * key, an id or a name is shown escaped, so it neither splits an error in two nor forges a line
     * nor repaints the terminal; the same in the programs table.
     */
    @Test
    void validateAndProgramsPrintOneLinePerErrorAndRowWhateverTheFileHolds() throws Exception {
        String hostile = "{ \"id\": \"x\\ny\", \"name\": \"N\\u001b[2J\", \"version\": \"1\","
                + " \"zones\": {\"min\": 2, \"max\": 4},"
                + " \"cycle\": [ {\"fill\": 1, \"ho\\nld\\u001b[2J\": 2}, {\"vent\": \"all\", \"hold\": 5} ] }";
        Path file = Files.writeString(folder.resolve("hostile.json"), hostile);
        Cli.Result result = bootctl("validate", file.toString());
        assertEquals(2, result.exitCode(), result.toString());
        assertEquals(List.of(
                file + ": $.id: \"x\\x0ay\" is not a valid id: use lower-case letters, digits and dashes (at most 64,"
                        + " not starting or ending with a dash), like \"my-program\" (line 1)",
                file + ": $.cycle[0].ho\\x0ald\\x1b[2J: unknown key; expected one of fill, to, vent, hold, limit, comment"
                        + " (line 1)"), result.errLines());

        Files.copy(file, data.resolve("programs").resolve("hostile.json"));
        Cli.Result listed = bootctl("programs");
        assertEquals(0, listed.exitCode(), listed.toString());
        List<String> rows = listed.out().lines().toList();
        assertEquals(1 + 8 + 1, rows.size(), "a header, the eight built-ins and the file:\n" + listed.out());
        assertTrue(listed.out().chars().noneMatch(c -> c == 0x1b), listed.out());
    }

    @Test
    void validateShowsZoneErrorsBesideKeyErrors() throws Exception {
        // zone errors used to show only once the key errors were fixed
        Path both = Files.writeString(folder.resolve("both.json"), ZONE_NINE.replace("{\"hold\": 2}", "{\"hodl\": 2}"));
        Cli.Result result = bootctl("validate", both.toString());
        assertEquals(2, result.exitCode(), result.toString());
        assertEquals(List.of(
                both + ": $.cycle[1].hodl: unknown key; did you mean \"hold\"? (line 5)",
                both + ": $.cycle[2].fill: zone 9 does not exist on a 2-zone garment (line 6)"), result.errLines());
    }

    @Test
    void validateRefusesDevicesPipesAndBigFilesUnreadAndBoundsTheErrors() throws Exception {
        // /dev/zero ran validate out of memory; a pipe would have blocked it for ever
        Path fifo = folder.resolve("pipe.json");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertEquals(0, mkfifo.waitFor(), "mkfifo");
        Path big = Files.write(folder.resolve("big.json"), new byte[16 * 1024 * 1024]);
        Path errors = Files.writeString(folder.resolve("zeros.json"), "{\"cycle\": [" + "0,".repeat(100_000) + "0]}");
        Cli.Result result = bootctl("validate", "/dev/zero", fifo.toString(), big.toString(), folder.toString(),
                errors.toString());
        assertEquals(2, result.exitCode(), result.toString());
        List<String> lines = result.errLines();
        assertEquals(List.of(
                "/dev/zero: not a regular file (a device or a pipe?); a program is a .json file",
                fifo + ": not a regular file (a device or a pipe?); a program is a .json file",
                big + ": $: the file is 16384 KiB; a program file is at most 256 KiB",
                folder + ": a folder, not a program file"), lines.subList(0, 4));
        assertEquals(101, lines.size() - 4, "at most 100 errors and a note for one file");
        assertEquals(errors + ": $: more errors than these 100; fix them and check again", lines.get(lines.size() - 1));
    }

    @Test
    void plotWritesOneCycleOfABuiltInOrAFileAsAnSvgChart() throws Exception {
        Path out = folder.resolve("charts").resolve("seq.svg");
        Cli.Result builtIn = bootctl("plot", "sequential", "--model", "RB2-M8", "--level", "6", "--out",
                out.toString());
        assertEquals(0, builtIn.exitCode(), builtIn.toString());
        assertEquals(out + "\n", builtIn.out());
        Document svg = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(out.toFile());
        int lanes = 0;
        for (int i = 0; i < svg.getElementsByTagName("g").getLength(); i++) {
            lanes += "lane".equals(((org.w3c.dom.Element) svg.getElementsByTagName("g").item(i)).getAttribute("class"))
                    ? 1 : 0;
        }
        assertEquals(8, lanes, "one lane per zone of the RB2-M8");
        assertTrue(svg.getDocumentElement().getTextContent().contains("Sequential on RB2-M8: one cycle"));
        assertTrue(svg.getDocumentElement().getTextContent().contains("level 6, cap 97 mmHg"));

        Files.writeString(data.resolve("programs/small.json"), SMALL);
        Path small = folder.resolve("small.svg");
        Cli.Result dropped = bootctl("plot", "small", "--model", "RB1-L4", "--out", small.toString());
        assertEquals(0, dropped.exitCode(), dropped.toString());
        assertTrue(Files.readString(small).contains("data-zone=\"4\""));

        Path file = Files.writeString(folder.resolve("small.json"), SMALL);
        Cli.Result fromFile = bootctl("plot", file.toString(), "--model", "RB2-M8", "--out", small.toString());
        assertEquals(2, fromFile.exitCode(), fromFile.toString());
        assertEquals(List.of("bootctl: plot: program 'small' runs on 2 to 4 zones; the RB2-M8 has 8"),
                fromFile.errLines());
        Cli.Result fits = bootctl("plot", file.toString(), "--model", "RB2-A4", "--out", small.toString());
        assertEquals(0, fits.exitCode(), fits.toString());
        assertTrue(Files.readString(small).contains("Small on RB2-A4: one cycle"));
    }

    @Test
    void plotRefusesToWriteItsChartOverTheProgramFileItDraws() throws Exception {
        Path file = Files.writeString(folder.resolve("small.json"), SMALL);
        Path link = Files.createSymbolicLink(folder.resolve("link.json"), file);
        for (Path out : List.of(file, link)) {
            Cli.Result same = bootctl("plot", file.toString(), "--model", "RB2-A4", "--out", out.toString());
            assertEquals(2, same.exitCode(), same.toString());
            assertEquals(List.of("bootctl: plot: --out " + out + " is the program file itself; writing the chart there"
                    + " would replace the program: give another file"), same.errLines());
            assertEquals(SMALL, Files.readString(file), "the program is left as it was");
        }
    }

    /**
     * A chart that cannot be written says why in words: it said 'cannot write x/s.svg: /tmp/.../x'
     * (an exception's message that is only a path) for a file in the way, and '.: Is a directory'
     * for a folder.
     */
    @Test
    void plotSaysWhyItsChartCannotBeWritten() throws Exception {
        Path file = Files.writeString(folder.resolve("afile"), "not a folder");
        Cli.Result inTheWay = bootctl("plot", "sequential", "--model", "RB2-L5", "--out",
                file.resolve("s.svg").toString());
        assertEquals(1, inTheWay.exitCode(), inTheWay.toString());
        assertEquals(List.of("bootctl: plot: cannot write " + file.resolve("s.svg") + ": a file is in the way of a"
                + " folder: " + file), inTheWay.errLines());
        Cli.Result aFolder = bootctl("plot", "sequential", "--model", "RB2-L5", "--out", folder.toString());
        assertEquals(2, aFolder.exitCode(), aFolder.toString());
        assertEquals(List.of("bootctl: plot: cannot write the chart to " + folder + ": it is a folder; give a file"
                + " name, e.g. " + folder.resolve("chart.svg")), aFolder.errLines());
        Cli.Result empty = bootctl("plot", "sequential", "--model", "RB2-L5", "--out", "");
        assertEquals(2, empty.exitCode(), empty.toString());
        assertEquals(List.of("bootctl: plot: --out needs a file name, e.g. chart.svg"), empty.errLines());
    }

    /**
     * Two files of one program id: only the last was published (a map by id), under one 'pushed'
     * line, and the other was lost without a word. Refused before the broker is asked anything.
     */
    @Test
    void fleetPushRefusesTwoFilesOfOneProgramId() throws Exception {
        Path one = Files.writeString(folder.resolve("one.json"), SMALL);
        Path two = Files.writeString(folder.resolve("two.json"), SMALL.replace("0.2.0", "0.3.0"));
        Cli.Result pushed = bootctl("fleet", "push", one.toString(), two.toString(), "--site", "s1",
                "--broker", "mqtt://127.0.0.1:1");
        assertEquals(2, pushed.exitCode(), pushed.toString());
        assertEquals("bootctl: fleet push: " + one + " and " + two + " are both program small; push one of them",
                pushed.errLines().get(pushed.errLines().size() - 1), pushed.toString());
    }

    @Test
    void aProgramFileThatIsALinkLoopOrADanglingLinkIsNamedSo() throws Exception {
        Path loop = folder.resolve("loop.json");
        Files.createSymbolicLink(loop, folder.resolve("other.json"));
        Files.createSymbolicLink(folder.resolve("other.json"), loop);
        Path dangling = Files.createSymbolicLink(folder.resolve("gone.json"), folder.resolve("missing.json"));
        for (Path link : List.of(loop, dangling)) {
            Cli.Result plot = bootctl("plot", link.toString(), "--model", "RB2-L5");
            assertEquals(2, plot.exitCode(), plot.toString());
            assertEquals(List.of("bootctl: plot: program file " + link + " is a link that leads to no file (a loop of"
                    + " links, or its target is gone)"), plot.errLines());
        }
    }

    @Test
    void plotNamesWhatIsWrongWithTheProgram() throws Exception {
        Files.writeString(data.resolve("programs/broken.json"), BROKEN);
        Cli.Result broken = bootctl("plot", "broken", "--model", "RB2-L5");
        assertEquals(2, broken.exitCode(), broken.toString());
        assertTrue(broken.err().contains("plot: program 'broken' (") && broken.err().contains(
                "is not valid: $.cycle[1].hodl: unknown key"), broken.err());

        Cli.Result unknown = bootctl("plot", "sequentail", "--model", "RB2-L5");
        assertEquals(2, unknown.exitCode(), unknown.toString());
        assertTrue(unknown.err().contains("unknown program 'sequentail'") && unknown.err().contains(
                "(did you mean sequential?)"), unknown.err());

        Cli.Result level = bootctl("plot", "sequential", "--model", "RB2-L5", "--level", "8");
        assertEquals(List.of("bootctl: plot: level must be 1..7, not 8"), level.errLines());
        Cli.Result noModel = bootctl("plot", "sequential");
        assertEquals(2, noModel.exitCode());
        assertTrue(noModel.err().contains("plot: missing --model M"), noModel.err());
    }
}
