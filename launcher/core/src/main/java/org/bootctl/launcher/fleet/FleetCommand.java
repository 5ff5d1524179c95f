package org.bootctl.launcher.fleet;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.bootctl.launcher.cli.Args;
import org.bootctl.launcher.cli.Command;
import org.bootctl.launcher.cli.CommandException;
import org.bootctl.launcher.cli.Invocation;
import org.bootctl.launcher.cli.Operands;
import org.bootctl.launcher.cli.OptionSpec;
import org.bootctl.launcher.commands.ValidateCommand;

/**
 * {@code bootctl fleet status|push|remove|estop}: the fleet from the command line, through the
 * broker only (docs/FLEET.md). Exit 0 done, 1 broker unreachable or a device that did not
 * confirm, 2 bad input.
 */
public final class FleetCommand implements Command {

    /**
     * How long the broker gets to send its retained messages before they are shown or acted on; longer
     * while they still come ({@link #RETAINED_QUIET} apart), up to {@link #RETAINED_MOST}.
     */
    static final Duration RETAINED = Duration.ofMillis(1500);
    static final Duration RETAINED_QUIET = Duration.ofMillis(500);
    static final Duration RETAINED_MOST = Duration.ofSeconds(5);
    /** How long an estop waits for confirmations. */
    static final Duration CONFIRM = Duration.ofSeconds(2);

    /** The JSON writer of --json, built on first use: every start makes this command, and a Gson loads 100 classes. */
    private static final class Pretty {
        static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create();
    }

    @Override
    public String name() {
        return "fleet";
    }

    @Override
    public String summary() {
        return "the fleet on an MQTT broker: status, push and remove programs, estop (docs/FLEET.md)";
    }

    @Override
    public String description() {
        return """
                Works on every controller that runs with --fleet, through their MQTT broker:
                  bootctl fleet status --broker URL [--site S] [--watch] [--json]
                      a table of every unit: site, unit, online or offline since when, and each device
                      with its state, program, time left and last fault; --watch redraws it live
                      (Ctrl-C ends it), --json prints it for scripts
                  bootctl fleet push FILE... --broker URL (--site S | --all)
                      checks the program files as 'bootctl validate' does, then publishes each,
                      retained, on bootctl/v1/S/programs/ID (or bootctl/v1/all/programs/ID)
                  bootctl fleet remove ID --broker URL (--site S | --all)
                      withdraws a program pushed before (an empty retained message)
                  bootctl fleet estop --broker URL --site S [--unit U] [--device D]
                      stops every matching device and prints which ones confirmed within 2 s
                URL is mqtt://HOST:PORT or mqtts://HOST:PORT (TLS; --ca-file for a private CA).
                Exit code: 0 done, 1 the broker cannot be reached or a device did not confirm,
                2 bad input (an invalid program, a bad name or option).""";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                OptionSpec.value("broker", "URL", "the broker: mqtt://HOST:PORT or mqtts://HOST:PORT (required)"),
                OptionSpec.value("site", "S", "the site (status: only this one; push, remove, estop: this one)"),
                OptionSpec.flag("all", "push or remove: for every site (bootctl/v1/all/programs/ID)"),
                OptionSpec.value("unit", "U", "estop: only this unit"),
                OptionSpec.value("device", "D", "estop: only this device"),
                OptionSpec.flag("watch", "status: redraws the table as units change, until Ctrl-C"),
                OptionSpec.flag("json", "status: JSON for scripts instead of the table"),
                OptionSpec.value("user", "NAME", "the broker user"),
                OptionSpec.value("password-file", "FILE", "a file holding the broker password (with --user)"),
                OptionSpec.value("ca-file", "FILE", "mqtts: a PEM file with the CA that signed the broker's certificate"));
    }

    @Override
    public Operands operands() {
        return new Operands("ACTION [ARG...]", 1, Integer.MAX_VALUE, "status, push FILE..., remove ID or estop");
    }

    @Override
    public int execute(Invocation invocation) throws Exception {
        Args args = invocation.args();
        List<String> operands = args.operands();
        String action = operands.get(0);
        List<String> rest = operands.subList(1, operands.size());
        String broker = args.value("broker").orElseThrow(() -> CommandException.usage("fleet " + action
                + " needs --broker mqtt://HOST:PORT"));
        FleetNames.broker(broker);
        return switch (action) {
            case "status" -> {
                none(rest, action);
                yield status(invocation, broker);
            }
            case "push" -> push(invocation, broker, rest);
            case "remove" -> remove(invocation, broker, rest);
            case "estop" -> {
                none(rest, action);
                yield estop(invocation, broker);
            }
            default -> throw CommandException.usage("fleet: unknown action '" + action
                    + "'; actions: status, push, remove, estop (see bootctl fleet --help)");
        };
    }

    private int status(Invocation invocation, String broker) throws Exception {
        Args args = invocation.args();
        String site = args.value("site").isPresent() ? FleetNames.site(args.value("site").get()) : null;
        FleetSnapshot snapshot = new FleetSnapshot();
        try (FleetClient client = connect(invocation, broker)) {
            client.subscribe(snapshot::accept, FleetSnapshot.topics(site));
            snapshot.awaitRetained(RETAINED, RETAINED_QUIET, RETAINED_MOST);
            boolean json = args.has("json");
            print(invocation, snapshot, json, args.has("watch"));
            if (args.has("watch")) {
                long seen = snapshot.changes();
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(500);
                    if (snapshot.changes() != seen) {
                        seen = snapshot.changes();
                        print(invocation, snapshot, json, true);
                    }
                }
            }
        }
        return 0;
    }

    private static void print(Invocation invocation, FleetSnapshot snapshot, boolean json, boolean redraw) {
        List<FleetSnapshot.Unit> units = snapshot.units();
        if (json) {
            JsonArray all = new JsonArray();
            for (FleetSnapshot.Unit unit : units) {
                JsonObject o = new JsonObject();
                o.addProperty("site", unit.site());
                o.addProperty("unit", unit.unit());
                o.add("status", unit.status());
                JsonArray devices = new JsonArray();
                unit.devices().values().forEach(devices::add);
                o.add("devices", devices);
                all.add(o);
            }
            invocation.out().println(UnitFields.json(redraw ? all.toString() : Pretty.GSON.toJson(all)));
        } else {
            if (redraw && invocation.terminal()) {
                invocation.out().print("\033[H\033[2J");
            }
            invocation.out().print(StatusTable.render(units));
        }
        invocation.out().flush();
    }

    private int push(Invocation invocation, String broker, List<String> files) throws Exception {
        if (files.isEmpty()) {
            throw CommandException.usage("fleet push needs program files: bootctl fleet push FILE... --broker URL --site S");
        }
        String scope = scope(invocation.args(), "push");
        // the program library's own check, exactly as bootctl validate does it
        Invocation validate = new Invocation(Args.of(Map.of(), files), invocation.out(), invocation.err(),
                invocation.terminal(), invocation.distribution(), invocation.commands());
        if (new ValidateCommand().execute(validate) != 0) {
            throw CommandException.usage("fleet push: nothing was published (fix the errors above)");
        }
        Map<String, byte[]> programs = new LinkedHashMap<>();
        Map<String, String> fileOf = new LinkedHashMap<>();
        for (String file : files) {
            byte[] bytes = Files.readAllBytes(Path.of(file));
            String id = JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8)).getAsJsonObject().get("id").getAsString();
            String earlier = fileOf.putIfAbsent(id, file);
            if (earlier != null) { // one topic per id: the later would replace the earlier, which is lost
                throw CommandException.usage("fleet push: " + earlier + " and " + file + " are both program " + id
                        + "; push one of them");
            }
            programs.put(id, bytes);
        }
        try (FleetClient client = connect(invocation, broker)) {
            for (Map.Entry<String, byte[]> program : programs.entrySet()) {
                client.publish("bootctl/v1/" + scope + "/programs/" + program.getKey(), program.getValue(), true);
                invocation.out().println("pushed " + program.getKey() + " to " + where(scope));
            }
        }
        return 0;
    }

    private int remove(Invocation invocation, String broker, List<String> ids) throws Exception {
        if (ids.size() != 1) {
            throw CommandException.usage("fleet remove takes one program id: bootctl fleet remove ID --broker URL --site S");
        }
        String id = ids.get(0);
        if (!id.matches("[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?")) {
            throw CommandException.usage("fleet remove: '" + id + "' is not a program id");
        }
        String scope = scope(invocation.args(), "remove");
        try (FleetClient client = connect(invocation, broker)) {
            client.publish("bootctl/v1/" + scope + "/programs/" + id, new byte[0], true);
        }
        invocation.out().println("removed " + id + " from " + where(scope));
        return 0;
    }

    private int estop(Invocation invocation, String broker) throws Exception {
        Args args = invocation.args();
        String site = FleetNames.site(args.value("site").orElseThrow(() ->
                CommandException.usage("fleet estop needs --site S (and --unit U, --device D to narrow it)")));
        Optional<String> unit = args.value("unit");
        if (unit.isPresent()) {
            FleetNames.unit(unit.get());
        }
        Optional<String> device = args.value("device");
        if (device.isPresent() && device.get().isBlank()) { // else sent, and answered 404 by the unit
            throw CommandException.usage("fleet estop: --device needs a device id, not an empty value; leave it out to"
                    + " stop every device of the site (or of --unit U)");
        }
        FleetSnapshot snapshot = new FleetSnapshot();
        Map<String, JsonObject> replies = new ConcurrentHashMap<>();
        try (FleetClient client = connect(invocation, broker)) {
            client.subscribe((topic, payload, retained) -> {
                try {
                    JsonObject reply = JsonParser.parseString(new String(payload, StandardCharsets.UTF_8)).getAsJsonObject();
                    if (reply.get("requestId") != null && reply.get("requestId").isJsonPrimitive()) {
                        replies.put(reply.get("requestId").getAsString(), reply);
                    }
                } catch (RuntimeException notAReply) {
                    // not ours
                }
            }, "bootctl/v1/" + site + "/+/reply");
            client.subscribe(snapshot::accept, FleetSnapshot.topics(site));
            snapshot.awaitRetained(RETAINED, RETAINED_QUIET, RETAINED_MOST);
            Set<String> targets = new TreeSet<>();
            snapshot.units().stream().map(FleetSnapshot.Unit::unit).forEach(targets::add);
            unit.ifPresent(u -> targets.retainAll(Set.of(u)));
            unit.ifPresent(targets::add); // a unit the broker holds no status of is still asked
            if (targets.isEmpty()) {
                throw CommandException.failure("fleet estop: the broker knows no unit of site " + site);
            }
            Map<String, String> requests = new LinkedHashMap<>();
            for (String target : targets) {
                String requestId = UUID.randomUUID().toString();
                JsonObject body = new JsonObject();
                body.addProperty("requestId", requestId);
                device.ifPresent(d -> body.addProperty("device", d));
                client.publish("bootctl/v1/" + site + "/" + target + "/cmd/estop", body.toString().getBytes(StandardCharsets.UTF_8), false);
                requests.put(target, requestId);
            }
            long deadline = System.nanoTime() + CONFIRM.toNanos();
            while (System.nanoTime() - deadline < 0 && !requests.values().stream().allMatch(replies::containsKey)) {
                Thread.sleep(20);
            }
            return report(invocation, site, requests, replies, snapshot, device);
        }
    }

    /**
     * One line per device: confirmed (its state now) or not; exit 1 when any did not confirm. A
     * reply is read tolerantly ({@link UnitFields}): an odd one counts as not confirmed, it never
     * cuts the report short, for the stops are already sent.
     */
    static int report(Invocation invocation, String site, Map<String, String> requests,
                      Map<String, JsonObject> replies, FleetSnapshot snapshot, Optional<String> device) {
        boolean all = true;
        Map<String, FleetSnapshot.Unit> known = new LinkedHashMap<>();
        snapshot.units().forEach(u -> known.put(u.unit(), u));
        for (Map.Entry<String, String> request : requests.entrySet()) {
            String unit = request.getKey();
            String where = site + "/" + UnitFields.name(unit);
            JsonObject reply = replies.get(request.getValue());
            Set<String> expected = new TreeSet<>();
            FleetSnapshot.Unit u = known.get(unit);
            if (u != null) {
                expected.addAll(u.devices().keySet());
            }
            device.ifPresent(d -> expected.retainAll(Set.of(d)));
            device.ifPresent(expected::add);
            Map<String, String> confirmed = confirmed(reply);
            expected.addAll(confirmed.keySet());
            String why = reply == null ? "no answer within " + CONFIRM.toSeconds() + " s"
                    : "answered " + UnitFields.text(reply.get("status")) + ": " + errorOf(reply);
            if (expected.isEmpty()) {
                invocation.out().println(where + ": not confirmed (" + why + ")");
                all = false;
            }
            for (String d : expected) {
                if (confirmed.containsKey(d)) {
                    invocation.out().println(where + "/" + UnitFields.name(d) + ": confirmed, " + confirmed.get(d));
                } else {
                    invocation.out().println(where + "/" + UnitFields.name(d) + ": NOT confirmed (" + why + ")");
                    all = false;
                }
            }
        }
        return all ? 0 : CommandException.FAILURE;
    }

    /** The devices a 200 reply names, by id, with their state as shown ("?" when it is not a text). */
    private static Map<String, String> confirmed(JsonObject reply) {
        Map<String, String> confirmed = new LinkedHashMap<>();
        if (reply == null || UnitFields.number(reply.get("status")).orElse(0) != 200) {
            return confirmed;
        }
        JsonElement body = reply.get("body");
        // one device, or an array of every device, as the REST API answers an estop
        List<JsonElement> devices = body != null && body.isJsonArray() ? body.getAsJsonArray().asList() : Arrays.asList(body);
        devices.stream().map(UnitFields::object).filter(Objects::nonNull).forEach(o -> {
            JsonElement id = o.get("id");
            if (id != null && id.isJsonPrimitive()) {
                JsonElement state = o.get("state");
                confirmed.put(id.getAsString(), state == null || state.isJsonNull() ? UnitFields.UNKNOWN : UnitFields.text(state));
            }
        });
        return confirmed;
    }

    private static String errorOf(JsonObject reply) {
        JsonElement body = reply.get("body");
        JsonObject o = UnitFields.object(body);
        return o != null && o.has("error") ? UnitFields.text(o.get("error"))
                : body == null ? UnitFields.NONE : UnitFields.name(body.toString());
    }

    private static FleetClient connect(Invocation invocation, String broker) throws CommandException {
        Args args = invocation.args();
        Path password = args.value("password-file").map(Path::of).orElse(null);
        Path ca = args.value("ca-file").map(Path::of).orElse(null);
        for (Path file : new Path[] {password, ca}) {
            if (file != null && !Files.isReadable(file)) {
                throw CommandException.usage("fleet: no such readable file " + file);
            }
        }
        return FleetClient.connect(broker, args.value("user").orElse(null), password, ca);
    }

    private static String scope(Args args, String action) throws CommandException {
        boolean all = args.has("all");
        Optional<String> site = args.value("site");
        if (all == site.isPresent()) {
            throw CommandException.usage("fleet " + action + " needs either --site S or --all");
        }
        return all ? "all" : FleetNames.site(site.get());
    }

    private static String where(String scope) {
        return scope.equals("all") ? "every site" : "site " + scope;
    }

    private static void none(List<String> rest, String action) throws CommandException {
        if (!rest.isEmpty()) {
            throw CommandException.usage("fleet " + action + " takes no words after it, not " + String.join(" ", rest));
        }
    }

    /** When a status was last true, for the table: "12:03:04Z" today, the date otherwise. */
    static String since(JsonElement since) {
        if (since == null || since.isJsonNull() || !since.isJsonPrimitive()) {
            return UnitFields.text(since);
        }
        try {
            Instant at = Instant.parse(since.getAsString());
            return at.toString().replace("T", " ").replaceFirst("\\.\\d+Z$", "Z");
        } catch (RuntimeException e) {
            return UnitFields.text(since);
        }
    }
}
