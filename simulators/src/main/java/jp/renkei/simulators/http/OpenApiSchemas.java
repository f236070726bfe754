package jp.renkei.simulators.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi31;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The schemas of one of Renkei's OpenAPI contracts (kept in the mappings module, on the classpath) applied to JSON
 * documents: {@code #/components/schemas/<name>} with {@code $ref}s resolved inside the SAME document the hub's
 * connector is written against, so a simulator cannot drift from it. Violations never echo the document's values.
 */
public final class OpenApiSchemas {

    private static final List<String> OPENAPI_DOCUMENT_MEMBERS = List.of("openapi", "info", "jsonSchemaDialect",
            "servers", "security", "tags", "externalDocs", "paths", "webhooks", "components");

    /** One contract violation: a JSON Pointer into the document and why. */
    public record Violation(String pointer, String reason) {
    }

    private final String classpathLocation;
    private final JsonSchemaFactory factory;
    private final SchemaValidatorsConfig config;
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

    /** The contract at {@code classpathLocation}, e.g. {@code contracts/kiban-api.yaml}; schemas compile on first use. */
    public OpenApiSchemas(String classpathLocation) {
        this.classpathLocation = classpathLocation;
        // The OpenAPI 3.1 dialect, plus the document's own top-level members as non-validating keywords: the
        // document is loaded as a schema resource so that "#/components/schemas/..." refs resolve inside it.
        JsonMetaSchema dialect = JsonMetaSchema.builder(OpenApi31.getInstance())
                .keywords(OPENAPI_DOCUMENT_MEMBERS.stream().map(NonValidationKeyword::new).toList())
                .build();
        factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.metaSchema(dialect).defaultMetaSchemaIri(dialect.getIri()));
        config = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_POINTER)
                // 2020-12 treats "format" as an annotation only; the real systems are meant to reject a bad date
                .formatAssertionsEnabled(true)
                .build();
    }

    /** Compiles {@code schemaName} now (every {@code $ref} resolved), failing fast when it does not resolve. */
    public void preload(String schemaName) {
        schema(schemaName);
    }

    /** Validates {@code document} against {@code #/components/schemas/<schemaName>}; empty when it conforms. Sorted. */
    public List<Violation> validate(String schemaName, JsonNode document) {
        List<Violation> violations = new ArrayList<>();
        for (ValidationMessage message : schema(schemaName).validate(document)) {
            violations.add(new Violation(pointerOf(message), reasonOf(message)));
        }
        violations.sort(Comparator.comparing(Violation::pointer).thenComparing(Violation::reason));
        return violations;
    }

    private JsonSchema schema(String schemaName) {
        return schemas.computeIfAbsent(schemaName, name -> {
            JsonSchema schema = factory.getSchema(SchemaLocation.of(
                    "classpath:" + classpathLocation + "#/components/schemas/" + name), config);
            schema.initializeValidators(); // resolve every $ref now rather than on the first request
            return schema;
        });
    }

    /** For a missing or unexpected property, point at the property itself rather than at its parent object. */
    private static String pointerOf(ValidationMessage message) {
        String parent = message.getInstanceLocation().toString();
        String property = message.getProperty();
        boolean namesProperty = "required".equals(message.getType()) || "additionalProperties".equals(message.getType());
        if (namesProperty && property != null) {
            return parent + "/" + property.replace("~", "~0").replace("/", "~1");
        }
        return parent;
    }

    /**
     * The validator's message without the instance value: the message text begins with the instance location, and
     * values (names, birth dates) are never echoed because problem bodies end up in the hub's dead-letter queue.
     */
    private static String reasonOf(ValidationMessage message) {
        String text = message.getMessage();
        String location = message.getInstanceLocation().toString();
        if (text.startsWith(location + ": ")) {
            text = text.substring(location.length() + 2);
        }
        return message.getType() + ": " + text;
    }
}
