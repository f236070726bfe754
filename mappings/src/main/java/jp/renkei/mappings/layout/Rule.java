package jp.renkei.mappings.layout;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One cross-field rule. Only the properties of its {@link RuleKind} are set:
 * <ul>
 *   <li>requiredIf(if + condition, then | anyOf): one of the fields must be non-empty when the condition holds</li>
 *   <li>equalsIf(if + condition, field, equals): {@code field} must equal {@code equals} when the condition holds</li>
 *   <li>emptyIf(if + condition, fields): the fields must be empty when the condition holds</li>
 *   <li>notAfter(field, than): date {@code field} is not after date {@code than}</li>
 *   <li>sameMonth(field, month): date {@code field} lies in year-month {@code month}</li>
 *   <li>equalsFileName(field, group): the field equals a file-name group</li>
 *   <li>countEquals(field, recordType): at end of file, the field equals the number of {@code recordType} records</li>
 *   <li>rowExistsPerKey(if + condition): at end of file, every business key has a row meeting the condition</li>
 * </ul>
 * The condition on {@code if} is {@code in} (one of), {@code notIn} (none of) or {@code matches} (regex on the raw value).
 */
public record Rule(
        RuleKind kind,
        @JsonProperty("if") String ifField,
        List<String> in,
        List<String> notIn,
        String matches,
        String then,
        List<String> anyOf,
        String field,
        List<String> fields,
        String equals,
        String than,
        String month,
        String group,
        String recordType,
        String description) {

    public Rule {
        in = in == null ? List.of() : List.copyOf(in);
        notIn = notIn == null ? List.of() : List.copyOf(notIn);
        anyOf = anyOf == null ? List.of() : List.copyOf(anyOf);
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    /** Fields of which at least one must be present when a requiredIf rule fires. */
    public List<String> requiredFields() {
        return then != null ? List.of(then) : anyOf;
    }

    /** Whether the rule has a condition on {@code if}. */
    public boolean hasCondition() {
        return ifField != null && (!in.isEmpty() || !notIn.isEmpty() || matches != null);
    }

    /** Evaluates the condition on the raw value of the {@code if} field ({@code pattern} = compiled {@code matches}). */
    public boolean conditionHolds(String raw, Pattern pattern) {
        String value = raw == null ? "" : raw;
        if (!in.isEmpty() && !in.contains(value)) {
            return false;
        }
        if (!notIn.isEmpty() && notIn.contains(value)) {
            return false;
        }
        return pattern == null || pattern.matcher(value).matches();
    }
}
