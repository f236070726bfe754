package jp.renkei.simulators.kiban;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import jp.renkei.simulators.http.SimHttpServer;

/** Valid sample documents (test resources under {@code kiban/}), one per operation; synthetic people only. */
final class KibanSamples {

    private KibanSamples() {
    }

    static ObjectNode load(KibanOperation operation) {
        String name = switch (operation) {
            case INSURED_PERSON_CHANGES -> "insured-person-change.json";
            case CERTIFICATION_CHANGES -> "certification-change.json";
            case BENEFIT_USAGES -> "benefit-usage.json";
            case CARE_PLANS -> "care-plan.json";
            case CARE_PLAN_DELETIONS -> "care-plan-deletion.json";
        };
        try (InputStream in = KibanSamples.class.getResourceAsStream("/kiban/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource kiban/" + name);
            }
            return (ObjectNode) SimHttpServer.JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode insuredPersonChange() {
        return load(KibanOperation.INSURED_PERSON_CHANGES);
    }

    static String json(JsonNode node) {
        return node.toString();
    }
}
