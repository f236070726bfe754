package jp.renkei.connectors.careplan.crypto;

import java.util.Objects;

/**
 * A signed care-plan file failed verification. The file must be kept for inspection and never delivered.
 * {@link #reason()} is a stable code for journals, metrics and the operator console; {@link #messageJa()} and
 * {@link #messageEn()} explain it to people. Messages name offices and certificates, never file contents.
 */
public final class SignatureRejected extends Exception {

    /** Why a signature was rejected. The codes are part of Renkei's contract: do not rename them. */
    public enum Reason {
        TAMPERED("署名検証に失敗しました。署名後にファイルが改ざんされています。",
                "The signature does not match the content: the file was altered after signing."),
        UNSIGNED("ファイルに署名がありません。", "The file is not signed."),
        UNTRUSTED_CHAIN("署名者の証明書が信頼された認証局につながりません。",
                "The signer's certificate does not chain to a trusted certificate authority."),
        EXPIRED("署名者の証明書は有効期限が切れています。", "The signer's certificate has expired."),
        NOT_YET_VALID("署名者の証明書はまだ有効期間が始まっていません。", "The signer's certificate is not yet valid."),
        WRONG_OFFICE("署名者の証明書の事業所番号がファイル名の送信元事業所番号と一致しません。",
                "The office number in the signer's certificate differs from the sender office in the file name."),
        MALFORMED("署名データの形式が不正です。", "The signed data is not a well-formed CMS SignedData."),
        REVOKED("署名者（または上位認証局）の証明書は失効しています。",
                "The signer's certificate (or a CA certificate above it) has been revoked."),
        REVOCATION_UNKNOWN("署名者の証明書の失効状態を確認できません（CRLを取得できません）。",
                "The revocation status of the signer's certificate cannot be determined (no current CRL)."),
        WRONG_KEY_USAGE("署名者の証明書は署名用ではありません（鍵用途・拡張鍵用途）。",
                "The signer's certificate is not for signing (key usage or extended key usage).");

        private final String ja;
        private final String en;

        Reason(String ja, String en) {
            this.ja = ja;
            this.en = en;
        }

        public String ja() {
            return ja;
        }

        public String en() {
            return en;
        }
    }

    private final Reason reason;
    private final String detail;

    public SignatureRejected(Reason reason, String detail) {
        this(reason, detail, null);
    }

    public SignatureRejected(Reason reason, String detail, Throwable cause) {
        super(reason.name() + ": " + reason.en() + (detail == null ? "" : " (" + detail + ")"), cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.detail = detail;
    }

    public Reason reason() {
        return reason;
    }

    /** The technical detail (office numbers, certificate subject, dates), or null. */
    public String detail() {
        return detail;
    }

    public String messageJa() {
        return reason.ja() + (detail == null ? "" : "（" + detail + "）");
    }

    public String messageEn() {
        return reason.en() + (detail == null ? "" : " (" + detail + ")");
    }
}
