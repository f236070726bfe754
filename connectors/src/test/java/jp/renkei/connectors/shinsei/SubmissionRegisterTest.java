package jp.renkei.connectors.shinsei;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import jp.renkei.connectors.db.EmbeddedDatabase;
import jp.renkei.connectors.delivery.BatchRecord;
import jp.renkei.connectors.journal.UnitRef;
import jp.renkei.connectors.ledger.ProviderLedger;
import jp.renkei.mappings.check.CheckDigits;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** The authority's register on a real PostgreSQL: decisions with the ledger and the flow's event in one transaction. */
class SubmissionRegisterTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static EmbeddedDatabase database;
    static JdbcTemplate jdbc;
    static TransactionTemplate tx;
    static int serial = 1000;

    final List<BatchRecord> events = new ArrayList<>();
    SubmissionRegister register;

    @BeforeAll
    static void start() throws Exception {
        database = EmbeddedDatabase.temporary();
        DriverManagerDataSource dataSource = new DriverManagerDataSource(database.jdbcUrl());
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @AfterAll
    static void stop() throws Exception {
        database.close();
    }

    @BeforeEach
    void setUp() {
        register = new SubmissionRegister("shinsei-to-ledger", jdbc, tx, new ProviderLedger(jdbc, tx),
                (unit, records) -> events.addAll(records), Clock.systemUTC());
    }

    @Test
    void acceptingAppliesTheChangesRecordsOneEventKeyedByOfficeAndQueuesTheDecision() throws Exception {
        String office = freshOffice();
        String id = receive("new-designation", designation(office));

        SubmissionRegister.DecisionView decision = register.decide(id, SubmissionRegister.Outcome.ACCEPTED, "受付完了", null, "operator-1");

        assertThat(decision.postState()).isEqualTo("pending");
        assertThat(new ProviderLedger(jdbc, tx).currentOffice(office)).isPresent();
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.key()).isEqualTo(office);
            assertThat(event.data().get("submissionId").asText()).isEqualTo(id);
            assertThat(event.data().at("/changes/0/office/officeNumber").asText()).isEqualTo(office);
        });
        assertThat(register.find(id).orElseThrow().state()).isEqualTo("accepted");
        assertThatThrownBy(() -> register.decide(id, SubmissionRegister.Outcome.RETURNED, "x", null, "operator-2"))
                .isInstanceOfSatisfying(SubmissionRegister.NotDecidable.class,
                        e -> assertThat(e.why()).isEqualTo(SubmissionRegister.NotDecidable.Why.NOT_AWAITING_DECISION));
    }

    @Test
    void aChangeTheLedgerRefusesWritesNothingAndLeavesTheSubmissionAwaitingADecision() throws Exception {
        String id = receive("decline", JSON.readTree("{\"officeNumber\":\"" + freshOffice() + "\",\"effectiveOn\":\"2026-09-01\"}"));

        assertThatThrownBy(() -> register.decide(id, SubmissionRegister.Outcome.ACCEPTED, "", null, "operator-1"))
                .isInstanceOfSatisfying(SubmissionRegister.NotDecidable.class, e -> {
                    assertThat(e.why()).isEqualTo(SubmissionRegister.NotDecidable.Why.LEDGER_REFUSED);
                    assertThat(e.getMessage()).contains("UNKNOWN_OFFICE");
                });
        assertThat(register.find(id).orElseThrow().state()).isEqualTo("received");
        assertThat(register.find(id).orElseThrow().decision()).isNull();
        assertThat(events).isEmpty();
    }

    @Test
    void aWithdrawalClosesAnUndecidedSubmissionOnceAndOnlyNotesOneAfterTheDecision() throws Exception {
        String open = receive("new-designation", designation(freshOffice()));
        assertThat(withdraw(open)).isEqualTo(SubmissionRegister.Withdrawal.CLOSED);
        assertThat(withdraw(open)).isEqualTo(SubmissionRegister.Withdrawal.CLOSED);
        assertThat(register.find(open).orElseThrow().state()).isEqualTo("withdrawn");

        String decided = receive("new-designation", designation(freshOffice()));
        register.decide(decided, SubmissionRegister.Outcome.RETURNED, "書類不足", null, "operator-1");
        assertThat(withdraw(decided)).isEqualTo(SubmissionRegister.Withdrawal.AFTER_DECISION);
        assertThat(register.find(decided).orElseThrow().state()).isEqualTo("returned");
        assertThat(register.find(decided).orElseThrow().withdrawnAt()).isNotNull();
        assertThat(withdraw("S-unknown")).isEqualTo(SubmissionRegister.Withdrawal.UNKNOWN);
    }

    SubmissionRegister.Withdrawal withdraw(String id) {
        SubmissionRegister.Withdrawal withdrawal = tx.execute(status -> register.withdraw(id));
        return withdrawal;
    }

    String receive(String kind, JsonNode form) {
        String id = "S-" + UUID.randomUUID();
        UnitRef unit = new UnitRef(UUID.randomUUID(), Instant.now(), "shinsei-to-ledger");
        boolean fresh = register.receive(new SubmissionRegister.Received(id, "130001", kind, form.path("officeNumber").asText(
                form.at("/office/officeNumber").asText()), false, form, JSON.createArrayNode(), Instant.now(), unit, 1));
        assertThat(fresh).isTrue();
        assertThat(register.receive(new SubmissionRegister.Received(id, "130001", kind, "x", false, form, JSON.createArrayNode(),
                null, unit, 1))).as("received once").isFalse();
        return id;
    }

    static JsonNode designation(String office) throws Exception {
        return JSON.readTree("""
                {"designatedOn":"2026-04-01","provider":{"name":"テスト法人","address":"東京都千代田区1-1"},
                 "office":{"officeNumber":"%s","name":"テスト居宅介護支援","address":"東京都千代田区1-3"},
                 "services":[{"serviceType":"43","designatedOn":"2026-04-01","validFrom":"2026-04-01","validTo":"2032-03-31"}]}"""
                .formatted(office));
    }

    static String freshOffice() {
        String body = "1370" + (serial++) + "1";
        return body + CheckDigits.modulus10(body);
    }
}
