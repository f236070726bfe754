package jp.renkei.connectors.careplan;

import java.time.Instant;

/**
 * The relay's acknowledgement that it accepted a file; the outbound flow records it in the journal.
 *
 * @param receiptId  the relay's id for the accepted file
 * @param fileName   the file name as accepted
 * @param receivedAt when the relay accepted it
 */
public record RelayReceipt(String receiptId, String fileName, Instant receivedAt) {
}
