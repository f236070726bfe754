/**
 * The hub's own PostgreSQL as a destination: {@link jp.renkei.connectors.postgres.IdempotentPostgresSink} writes a
 * flow's business rows exactly once in effect, with the journal and the flow's events in the same transaction. Apart
 * from {@code delivery} (the sink contract) so that {@code events} may depend on {@code delivery} and not the reverse.
 */
package jp.renkei.connectors.postgres;
