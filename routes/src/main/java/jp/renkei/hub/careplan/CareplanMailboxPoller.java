package jp.renkei.hub.careplan;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import jp.renkei.connectors.careplan.CareplanFileName;
import jp.renkei.connectors.careplan.InboundBatch;
import jp.renkei.connectors.careplan.InboundFile;
import jp.renkei.connectors.careplan.RelayException;
import jp.renkei.connectors.careplan.RelayTransport;
import jp.renkei.connectors.careplan.crypto.SignatureRejected;
import jp.renkei.connectors.careplan.crypto.SignatureVerifier;
import jp.renkei.connectors.careplan.crypto.VerifiedContent;
import jp.renkei.hub.backbone.UnitIntake;
import jp.renkei.hub.backbone.UnitOrigin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poll of an office's relay mailbox for careplan-inbound: fetch after the persisted cursor; for each file, verify
 * the sender's signature (chain to a trust anchor, validity, SERIALNUMBER = sender office in the file name) and take
 * the verified file in as a unit of the flow (validated and delivered by the backbone); a file that cannot be opened
 * or whose signature fails is kept under {@code rejected/} with a reason file and never delivered. After each file the
 * cursor is saved and the item acknowledged; a crash in between fetches the file again, and intake recognises it as a
 * duplicate.
 */
public final class CareplanMailboxPoller {

    private static final Logger log = LoggerFactory.getLogger(CareplanMailboxPoller.class);

    private final String flow;
    private final RelayTransport relay;
    private final SignatureVerifier verifier;
    private final UnitIntake intake;
    private final CareplanCursors cursors;
    private final Path rejectedFolder;
    private final int batchSize;

    public CareplanMailboxPoller(String flow, RelayTransport relay, SignatureVerifier verifier, UnitIntake intake,
                                 CareplanCursors cursors, Path rejectedFolder, int batchSize) {
        this.flow = flow;
        this.relay = relay;
        this.verifier = verifier;
        this.intake = intake;
        this.cursors = cursors;
        this.rejectedFolder = rejectedFolder;
        this.batchSize = batchSize;
    }

    /** Fetches and takes in what waits for {@code office}; returns how many files were handled. */
    public int poll(String office) throws RelayException, IOException {
        InboundBatch batch = relay.fetch(office, cursors.get(office), batchSize);
        for (InboundFile file : batch.files()) {
            take(office, file);
            cursors.save(office, file.cursor());
            relay.acknowledge(office, file.id());
        }
        return batch.files().size();
    }

    private void take(String office, InboundFile file) throws IOException {
        if (!file.readable()) {
            reject(office, file, "UNREADABLE", file.unreadableReason());
            return;
        }
        Optional<CareplanFileName> name = CareplanFileName.parse(file.fileName());
        if (name.isEmpty()) {
            reject(office, file, "BAD_FILE_NAME", "not a v4.1 care-plan file name");
            return;
        }
        VerifiedContent verified;
        try {
            verified = verifier.verify(file.signedData(), name.get().senderOffice());
        } catch (SignatureRejected e) {
            reject(office, file, e.reason().name(), e.messageEn() + " / " + e.messageJa() + ": " + e.detail());
            return;
        }
        if (verified.revocation().unknown()) {
            // soft-fail (renkei.careplan.revocation.mode): accepted, but operators must know the status was not known
            log.warn("{}: {} from the mailbox of {} accepted WITHOUT a revocation status (soft-fail): {}", flow,
                    file.fileName(), office, verified.revocation().detail());
        }
        intake.intake(flow, new UnitOrigin.ApiPoll("relay", relay.name() + "/" + office + "/" + file.id()), file.fileName(),
                new ByteArrayInputStream(verified.content()), false);
    }

    /** Keeps the file as received (and its SignedData) with a reason file, for inspection. */
    private void reject(String office, InboundFile file, String code, String reason) throws IOException {
        Path folder = Files.createDirectories(rejectedFolder.resolve(office));
        String base = Path.of(file.fileName().isBlank() ? "unnamed" : file.fileName()).getFileName().toString();
        write(folder.resolve(base + ".received.p7m"), file.asReceived());
        if (file.signedData() != null) {
            write(folder.resolve(base + ".p7s"), file.signedData());
        }
        String text = "file: " + file.fileName() + "\nrelay item: " + file.id() + "\nsender (relay says): " + file.senderOffice()
                + "\nrejected at: " + Instant.now() + "\ncode: " + code + "\nreason: " + reason + "\n";
        write(folder.resolve(base + ".reason.txt"), text.getBytes(StandardCharsets.UTF_8));
        log.warn("{}: {} from the mailbox of {} REJECTED ({}): {}; kept in {}", flow, file.fileName(), office, code, reason, folder);
    }

    private static void write(Path target, byte[] bytes) throws IOException {
        Path temp = Files.createTempFile(target.getParent(), ".", ".tmp");
        try {
            Files.write(temp, bytes);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
