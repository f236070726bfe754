package jp.renkei.connectors.careplan;

/**
 * One file waiting in an office's relay mailbox, as fetched by a {@link RelayTransport}.
 *
 * <p>The transport removes its own transport protection (the CSV relay's EnvelopedData, or nothing for a TLS-only
 * transport) and hands over the sender's CMS SignedData in {@link #signedData()}, which the flow verifies. When that
 * protection cannot be removed, {@code signedData} is null, {@link #unreadableReason()} says why, and the flow keeps
 * {@link #asReceived()} for inspection: one unreadable file never blocks the mailbox.
 *
 * @param id               the relay's item id, for {@link RelayTransport#acknowledge}
 * @param cursor           the mailbox position of this item; persisting it resumes polling after this item
 * @param fileName         the v4.1 file name
 * @param senderOffice     the sender 事業所番号 as the relay reports it (the signature decides; this is a hint)
 * @param asReceived       the bytes exactly as the transport received them
 * @param signedData       the sender's CMS SignedData, or null when unreadable
 * @param unreadableReason why {@code signedData} is null (a stable code plus detail), or null when readable
 */
public record InboundFile(String id, String cursor, String fileName, String senderOffice, byte[] asReceived,
                          byte[] signedData, String unreadableReason) {

    public boolean readable() {
        return signedData != null;
    }

    @Override
    public String toString() {
        return "InboundFile[id=" + id + ", cursor=" + cursor + ", fileName=" + fileName + ", size=" + asReceived.length
                + (readable() ? "" : ", unreadable=" + unreadableReason) + "]";
    }
}
