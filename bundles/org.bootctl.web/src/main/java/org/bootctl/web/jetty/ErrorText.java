package org.bootctl.web.jetty;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.regex.Pattern;

/**
 * The answer to a request refused by the server itself or by the container (a bad request line, a
 * bad Host, headers too large, a path no servlet serves …): a status that fits and a sentence, as
 * every other error of both APIs ({@code {"error": "...", "details": []}}). The server's own reason
 * is added when it is plain words; a Java class name or a stack never reaches a client.
 */
public final class ErrorText {

    /** Plain words: letters, digits, spaces and ordinary punctuation; no dotted names. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9 ,:;'()/_=<>\\[\\]-]{1,100}");
    private static final Pattern DOTTED_NAME = Pattern.compile("[a-z]\\.[a-zA-Z]");

    private ErrorText() {
    }

    /**
     * What the client may be told. A 505 is the client's mistake (a request line without
     * HTTP/1.0 or HTTP/1.1), so it becomes a 400: no 5xx for anything a client can cause.
     */
    public static int status(int status) {
        return status == 505 || status < 400 || status > 599 ? 400 : status;
    }

    /** The sentence for {@code status}, with the server's {@code reason} (null when none) when it is plain words. */
    public static String error(int status, String reason) {
        String sentence = sentence(status(status), status);
        return plain(reason) && !sentence.toLowerCase().contains(reason.toLowerCase()) ? sentence + ": " + reason
                : sentence;
    }

    /** The JSON body: {@code {"error": "...", "details": []}}. */
    public static String json(int status, String reason) {
        JsonObject body = new JsonObject();
        body.addProperty("error", error(status, reason));
        body.add("details", new JsonArray());
        return body.toString();
    }

    private static String sentence(int status, int original) {
        if (original == 505) {
            return "only HTTP/1.0 and HTTP/1.1 requests are answered here";
        }
        return switch (status) {
            case 400 -> "the request cannot be read";
            case 401 -> "this request needs the access token: Authorization: Bearer <token>";
            case 403 -> "this request is not allowed";
            case 404 -> "no such path";
            case 405 -> "this method is not allowed here";
            case 408 -> "the request did not arrive in time";
            case 411 -> "the request needs a Content-Length";
            case 413 -> "the request is too large";
            case 414 -> "the request's address is too long";
            case 415 -> "this content type is not taken here";
            case 429 -> "too many requests; try again later";
            case 431 -> "the request's headers are too large";
            case 501 -> "this method is not known here";
            case 503 -> "the server is busy or starting; try again later";
            default -> status < 500 ? "the request was refused" : "the server could not answer; its log has the details";
        };
    }

    private static boolean plain(String reason) {
        return reason != null && PLAIN.matcher(reason).matches() && !DOTTED_NAME.matcher(reason).find()
                && !reason.contains("Exception") && !reason.contains("Error");
    }
}
