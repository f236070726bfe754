package jp.renkei.connectors.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AdvisoryLockKeyTest {

    /** First 8 bytes of SHA-256("renkei-cluster:poller"), computed independently. */
    private static final long POLLER_KEY = -8946535131696442804L;

    @Test
    void theSameNamespaceGivesThePinnedKey() {
        // a key that changed between releases would let an old and a new instance lead side by side in a rollout
        assertThat(AdvisoryLockKey.of("poller")).isEqualTo(POLLER_KEY);
    }

    @Test
    void differentNamespacesGiveDifferentKeys() {
        assertThat(AdvisoryLockKey.of("poller")).isNotEqualTo(AdvisoryLockKey.of("shinsei-poller"));
    }
}
