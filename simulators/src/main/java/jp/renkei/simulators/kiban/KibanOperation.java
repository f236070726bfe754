package jp.renkei.simulators.kiban;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * The POST operations of the platform API contract, with what the simulator needs to know about each: its path
 * under {@code /kiban}, the schema of its body in the contract, and how a document's 履歴番号 is scoped.
 */
public enum KibanOperation {
    INSURED_PERSON_CHANGES("insured-person-changes", "/v1/insured-persons/changes", "InsuredPersonChange", true, false),
    CERTIFICATION_CHANGES("certification-changes", "/v1/certifications/changes", "CertificationChange", true, true),
    BENEFIT_USAGES("benefit-usages", "/v1/benefit-usages", "BenefitUsage", false, false),
    CARE_PLANS("care-plans", "/v1/care-plans", "CarePlanDocument", true, false),
    CARE_PLAN_DELETIONS("care-plan-deletions", "/v1/care-plans/deletions", "CarePlanDeletion", true, false);

    private final String id;
    private final String path;
    private final String schemaName;
    private final boolean versioned;
    private final boolean perApplication;

    KibanOperation(String id, String path, String schemaName, boolean versioned, boolean perApplication) {
        this.id = id;
        this.path = path;
        this.schemaName = schemaName;
        this.versioned = versioned;
        this.perApplication = perApplication;
    }

    /** The kebab-case name used in the simulator's {@code /sim/kiban/received/{operation}} endpoint. */
    public String id() {
        return id;
    }

    /** The path in the contract, e.g. {@code /v1/insured-persons/changes}. */
    public String path() {
        return path;
    }

    /** The name of the request body's schema under {@code #/components/schemas}. */
    public String schemaName() {
        return schemaName;
    }

    /**
     * The key a document's 履歴番号 increases under: insurer + insured person, plus the application number for
     * certification changes, plus the plan key (planDate or targetMonth) for care plans and their deletions. Empty for
     * operations without a 履歴番号. Held in memory only, never logged.
     */
    public Optional<String> historyScope(JsonNode document) {
        if (!versioned) {
            return Optional.empty();
        }
        String scope = document.path("insurerNumber").asText() + "/" + document.path("insuredNumber").asText();
        if (perApplication) {
            scope += "/" + document.path("applicationNo").asText();
        }
        if (historyLedger() == CARE_PLANS) {
            scope += document.hasNonNull("planDate") ? "/care-plan:" + document.get("planDate").asText()
                    : "/service-usage:" + document.path("targetMonth").asText();
        }
        return Optional.of(scope);
    }

    /** The operation whose 履歴番号 this one's counts on: a care-plan deletion shares its plan key's counter. */
    public KibanOperation historyLedger() {
        return this == CARE_PLAN_DELETIONS ? CARE_PLANS : this;
    }

    public static Optional<KibanOperation> byId(String id) {
        for (KibanOperation operation : values()) {
            if (operation.id.equals(id)) {
                return Optional.of(operation);
            }
        }
        return Optional.empty();
    }
}
