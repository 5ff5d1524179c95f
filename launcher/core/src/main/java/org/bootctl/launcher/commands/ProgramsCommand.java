package org.bootctl.launcher.commands;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bootctl.api.device.ModelDescription;
import org.bootctl.api.program.Garment;
import org.bootctl.api.program.ProgramEntry;
import org.bootctl.api.program.ProgramInfo;
import org.bootctl.api.program.ProgramLibrary;
import org.bootctl.launcher.cli.Command;
import org.bootctl.launcher.cli.Invocation;
import org.bootctl.launcher.cli.OptionSpec;
import org.bootctl.launcher.runtime.OsgiRuntime;

/**
 * {@code bootctl programs}: every program the library knows (built-in, user files, other
 * bundles), valid or not, as a table; with {@code --model} also whether each runs on that garment.
 */
public final class ProgramsCommand implements Command {

    @Override
    public String name() {
        return "programs";
    }

    @Override
    public String summary() {
        return "lists the programs: built-in, user files (DATA/programs) and bundles, valid or why not";
    }

    @Override
    public String description() {
        return """
                Lists every program the library knows, sorted by id: id, name, version, the zone counts
                it runs on, where it comes from (built-in; file, a .json in the data folder's programs/
                folder; bundle, a program another bundle registers) and "valid" or its first error
                ('bootctl validate FILE' shows them all). With --model, also whether it runs on that
                model's garment. Starts the feature without its UI bundles, beside a running controller.""";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(OptionSpec.value(ModelOption.NAME, "M", "also says whether each program runs on this model's"
                + " garment: " + ModelOption.HELP));
    }

    @Override
    public int execute(Invocation invocation) throws Exception {
        try (OsgiRuntime runtime = Startup.listing(invocation, invocation.feature())) {
            Optional<ModelDescription> model = ModelOption.of(invocation.args(), name(), runtime);
            ProgramLibrary library = ProgramLibraries.await(runtime);
            ProgramLibraries.awaitScan(library, invocation.dataFolder().resolve(ProgramLibraries.FOLDER));
            print(invocation, library.entries(), model);
        }
        return 0;
    }

    private static void print(Invocation invocation, List<ProgramEntry> entries, Optional<ModelDescription> model) {
        if (entries.isEmpty()) {
            invocation.out().println("no programs");
            return;
        }
        List<String> header = new ArrayList<>(List.of("ID", "NAME", "VERSION", "ZONES", "SOURCE"));
        model.ifPresent(m -> header.add("ON " + m.model()));
        header.add("STATUS");
        TextTable table = new TextTable(header.toArray(String[]::new));
        Optional<Garment> garment = model.map(ModelOption::garment);
        for (ProgramEntry entry : entries) {
            ProgramInfo info = entry.info();
            List<Object> cells = new ArrayList<>();
            cells.add(entry.id());
            cells.add(info == null ? null : info.name());
            cells.add(info == null ? null : info.version());
            cells.add(info == null ? null : info.minZones() == info.maxZones() ? "" + info.minZones()
                    : info.minZones() + ".." + info.maxZones());
            cells.add(source(entry));
            garment.ifPresent(g -> cells.add(info == null ? null : info.supports(g) ? "yes" : "no"));
            cells.add(status(entry));
            table.row(cells.toArray());
        }
        table.print(invocation.out());
    }

    /** {@code built-in}, {@code file (mine.json)}, {@code bundle (com.example.programs)}. */
    static String source(ProgramEntry entry) {
        String location = entry.location();
        if (location == null || location.isBlank() || entry.source().equals("built-in")) {
            return entry.source();
        }
        Path name = entry.source().equals("file") ? Path.of(location).getFileName() : null;
        return entry.source() + " (" + (name != null ? name : location) + ")";
    }

    /** {@code valid}, or the first error and how many more. */
    static String status(ProgramEntry entry) {
        if (entry.valid()) {
            return "valid";
        }
        int more = entry.errors().size() - 1;
        return "invalid: " + entry.errors().get(0) + (more > 0 ? " (+" + more + " more)" : "");
    }
}
