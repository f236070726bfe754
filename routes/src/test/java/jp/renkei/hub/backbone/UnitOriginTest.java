package jp.renkei.hub.backbone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A unit's origin renders to the journal's source string unchanged, and reads back from it as the same origin. */
class UnitOriginTest {

    static final UUID UNIT = UUID.fromString("0b6c3f6e-3c1d-4a57-9f0e-6f2d9a1c2b3e");

    @Test
    void eachOriginRendersTheJournalsSourceStringAndParsesBackToItself() {
        assertRoundTrip(new UnitOrigin.LocalDrop("file://data/inbox/loopback"), "file://data/inbox/loopback");
        assertRoundTrip(new UnitOrigin.SftpDrop("sftp://127.0.0.1:2222/outbox"), "sftp://127.0.0.1:2222/outbox");
        assertRoundTrip(new UnitOrigin.OfficeDrop("1370100016", "sftp://127.0.0.1:2222/careplan"),
                "office:1370100016:sftp://127.0.0.1:2222/careplan");
        assertRoundTrip(new UnitOrigin.OfficeDrop("1370100016", "file://data/inbox/careplan-outbound/1370100016"),
                "office:1370100016:file://data/inbox/careplan-outbound/1370100016");
        assertRoundTrip(new UnitOrigin.VendorPost("test-vendor"), "vendor:test-vendor");
        assertRoundTrip(new UnitOrigin.ApiPoll("kiban", "notifications"), "kiban:notifications");
        assertRoundTrip(new UnitOrigin.ApiPoll("shinsei", "submission-events"), "shinsei:submission-events");
        assertRoundTrip(new UnitOrigin.ApiPoll("relay", "relay-sim/1370100016/item-7"), "relay:relay-sim/1370100016/item-7");
        assertRoundTrip(new UnitOrigin.Handoff("careplan-outbound", UNIT), "careplan-outbound:" + UNIT);
        assertRoundTrip(new UnitOrigin.Reprocess(UNIT, "operator a"), "reprocess of " + UNIT + " by operator a");
    }

    @Test
    void aDropEndpointIsAnSftpDropOnlyForAnSftpUri() {
        assertThat(UnitOrigin.drop("sftp://host:22/in")).isEqualTo(new UnitOrigin.SftpDrop("sftp://host:22/in"));
        assertThat(UnitOrigin.drop("file://data/inbox/x")).isEqualTo(new UnitOrigin.LocalDrop("file://data/inbox/x"));
        assertThat(new UnitOrigin.OfficeDrop("1370100016", "sftp://host/x").overSftp()).isTrue();
        assertThat(new UnitOrigin.OfficeDrop("1370100016", "file://x").overSftp()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "no colon at all", "office:no-second-colon", "reprocess of not-a-uuid by x"})
    void aSourceOfNoKnownFormIsKeptAsItIs(String source) {
        assertThat(UnitOrigin.parse(source)).isEqualTo(new UnitOrigin.Other(source));
        assertThat(UnitOrigin.parse(source).render()).isEqualTo(source);
    }

    private static void assertRoundTrip(UnitOrigin origin, String journalSource) {
        assertThat(origin.render()).isEqualTo(journalSource);
        assertThat(UnitOrigin.parse(journalSource)).isEqualTo(origin);
    }
}
