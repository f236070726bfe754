package jp.renkei.connectors.cluster;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.support.cluster.AbstractCamelClusterView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The view of one cluster namespace: this instance leads the namespace while its dedicated database session holds
 * the namespace's advisory lock.
 *
 * <p>A task scheduled every {@link PostgresClusterService#getAcquireInterval() acquire interval} checks the session
 * with {@code SELECT 1}; a follower then tries {@code pg_try_advisory_lock}. When the check fails the leader gives up
 * leadership at once and drops the session, because PostgreSQL has released (or is about to release) the lock with
 * it and another instance may already have taken over. Every change of leadership is fired to the view's listeners,
 * which is how {@code master:} consumers and {@code ClusteredRoutePolicy} start and stop.
 *
 * <p>Only the local member is known ({@link #getMembers()} lists just it): which other instance leads is visible to
 * operators in {@code pg_locks} and {@code pg_stat_activity}, where the lock session's {@code application_name} is
 * {@code "renkei-cluster <namespace> <instance id>"}.
 */
final class PostgresClusterView extends AbstractCamelClusterView {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresClusterView.class);

    private final PostgresClusterService service;
    private final long lockKey;
    private final LocalMember localMember = new LocalMember();

    /** Written under this view's monitor; volatile so listeners and {@code isLeader} read it without the monitor. */
    private volatile boolean leader;
    /** Guarded by this view's monitor. */
    private AdvisoryLockSession session;
    /** Guarded by this view's monitor; true from a failed check until one succeeds, to warn once per outage. */
    private boolean sessionFailing;
    private ScheduledFuture<?> task;

    PostgresClusterView(PostgresClusterService service, String namespace) {
        super(service, namespace);
        this.service = service;
        this.lockKey = AdvisoryLockKey.of(namespace);
    }

    @Override
    public Optional<CamelClusterMember> getLeader() {
        return leader ? Optional.of(localMember) : Optional.empty();
    }

    @Override
    public CamelClusterMember getLocalMember() {
        return localMember;
    }

    @Override
    public List<CamelClusterMember> getMembers() {
        return List.of(localMember);
    }

    @Override
    protected void doStart() {
        // no database work here: a database that is down at start-up must delay leadership, not fail the routes
        task = service.executor().scheduleWithFixedDelay(
                this::tick, 0, service.getAcquireInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        if (task != null) {
            // no interrupt: the running tick finishes its statement, then finds the view stopping
            task.cancel(false);
            task = null;
        }
        boolean wasLeader;
        synchronized (this) {
            wasLeader = leader;
            leader = false;
            closeSession();
        }
        if (wasLeader) {
            LOG.info("Leadership of cluster namespace '{}' released by instance '{}' (view stopped)",
                    getNamespace(), service.getId());
            fireLeadershipChangedEvent((CamelClusterMember) null);
        }
    }

    private void tick() {
        try {
            if (heartbeatOrAcquire()) {
                // listeners read the current state from the local member, so firing outside the monitor is safe
                fireLeadershipChangedEvent(leader ? localMember : null);
            }
        } catch (RuntimeException e) {
            // an exception escaping a scheduled task would cancel every later tick and freeze leadership
            LOG.error("Cluster namespace '{}' on instance '{}': leadership check failed; retrying next tick",
                    getNamespace(), service.getId(), e);
        }
    }

    /** One heartbeat (leader) or acquire attempt (follower); returns true when leadership changed. */
    private synchronized boolean heartbeatOrAcquire() {
        if (!isStarting() && !isStarted()) {
            return false;
        }
        try {
            if (session == null) {
                session = AdvisoryLockSession.open(
                        service.getDataSource(), lockKey, applicationName(), service.getConnectionCheckTimeout());
            }
            session.checkAlive();
            if (sessionFailing) {
                sessionFailing = false;
                LOG.info("Cluster namespace '{}' on instance '{}': database session restored",
                        getNamespace(), service.getId());
            }
            if (leader) {
                return false;
            }
            if (session.tryAcquire()) {
                leader = true;
                LOG.info("Leadership of cluster namespace '{}' taken by instance '{}'", getNamespace(), service.getId());
                return true;
            }
            return false;
        } catch (SQLException e) {
            return onSessionLost(e);
        }
    }

    private boolean onSessionLost(SQLException cause) {
        boolean wasLeader = leader;
        leader = false;
        discardSession(cause);
        if (sessionFailing) {
            LOG.debug("Cluster namespace '{}' on instance '{}': database session still unusable",
                    getNamespace(), service.getId(), cause);
        } else {
            sessionFailing = true;
            LOG.warn("Cluster namespace '{}' on instance '{}': database session unusable; reconnecting every tick",
                    getNamespace(), service.getId(), cause);
        }
        if (wasLeader) {
            LOG.info("Leadership of cluster namespace '{}' lost by instance '{}' (database session lost)",
                    getNamespace(), service.getId());
        }
        return wasLeader;
    }

    private void discardSession(SQLException cause) {
        if (session == null) {
            return;
        }
        try {
            session.close();
        } catch (SQLException closeFailure) {
            cause.addSuppressed(closeFailure);
        } finally {
            session = null;
        }
    }

    /** Unlocks explicitly (a pooled connection outlives close()), then closes. */
    private void closeSession() {
        if (session == null) {
            return;
        }
        try {
            session.release();
        } catch (SQLException e) {
            LOG.warn("Cluster namespace '{}' on instance '{}': unlock failed; closing the session releases the lock",
                    getNamespace(), service.getId(), e);
        }
        try {
            session.close();
        } catch (SQLException e) {
            LOG.warn("Cluster namespace '{}' on instance '{}': closing the lock session failed",
                    getNamespace(), service.getId(), e);
        } finally {
            session = null;
        }
    }

    private String applicationName() {
        // PostgreSQL truncates application_name to 63 bytes; namespace first so it survives truncation
        return "renkei-cluster " + getNamespace() + " " + service.getId();
    }

    private final class LocalMember implements CamelClusterMember {
        @Override
        public boolean isLeader() {
            return leader;
        }

        @Override
        public boolean isLocal() {
            return true;
        }

        @Override
        public String getId() {
            return service.getId();
        }
    }
}
