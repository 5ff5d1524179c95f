package org.bootctl.hub;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The remote commands a unit was sent ({@code cmd/{verb}}) and its replies, as the hub stores them
 * in {@code events} beside the unit's own events (docs/HUB.md "Remote commands"): a {@code command}
 * event and a {@code command-reply} event, linked by the {@code requestId}. Neither carries the
 * hub's time, so the same message taken twice (a QoS 1 resend, or two hubs) is the same payload and
 * is stored once; the row's {@code at} is when it was stored.
 */
final class CommandEvents {

    static final String COMMAND = "command";
    static final String REPLY = "command-reply";
    /** A verb is one topic level: cut so that no topic can make a row too long to store. */
    private static final int VERB_MAX = 32;

    private CommandEvents() {
    }

    /** {@code {event: "command", site, unit, device, command, requestId, body}}: the body as sent. */
    static JsonObject command(String site, String unit, String verb, JsonObject body) {
        JsonObject event = event(COMMAND, site, unit, Store.text(body, "device"));
        event.addProperty("command", Store.cut(verb, VERB_MAX));
        event.add("requestId", primitive(body, "requestId"));
        event.add("body", body);
        return event;
    }

    /** {@code {event: "command-reply", site, unit, device, requestId, status, body}}: the reply as sent. */
    static JsonObject reply(String site, String unit, JsonObject reply) {
        JsonElement body = reply.get("body");
        JsonObject event = event(REPLY, site, unit, body != null && body.isJsonObject() ? deviceOf(body.getAsJsonObject()) : null);
        event.add("requestId", primitive(reply, "requestId"));
        event.add("status", primitive(reply, "status"));
        event.add("body", body);
        return event;
    }

    /** A session names its device ({@code device}), a device object is one ({@code id}); an error names none. */
    private static String deviceOf(JsonObject body) {
        String device = Store.text(body, "device");
        return device != null || body.has("error") ? device : Store.text(body, "id");
    }

    private static JsonObject event(String name, String site, String unit, String device) {
        JsonObject event = new JsonObject();
        event.addProperty("event", name);
        event.addProperty("site", site);
        event.addProperty("unit", unit);
        event.addProperty("device", device);
        return event;
    }

    /** The field when it is a plain value (a text or a number), else null: nothing nested where a value belongs. */
    private static JsonElement primitive(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e != null && e.isJsonPrimitive() ? e : null;
    }
}
