package jp.renkei.connectors.journal;

import jp.renkei.connectors.store.StoredContent;

/** A unit just stored whole in the content store, about to be journaled. */
public record NewUnit(UnitRef ref, String source, String name, StoredContent content) {
}
