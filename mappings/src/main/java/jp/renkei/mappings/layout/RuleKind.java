package jp.renkei.mappings.layout;

/** The declarative cross-field rule kinds of the schema. Names are the YAML spelling. */
public enum RuleKind {
    requiredIf, notAfter, equalsFileName, countEquals, equalsIf, emptyIf, sameMonth, rowExistsPerKey
}
