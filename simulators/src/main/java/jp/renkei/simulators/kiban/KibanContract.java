package jp.renkei.simulators.kiban;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import jp.renkei.simulators.http.OpenApiSchemas;

/**
 * The platform API contract ({@value #CLASSPATH_LOCATION}, kept in the mappings module) applied to request bodies.
 * Each operation's request body is validated against its schema in the SAME document the hub's connector is
 * written against, with {@code $ref}s resolved inside that document, so the simulator cannot drift from it.
 */
public final class KibanContract {

    /** Where the contract lives on the classpath (it ships in {@code renkei-mappings}). */
    public static final String CLASSPATH_LOCATION = "contracts/kiban-api.yaml";

    /** One contract violation: a JSON Pointer into the body and why. */
    public record Violation(String pointer, String reason) {
    }

    private final OpenApiSchemas schemas = new OpenApiSchemas(CLASSPATH_LOCATION);

    /** Loads and compiles the schema of every operation; fails fast when the contract does not resolve. */
    public KibanContract() {
        for (KibanOperation operation : KibanOperation.values()) {
            schemas.preload(operation.schemaName());
        }
    }

    /** Validates {@code document} against any schema under {@code #/components/schemas} (e.g. "NotificationPage"). */
    public List<Violation> validate(String schemaName, JsonNode document) {
        return schemas.validate(schemaName, document).stream().map(v -> new Violation(v.pointer(), v.reason())).toList();
    }

    /** Validates {@code body} against the operation's request schema; empty when it conforms. Sorted by pointer. */
    public List<Violation> validate(KibanOperation operation, JsonNode body) {
        return validate(operation.schemaName(), body);
    }
}
