package jp.renkei.connectors.careplan.crypto;

/**
 * The result of a successful verification: the file bytes exactly as signed, and who signed them.
 *
 * @param content    the encapsulated file bytes
 * @param signer     the verified signer
 * @param revocation what the revocation check found ({@code UNKNOWN}: accepted under soft-fail, flagged)
 */
public record VerifiedContent(byte[] content, SignerIdentity signer, RevocationStatus revocation) {

    public VerifiedContent(byte[] content, SignerIdentity signer) {
        this(content, signer, RevocationStatus.NOT_CHECKED);
    }

    @Override
    public String toString() {
        // never print the content: care-plan files hold personal data
        return "VerifiedContent[size=" + content.length + ", signer=" + signer.officeNumber() + ", revocation=" + revocation.state() + "]";
    }
}
