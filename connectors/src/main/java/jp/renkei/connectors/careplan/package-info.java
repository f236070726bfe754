/**
 * The care-plan relay connector (ケアプランデータ連携システム): the {@link jp.renkei.connectors.careplan.RelayTransport}
 * seam the careplan flows talk to, its v4.1 CSV-over-HTTP implementation, and the v4.1 file-name grammar.
 * Crypto lives in {@code jp.renkei.connectors.careplan.crypto}. See {@code docs/adr/0004-careplan-relay-transport-seam.md}.
 */
package jp.renkei.connectors.careplan;
