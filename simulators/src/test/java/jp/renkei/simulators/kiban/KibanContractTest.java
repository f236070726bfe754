package jp.renkei.simulators.kiban;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KibanContractTest {

    private static final KibanContract CONTRACT = new KibanContract();

    @ParameterizedTest
    @EnumSource(KibanOperation.class)
    void sampleOfEveryOperationConforms(KibanOperation operation) {
        assertThat(CONTRACT.validate(operation, KibanSamples.load(operation))).isEmpty();
    }

    @Test
    void saysProminentlyThatItIsRenkeisOwnContract() throws Exception {
        JsonNode contract = document();
        assertThat(contract.path("openapi").asText()).isEqualTo("3.1.0");
        assertThat(contract.path("info").path("description").asText())
                .contains("Renkei's own contract, not the official one")
                .contains("What to align when the official specification v2.0 is in hand");
    }

    @Test
    void everyPostRequiresAnIdempotencyKeyAndEveryOperationIsMappedToItsSchema() throws Exception {
        JsonNode paths = document().path("paths");
        for (KibanOperation operation : KibanOperation.values()) {
            JsonNode post = paths.path(operation.path()).path("post");
            assertThat(post.path("parameters").toString()).contains("#/components/parameters/IdempotencyKey");
            assertThat(post.path("requestBody").path("content").path("application/json").path("schema").path("$ref").asText())
                    .isEqualTo("#/components/schemas/" + operation.schemaName());
            assertThat(post.path("responses").has("201")).isTrue();
            assertThat(post.path("responses").has("200")).isTrue();
            assertThat(post.path("responses").has("409")).isTrue();
            assertThat(post.path("responses").has("422")).isTrue();
        }
    }

    @Test
    void everyObjectSchemaIsClosedExceptTheNotificationPayload() throws Exception {
        List<String> open = new ArrayList<>();
        collectOpenObjects(document().path("components").path("schemas"), "#/components/schemas", open);
        assertThat(open).containsExactlyInAnyOrder(
                "#/components/schemas/Notification/properties/payload");
    }

    private static void collectOpenObjects(JsonNode node, String pointer, List<String> open) {
        if (node.isObject()) {
            if ("object".equals(node.path("type").asText()) && !node.has("additionalProperties")) {
                open.add(pointer);
            }
            node.properties().forEach(member -> collectOpenObjects(member.getValue(), pointer + "/" + member.getKey(), open));
        }
    }

    @Nested
    class Violations {

        @Test
        void aMissingPropertyIsNamedByItsOwnPointer() {
            ObjectNode document = KibanSamples.insuredPersonChange();
            document.remove("copayment");
            assertThat(CONTRACT.validate(KibanOperation.INSURED_PERSON_CHANGES, document))
                    .extracting(KibanContract.Violation::pointer).containsExactly("/copayment");
        }

        @Test
        void anUnknownPropertyIsRefused() {
            ObjectNode document = KibanSamples.insuredPersonChange();
            ((ObjectNode) document.path("card")).put("nickname", "x");
            assertThat(CONTRACT.validate(KibanOperation.INSURED_PERSON_CHANGES, document))
                    .extracting(KibanContract.Violation::pointer).containsExactly("/card/nickname");
        }

        @Test
        void anImpossibleDateIsRefusedAndItsValueIsNotEchoed() {
            ObjectNode document = KibanSamples.insuredPersonChange();
            ((ObjectNode) document.path("card")).put("birthDate", "1948-02-30");
            List<KibanContract.Violation> violations = CONTRACT.validate(KibanOperation.INSURED_PERSON_CHANGES, document);
            assertThat(violations).extracting(KibanContract.Violation::pointer).containsExactly("/card/birthDate");
            assertThat(violations.get(0).reason()).doesNotContain("1948");
        }

        @Test
        void anInsurerNumberMustBeSixDigits() {
            ObjectNode document = KibanSamples.insuredPersonChange();
            document.put("insurerNumber", "13101");
            assertThat(CONTRACT.validate(KibanOperation.INSURED_PERSON_CHANGES, document))
                    .extracting(KibanContract.Violation::pointer).containsExactly("/insurerNumber");
        }

        @Test
        void aLossOfQualificationNeedsTheDateItWasLost() {
            ObjectNode document = KibanSamples.insuredPersonChange();
            document.put("changeType", "loss");
            assertThat(CONTRACT.validate(KibanOperation.INSURED_PERSON_CHANGES, document))
                    .extracting(KibanContract.Violation::pointer).contains("/card/qualification/lostOn");
        }

        @Test
        void aDecisionNeedsAResultAndOtherStatesMayNotHaveOne() {
            ObjectNode decided = KibanSamples.load(KibanOperation.CERTIFICATION_CHANGES);
            decided.remove("result");
            assertThat(CONTRACT.validate(KibanOperation.CERTIFICATION_CHANGES, decided))
                    .extracting(KibanContract.Violation::pointer).contains("/result");

            ObjectNode surveyed = KibanSamples.load(KibanOperation.CERTIFICATION_CHANGES);
            surveyed.put("state", "surveyed");
            assertThat(CONTRACT.validate(KibanOperation.CERTIFICATION_CHANGES, surveyed)).isNotEmpty();
            surveyed.remove("result");
            assertThat(CONTRACT.validate(KibanOperation.CERTIFICATION_CHANGES, surveyed)).isEmpty();
        }

        @Test
        void aCopaymentRatioIsOneTwoOrThree() {
            ObjectNode document = KibanSamples.insuredPersonChange();
            ((ObjectNode) document.path("copayment")).put("ratio", 4);
            assertThat(CONTRACT.validate(KibanOperation.INSURED_PERSON_CHANGES, document))
                    .extracting(KibanContract.Violation::pointer).containsExactly("/copayment/ratio");
        }
    }

    private static JsonNode document() throws Exception {
        try (InputStream in = KibanContract.class.getClassLoader().getResourceAsStream(KibanContract.CLASSPATH_LOCATION)) {
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        }
    }
}
