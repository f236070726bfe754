package jp.renkei.mappings.layout;

/** Discriminator of a record type: the raw value of {@code field} equals {@code equals}. */
public record When(String field, String equals) {}
