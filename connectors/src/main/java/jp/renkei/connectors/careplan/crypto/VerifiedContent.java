package jp.renkei.connectors.careplan.crypto;

/**
 * The result of a successful verification: the file bytes exactly as signed, and who signed them.
 *
 * @param content the encapsulated file bytes
 * @param signer  the verified signer
 */
public record VerifiedContent(byte[] content, SignerIdentity signer) {

    @Override
    public String toString() {
        // never print the content: care-plan files hold personal data
        return "VerifiedContent[size=" + content.length + ", signer=" + signer.officeNumber() + "]";
    }
}
