package jp.renkei.connectors.ledger;

/** An addition (加算) notified for one service of an office. */
public record OfficeAddition(String serviceType, String code, String name) {}
