/**
 * Care-plan relay simulator (ケアプランデータ連携システム). The real relay's protocol and certificate profile are not
 * public; this is Renkei's model of them, and {@code jp.renkei.connectors.careplan.CsvRelayHttpTransport} speaks it.
 *
 * <h2>Offices</h2>
 * Registered with {@link jp.renkei.simulators.relay.RelaySimulator#registerOffice}: 事業所番号 → certificate
 * (SERIALNUMBER = 事業所番号, RSA key) and an API token. The relay has its own RSA encryption certificate.
 *
 * <h2>Endpoints</h2>
 * <table>
 *   <caption>Relay HTTP API</caption>
 *   <tr><th>request</th><th>answer</th></tr>
 *   <tr><td>{@code POST /relay/v1/files}; headers {@code X-Office} (sender), {@code Authorization: Bearer <token>},
 *       {@code X-File-Name} (v4.1 name); body EnvelopedData(SignedData(file)) for the relay certificate</td>
 *       <td>202 {@code {receiptId, fileName, receivedAt}}; or 4xx {@code {code, message}}</td></tr>
 *   <tr><td>{@code GET /relay/v1/mailbox/{office}?after=<cursor>&limit=<1..1000>} (token of {@code office})</td>
 *       <td>200 {@code {items: [{id, cursor, fileName, sender, size}], nextCursor}}: items not yet taken, oldest
 *       first</td></tr>
 *   <tr><td>{@code GET /relay/v1/mailbox/{office}/{id}}</td>
 *       <td>200 EnvelopedData(SignedData) re-encrypted for the receiving office's certificate
 *       ({@code application/pkcs7-mime})</td></tr>
 *   <tr><td>{@code POST /relay/v1/mailbox/{office}/{id}/ack}</td><td>200 {@code {id, taken}}</td></tr>
 *   <tr><td>{@code GET /sim/relay/received}</td><td>{@code {accepted, rejected: {code: n}, mailboxes: {office:
 *       {pending, taken}}}}</td></tr>
 *   <tr><td>{@code GET/PUT/DELETE /sim/relay/faults}</td><td>the fault switch, applied to every {@code /relay}
 *       request</td></tr>
 * </table>
 *
 * <h2>Reason codes</h2>
 * 400 {@code MISSING_HEADER}, {@code BAD_FILE_NAME}, {@code UNDECRYPTABLE}, {@code NOT_FOR_RELAY}, {@code BAD_QUERY};
 * 401 {@code UNAUTHORIZED} (unknown office or wrong token, indistinguishable on purpose); 403 {@code SENDER_MISMATCH}
 * ({@code X-Office} is not the sender in the file name); 404 {@code NO_SUCH_ITEM}, {@code NOT_FOUND}; 413
 * {@code TOO_LARGE}; 422 {@code UNSIGNED}, {@code MALFORMED}, {@code TAMPERED}, {@code EXPIRED}, {@code NOT_YET_VALID},
 * {@code WRONG_OFFICE} (signer SERIALNUMBER is not the sender), {@code UNREGISTERED_CERTIFICATE} (signer certificate
 * is not the one registered for the sender), {@code UNKNOWN_RECEIVER}; fault-switch answers carry {@code SIM_FAULT}.
 *
 * <p>The relay pins each office's registered certificate instead of validating a chain: a real relay would hold the
 * certificates it issued or registered. Mailboxes are kept in memory, and also under a folder when one is given
 * ({@code <folder>/<office>/<sequence>_<fileName>.p7s}, read back on start).
 */
package jp.renkei.simulators.relay;
