package jp.renkei.mappings.json;

/**
 * What one source document becomes against the last version the platform accepted for its key (its 履歴番号 and
 * what the sender keeps of it): nothing to send, a refusal with its reason, or the next document with what to keep
 * once the platform accepts it. Decided by pure functions ({@link InsuredPersonChange#next},
 * {@link CertificationChange#next}, {@link CarePlanDocument#next}); the sender does the locking, posting and saving.
 *
 * @param <S> what the sender keeps of the last accepted version of a key
 */
public sealed interface NextVersion<S> {

    /** The platform already holds this content: the record is delivered without a request. */
    record Unchanged<S>() implements NextVersion<S> {
    }

    /** The document may not follow the last version (a rule of the sender's); it goes to the dead-letter queue. */
    record Refused<S>(String reason) implements NextVersion<S> {
    }

    /**
     * Send {@code document} (the exact bytes: a retry sends them again under the same key); keep {@code accepted} once
     * the platform took it.
     */
    record Send<S>(byte[] document, S accepted) implements NextVersion<S> {
    }
}
