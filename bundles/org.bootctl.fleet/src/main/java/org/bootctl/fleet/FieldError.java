package org.bootctl.fleet;

/** One invalid value of a request: the field it came in and what is wrong, in a sentence naming the field. */
record FieldError(String field, String message) {
}
