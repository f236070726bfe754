package jp.renkei.connectors.careplan;

/**
 * The seam between the careplan flows and the relay they talk to. Routes depend on this interface only; which
 * implementation (the v4.1 CSV relay, later the standard-5.0 JSON API) is chosen by configuration.
 *
 * <p>Both directions exchange the office's CMS SignedData: signing and verification are the flows' concern and the
 * same for every transport. Whatever protects the file in transit (CMS EnvelopedData for the relay's certificate,
 * mutual TLS, tokens) belongs to the implementation. See {@code docs/adr/0004-careplan-relay-transport-seam.md}.
 *
 * <p>Contract: {@link #send} is not idempotent at every relay: the flow journals the receipt and does not resend a file
 * that has one. {@link #fetch} does not remove anything; a file stays in the mailbox until {@link #acknowledge}d, and
 * polling with a persisted cursor never returns an item twice.
 */
public interface RelayTransport {

    /**
     * Sends one signed file on behalf of {@code senderOffice}.
     *
     * @param senderOffice the sending 事業所番号 (whose credentials authenticate the call)
     * @param fileName     the v4.1 file name
     * @param signedData   the file as CMS SignedData, signed by {@code senderOffice}
     * @return the relay's receipt
     * @throws RelayException when the relay refused the file or could not be reached
     */
    RelayReceipt send(String senderOffice, String fileName, byte[] signedData) throws RelayException;

    /**
     * Fetches the files addressed to {@code office} after {@code cursor}, oldest first.
     *
     * @param office the receiving 事業所番号
     * @param cursor the last persisted cursor, or null/empty to start from the beginning of the mailbox
     * @param limit  at most this many files
     */
    InboundBatch fetch(String office, String cursor, int limit) throws RelayException;

    /** Tells the relay that {@code office} has taken item {@code id} (after storing it durably). */
    void acknowledge(String office, String id) throws RelayException;

    /** A short name for logs and health ({@code csv-relay-http}, {@code std50-json}). */
    String name();
}
