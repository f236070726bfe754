package jp.renkei.hub.config;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Operators allowed to call the operator API: {@code renkei.operators[n].{name, token}}. Tokens come from the
 * environment (e.g. {@code ${RENKEI_OPERATOR_OPS_TOKEN}}), never from a committed file. With no operator token
 * configured the operator API answers only callers on the hub's own machine.
 */
@ConfigurationProperties("renkei")
public record OperatorProperties(List<Operator> operators) {

    public List<Operator> operators() {
        return operators == null ? List.of() : operators;
    }

    /** Operators that can authenticate (a blank token, e.g. an unset environment variable, cannot). */
    public List<Operator> withTokens() {
        return operators().stream().filter(o -> o.token() != null && !o.token().isBlank()).toList();
    }

    public record Operator(String name, String token) {}
}
