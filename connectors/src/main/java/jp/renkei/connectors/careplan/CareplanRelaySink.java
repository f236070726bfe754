package jp.renkei.connectors.careplan;

import java.io.InputStream;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import jp.renkei.connectors.careplan.crypto.CareplanCryptoException;
import jp.renkei.connectors.careplan.crypto.CmsSigner;
import jp.renkei.connectors.careplan.crypto.OfficeKeyStore;
import jp.renkei.connectors.careplan.crypto.RecipientCertificateInvalid;
import jp.renkei.connectors.delivery.BatchRecord;
import jp.renkei.connectors.delivery.DeliveryOutcome;
import jp.renkei.connectors.delivery.RecordBatch;
import jp.renkei.connectors.delivery.Sink;
import jp.renkei.connectors.delivery.TransientDeliveryException;
import jp.renkei.connectors.journal.Journal;
import jp.renkei.connectors.store.ContentStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * careplan-outbound's sink: a record is a whole care-plan file (its bytes in the content store, its name in the
 * record). Signs it with the sender office's key as CMS SignedData ({@link CmsSigner}), sends it through the
 * {@link RelayTransport} (which protects it in transit) and records the relay's receipt in {@code careplan_receipt}.
 * A file that already has a receipt is not sent again (redelivery, replay). Relay refusals (4xx) and a sender without a
 * key or an expired relay certificate (nothing is encrypted for it) are permanent: the record goes to the dead-letter
 * queue with the reason; I/O failures and 5xx are retried.
 */
public final class CareplanRelaySink implements Sink {

    private static final Logger log = LoggerFactory.getLogger(CareplanRelaySink.class);

    private final ContentStore store;
    private final Journal journal;
    private final OfficeKeyStore keys;
    private final CmsSigner signer;
    private final RelayTransport relay;
    private final JdbcTemplate jdbc;

    public CareplanRelaySink(ContentStore store, Journal journal, OfficeKeyStore keys, CmsSigner signer, RelayTransport relay,
                             JdbcTemplate jdbc) {
        this.store = store;
        this.journal = journal;
        this.keys = keys;
        this.signer = signer;
        this.relay = relay;
        this.jdbc = jdbc;
    }

    @Override
    public DeliveryOutcome deliver(RecordBatch batch) throws Exception {
        List<DeliveryOutcome.Refusal> refused = new ArrayList<>();
        for (BatchRecord record : batch.records()) {
            String fileName = record.data().path("fileName").asText();
            String sender = record.data().path("senderOffice").asText();
            if (hasReceipt(batch, record)) {
                continue;
            }
            byte[] content;
            try (InputStream in = store.open(journal.contentRef(batch.unit()))) {
                content = in.readAllBytes();
            }
            try {
                byte[] signed = signer.sign(content, keys.require(sender));
                RelayReceipt receipt = relay.send(sender, fileName, signed);
                jdbc.update("""
                        insert into careplan_receipt (unit_id, record_no, file_name, sender_office, relay, receipt_id, received_at)
                        values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing""",
                        batch.unit().id(), record.no(), fileName, sender, relay.name(), receipt.receiptId(),
                        Timestamp.from(receipt.receivedAt()));
                log.info("careplan-outbound: unit {} {} sent to the relay ({}), receipt {}", batch.unit().id(), fileName,
                        relay.name(), receipt.receiptId());
            } catch (RelayException e) {
                if (e.retryable()) {
                    throw new TransientDeliveryException("relay " + relay.name() + ": " + e.getMessage(), e);
                }
                refused.add(new DeliveryOutcome.Refusal(record, "relay refused " + fileName + ": " + e.code() + " (" + e.getMessage() + ")"));
            } catch (RecipientCertificateInvalid e) {
                // nothing was sent: the file is dead-lettered with the reason, to be replayed once the certificate is renewed
                refused.add(new DeliveryOutcome.Refusal(record, "not sent: cannot encrypt " + fileName + " for the relay: "
                        + e.getMessage()));
            } catch (CareplanCryptoException e) {
                refused.add(new DeliveryOutcome.Refusal(record, "cannot sign " + fileName + ": " + e.getMessage()));
            }
        }
        return new DeliveryOutcome(refused, false);
    }

    private boolean hasReceipt(RecordBatch batch, BatchRecord record) {
        Integer found = jdbc.queryForObject("select count(*) from careplan_receipt where unit_id = ? and record_no = ?",
                Integer.class, batch.unit().id(), record.no());
        return found != null && found > 0;
    }
}
