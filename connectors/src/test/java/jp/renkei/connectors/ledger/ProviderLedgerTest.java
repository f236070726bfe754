package jp.renkei.connectors.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import jp.renkei.connectors.db.MigratedDatabase;
import jp.renkei.connectors.ledger.LedgerRejection.Reason;
import jp.renkei.connectors.ledger.OfficeService.Standing;
import jp.renkei.mappings.check.CheckDigits;
import jp.renkei.mappings.ledger.LedgerChange;
import jp.renkei.mappings.ledger.LedgerChange.ChangeDetails;
import jp.renkei.mappings.ledger.LedgerChange.ChangeStatus;
import jp.renkei.mappings.ledger.LedgerChange.Designate;
import jp.renkei.mappings.ledger.LedgerChange.NotifyAddition;
import jp.renkei.mappings.ledger.LedgerChange.Office;
import jp.renkei.mappings.ledger.LedgerChange.Provider;
import jp.renkei.mappings.ledger.LedgerChange.Renew;
import jp.renkei.mappings.ledger.LedgerChange.ServiceDesignation;
import jp.renkei.mappings.ledger.LedgerChange.ServiceStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The provider ledger on a real PostgreSQL: history, idempotency, typed rejections. */
class ProviderLedgerTest {

    static final LocalDate D1 = LocalDate.of(2024, 4, 1);
    static final LocalDate D2 = LocalDate.of(2025, 4, 1);
    static final String CORP = "1234567890123";

    static MigratedDatabase database;
    static JdbcTemplate jdbc;
    static ProviderLedger ledger;

    @BeforeAll
    static void start() throws Exception {
        database = MigratedDatabase.start();
        jdbc = database.jdbc();
        ledger = new ProviderLedger(jdbc, database.tx());
    }

    @AfterAll
    static void stop() throws Exception {
        database.close();
    }

    /** A valid 事業所番号 from its 9 leading characters. */
    static String office(String body) {
        return body + CheckDigits.modulus10(body);
    }

    static int serial = 1000;

    /** A fresh valid office number per call, so tests do not share offices. */
    static String freshOffice() {
        return office("1370" + (serial++) + "0");
    }

    static Designate designate(String no, String name, String... serviceTypes) {
        return new Designate(new Provider(CORP, "社会福祉法人さくら会", "サクラカイ", null, "東京都千代田区1-1", "山田太郎"),
                new Office(no, name, "ジギョウショ", "1000001", "東京都千代田区1-1", "03-0000-0000", null, null),
                java.util.Arrays.stream(serviceTypes).map(t -> new ServiceDesignation(t, D1, D1, D1.plusYears(6).minusDays(1))).toList(),
                D1);
    }

    static ChangeOrigin origin() {
        return ChangeOrigin.submission(UUID.randomUUID().toString(), "test");
    }

    @Test
    void aDesignationIsTheOfficesFirstVersionWithItsProviderAndServices() {
        String no = freshOffice();
        assertThat(ledger.apply(List.of(designate(no, "さくら訪問介護", "11", "13")), origin())).isEqualTo(ApplyOutcome.APPLIED);

        OfficeSnapshot now = ledger.currentOffice(no).orElseThrow();
        assertThat(now.office().value().office().name()).isEqualTo("さくら訪問介護");
        assertThat(now.office().value().corporateNumber()).isEqualTo(CORP);
        assertThat(now.office().validFrom()).isEqualTo(D1);
        assertThat(now.office().isOpen()).isTrue();
        assertThat(now.office().recordedBy()).isEqualTo("test");
        assertThat(now.office().source()).startsWith("shinsei submission ");
        assertThat(now.provider().value().name()).isEqualTo("社会福祉法人さくら会");
        assertThat(now.services()).extracting(v -> v.value().serviceType()).containsExactly("11", "13");
        assertThat(now.services()).extracting(v -> v.value().standing()).containsOnly(Standing.ACTIVE);
    }

    @Test
    void aChangeClosesTheCurrentVersionOnItsDateAndKeepsThePast() {
        String no = freshOffice();
        ledger.apply(List.of(designate(no, "旧名称", "15")), origin());
        ChangeOrigin change = origin();
        ledger.apply(List.of(new ChangeDetails(no, new Office(no, "新名称", null, null, null, "03-1111-1111", null, null), null, D2)), change);

        OfficeHistory history = ledger.history(no);
        assertThat(history.office()).hasSize(2);
        Version<OfficeDetails> old = history.office().get(0);
        Version<OfficeDetails> now = history.office().get(1);
        assertThat(old.value().office().name()).isEqualTo("旧名称");
        assertThat(old.validTo()).isEqualTo(D2);
        assertThat(old.closedSource()).isEqualTo(change.source());
        assertThat(old.closedAt()).isNotNull();
        assertThat(now.value().office().name()).isEqualTo("新名称");
        assertThat(now.value().office().address()).as("null = unchanged").isEqualTo("東京都千代田区1-1");
        assertThat(now.value().office().phone()).isEqualTo("03-1111-1111");
        assertThat(now.validFrom()).isEqualTo(D2);
        assertThat(now.isOpen()).isTrue();
    }

    @Test
    void theSameOriginAppliedTwiceWritesNothingTheSecondTime() {
        String no = freshOffice();
        ChangeOrigin origin = origin();
        ChangeDetails rename = new ChangeDetails(no, new Office(no, "二回目", null, null, null, null, null, null), null, D2);
        ledger.apply(List.of(designate(no, "一回目", "11")), origin());
        assertThat(ledger.apply(List.of(rename), origin)).isEqualTo(ApplyOutcome.APPLIED);
        long versions = jdbc.queryForObject("select count(*) from ledger_office where office_number = ?", Long.class, no);

        assertThat(ledger.apply(List.of(rename), origin)).isEqualTo(ApplyOutcome.ALREADY_APPLIED);
        assertThat(jdbc.queryForObject("select count(*) from ledger_office where office_number = ?", Long.class, no)).isEqualTo(versions);
    }

    @Test
    void statusChangesRenewalsAndAdditionsEachMakeAVersionAndALogRow() {
        String no = freshOffice();
        ledger.apply(List.of(designate(no, "通所", "15", "78")), origin());
        ledger.apply(List.of(new NotifyAddition(no, "15", "6101", "入浴介助加算", false, D1.plusDays(10))), origin());
        ledger.apply(List.of(new ChangeStatus(no, "78", ServiceStatus.SUSPENDED, D1.plusMonths(2))), origin());
        ledger.apply(List.of(new ChangeStatus(no, "78", ServiceStatus.RESUMED, D1.plusMonths(3))), origin());
        ledger.apply(List.of(new Renew(no, "15", D2, D2.plusYears(6).minusDays(1))), origin());
        ledger.apply(List.of(new ChangeStatus(no, null, ServiceStatus.ABOLISHED, D2.plusMonths(1))), origin());

        OfficeSnapshot now = ledger.currentOffice(no).orElseThrow();
        assertThat(now.services()).extracting(v -> v.value().standing()).containsOnly(Standing.ABOLISHED);
        assertThat(now.additions()).as("an abolished service's additions end with it").isEmpty();
        OfficeHistory history = ledger.history(no);
        assertThat(history.services()).filteredOn(v -> v.value().serviceType().equals("78"))
                .extracting(v -> v.value().standing())
                .containsExactly(Standing.ACTIVE, Standing.SUSPENDED, Standing.ACTIVE, Standing.ABOLISHED);
        assertThat(history.services()).filteredOn(v -> v.value().serviceType().equals("15"))
                .extracting(v -> v.value().designationFrom()).containsExactly(D1, D2, D2);
        assertThat(history.additions()).singleElement().satisfies(a -> assertThat(a.validTo()).isEqualTo(D2.plusMonths(1)));
        assertThat(jdbc.queryForList("select change_kind from ledger_change_log where office_number = ? order by seq", String.class, no))
                .containsExactly("DESIGNATE", "NOTIFY_ADDITION", "CHANGE_STATUS", "CHANGE_STATUS", "RENEW", "CHANGE_STATUS", "CHANGE_STATUS");
    }

    @Test
    void aDesignationRepeatedUnchangedWritesNoVersion() {
        String no = freshOffice();
        ledger.apply(List.of(designate(no, "同じ", "11")), origin());
        BatchOutcome again = ledger.applyAll(List.of(new OriginChanges(origin(), List.of(designate(no, "同じ", "11")))));
        assertThat(again.applied()).isEqualTo(1);
        assertThat(again.versionsWritten()).isZero();
    }

    @Test
    void concurrentDesignationsOfNewOfficesOfOneNewProviderBothApplyAndShareOneProviderVersion() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                String corporate = String.format("77%011d", serial++);
                java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
                List<java.util.concurrent.Future<ApplyOutcome>> outcomes = new java.util.ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    String no = freshOffice();
                    Designate d = new Designate(new Provider(corporate, "新法人", null, null, null, null),
                            new Office(no, "同時" + i, null, null, null, null, null, null),
                            List.of(new ServiceDesignation("11", null, null, null)), D1);
                    outcomes.add(pool.submit(() -> {
                        together.await();
                        return ledger.apply(List.of(d), origin());
                    }));
                }
                for (java.util.concurrent.Future<ApplyOutcome> outcome : outcomes) {
                    assertThat(outcome.get()).isEqualTo(ApplyOutcome.APPLIED);
                }
                assertThat(jdbc.queryForObject("select count(*) from ledger_provider where corporate_number = ?", Long.class, corporate))
                        .isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Nested
    class Refused {

        @Test
        void aRenewalOfAnUnknownOfficeIsRefusedWithItsReason() {
            String no = freshOffice();
            assertThatThrownBy(() -> ledger.apply(List.of(new Renew(no, "11", D2, null)), origin()))
                    .isInstanceOfSatisfying(LedgerRejection.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_OFFICE);
                        assertThat(e.officeNumber()).isEqualTo(no);
                        assertThat(e.changeIndex()).isZero();
                    });
        }

        @Test
        void aStatusChangeOfAServiceTheOfficeDoesNotHaveIsRefused() {
            String no = freshOffice();
            ledger.apply(List.of(designate(no, "訪問", "11")), origin());
            assertThatThrownBy(() -> ledger.apply(List.of(new ChangeStatus(no, "13", ServiceStatus.SUSPENDED, D2)), origin()))
                    .isInstanceOfSatisfying(LedgerRejection.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_SERVICE);
                        assertThat(e.getMessage()).contains("has no service 13").contains("[11]");
                    });
        }

        @Test
        void aWrongCheckDigitIsRefused() {
            String no = freshOffice();
            String wrong = no.substring(0, 9) + (char) ('0' + (no.charAt(9) - '0' + 1) % 10);
            assertThatThrownBy(() -> ledger.apply(List.of(designate(wrong, "x", "11")), origin()))
                    .isInstanceOfSatisfying(LedgerRejection.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_OFFICE_NUMBER));
        }

        @Test
        void aRefusedChangeUndoesTheEarlierChangesOfItsOriginAndLeavesTheKeyFree() {
            String no = freshOffice();
            ChangeOrigin origin = origin();
            List<LedgerChange> changes = List.of(designate(no, "途中", "11"), new Renew(no, "99", D2, null));
            assertThatThrownBy(() -> ledger.apply(changes, origin))
                    .isInstanceOfSatisfying(LedgerRejection.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.INVALID_SERVICE_TYPE);
                        assertThat(e.changeIndex()).isEqualTo(1);
                    });
            assertThat(ledger.currentOffice(no)).isEmpty();

            assertThat(ledger.apply(List.of(designate(no, "訂正後", "11")), origin)).isEqualTo(ApplyOutcome.APPLIED);
        }

        @Test
        void inABatchARefusedOriginIsReportedAndTheOthersApply() {
            String good = freshOffice();
            String unknown = freshOffice();
            BatchOutcome outcome = ledger.applyAll(List.of(
                    new OriginChanges(origin(), List.of(designate(good, "良い", "11"))),
                    new OriginChanges(origin(), List.of(new ChangeStatus(unknown, null, ServiceStatus.ABOLISHED, D2)))));
            assertThat(outcome.applied()).isEqualTo(1);
            assertThat(outcome.rejected()).extracting(LedgerRejection::reason).containsExactly(Reason.UNKNOWN_OFFICE);
            assertThat(ledger.currentOffice(good)).isPresent();
        }

        @Test
        void aChangeDatedBeforeTheCurrentVersionIsRefused() {
            String no = freshOffice();
            ledger.apply(List.of(designate(no, "現在", "11")), origin());
            assertThatThrownBy(() -> ledger.apply(List.of(new ChangeDetails(no,
                    new Office(no, "過去", null, null, null, null, null, null), null, D1.minusDays(1))), origin()))
                    .isInstanceOfSatisfying(LedgerRejection.class, e -> assertThat(e.reason()).isEqualTo(Reason.BEFORE_CURRENT_VERSION));
        }
    }
}
