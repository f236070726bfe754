/**
 * Cryptography for the care-plan relay (ケアプランデータ連携システム): office key stores, CMS SignedData signing and
 * verification, CMS EnvelopedData encryption, and the certificate inventory behind the expiry warnings.
 *
 * <p>The real relay's certificate profile is not public; Renkei defines its own (see {@code connectors/README.md}):
 * an office certificate carries the 10-character 介護保険事業所番号 as the subject's {@code SERIALNUMBER} attribute
 * and the office name as {@code CN}. Bouncy Castle is used through an explicit provider instance, never installed
 * globally, so the hub's other TLS and JCE users are unaffected.
 */
package jp.renkei.connectors.careplan.crypto;
