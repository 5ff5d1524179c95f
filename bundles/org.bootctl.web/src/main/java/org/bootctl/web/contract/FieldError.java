package org.bootctl.web.contract;

/** One invalid value of a request: the field it came in and what is wrong, in a sentence naming the field. */
public record FieldError(String field, String message) {
}
