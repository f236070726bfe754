package jp.renkei.hub.config;

import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call the operator API (ADR 0008): {@code renkei.operators[n].{name, token, role}} and
 * {@code renkei.operator-access.*}. Tokens come from the environment (e.g. {@code ${RENKEI_OPERATOR_OPS_TOKEN}}), never
 * from a committed file. With no operator token configured the operator API answers only callers on the hub's own
 * machine ("local mode"): those presenting the generated local token ({@code <data-dir>/operator-token}) as admin,
 * those presenting none with {@code operator-access.local-role}, and only under a {@code Host} of
 * {@code operator-access.allowed-hosts}.
 */
@ConfigurationProperties("renkei")
public record OperatorProperties(List<Operator> operators, Access operatorAccess) {

    @ConstructorBinding
    public OperatorProperties {
        operators = operators == null ? List.of() : List.copyOf(operators);
        operatorAccess = operatorAccess == null ? Access.DEFAULT : operatorAccess;
    }

    /** Operators only, with the default access settings (a token-less local caller keeps today's rights). */
    public OperatorProperties(List<Operator> operators) {
        this(operators, null);
    }

    /** Operators that can authenticate (a blank token, e.g. an unset environment variable, cannot). */
    public List<Operator> withTokens() {
        return operators().stream().filter(o -> o.token() != null && !o.token().isBlank()).toList();
    }

    /** No operator token is configured: only callers on this machine are answered. */
    public boolean localMode() {
        return withTokens().isEmpty();
    }

    /**
     * An operator account. {@code role} absent = {@link Role#OPERATOR} (replay, acknowledge, decide), what an account
     * could do before roles existed, less reprocessing and revealing personal data.
     */
    public record Operator(String name, String token, Role role) {

        @ConstructorBinding
        public Operator {
            role = role == null ? Role.OPERATOR : role;
        }

        public Operator(String name, String token) {
            this(name, token, null);
        }
    }

    /**
     * {@code renkei.operator-access}: in local mode, the {@code Host} names a token-less caller may use (a page of
     * another site that rebinds its name to 127.0.0.1 sends its own name, and is refused), the role such a caller gets
     * ({@code none} = a token is needed, e.g. the generated one), and whether to generate the local token.
     */
    public record Access(@DefaultValue({"localhost", "127.0.0.1", "::1"}) List<String> allowedHosts,
                         @DefaultValue("admin") String localRole,
                         @DefaultValue("true") boolean localToken) {

        static final Access DEFAULT = new Access(List.of("localhost", "127.0.0.1", "::1"), "admin", true);

        /** The role of a token-less local caller, or null for none. */
        public Role localCallerRole() {
            return localRole == null || localRole.isBlank() || localRole.equalsIgnoreCase("none") ? null : Role.of(localRole);
        }

        public boolean allowsHost(String host) {
            return host != null && allowedHosts.stream().anyMatch(h -> h.equalsIgnoreCase(host));
        }
    }

    /** What an operator may do; each role may do what the roles before it may. */
    public enum Role {
        /** Read the operator API, with personal data masked. */
        VIEWER,
        /** Also replay and acknowledge dead letters, decide filing-system submissions. */
        OPERATOR,
        /** Also reprocess units and reveal personal data (each reveal journaled). */
        ADMIN;

        public boolean allows(Role needed) {
            return compareTo(needed) >= 0;
        }

        public static Role of(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("an operator role is viewer, operator, admin (or none for "
                        + "renkei.operator-access.local-role), was: " + name, e);
            }
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
