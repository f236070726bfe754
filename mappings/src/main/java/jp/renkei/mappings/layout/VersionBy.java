package jp.renkei.mappings.layout;

/**
 * How the version in force is chosen from the data: either a field whose raw value equals the layout
 * version (e.g. CSVバージョン), or a date/year-month field whose value falls in the effective range (e.g. 対象年月).
 */
public record VersionBy(String field, String date) {}
