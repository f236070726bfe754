/**
 * Single active instance for pollers and schedulers: {@link jp.renkei.connectors.cluster.PostgresClusterService}, a
 * Camel cluster service on PostgreSQL advisory locks. Routes use it through {@code from("master:<namespace>:<uri>")}
 * or a {@code ClusteredRoutePolicy}; see {@code docs/adr/0003-single-active-instance.md}.
 */
package jp.renkei.connectors.cluster;
