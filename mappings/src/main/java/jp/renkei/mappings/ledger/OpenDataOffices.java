package jp.renkei.mappings.ledger;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.renkei.mappings.check.CheckDigits;
import jp.renkei.mappings.layout.CodeTable;
import jp.renkei.mappings.layout.Severity;
import jp.renkei.mappings.ledger.LedgerChange.Designate;
import jp.renkei.mappings.ledger.LedgerChange.Office;
import jp.renkei.mappings.ledger.LedgerChange.Provider;
import jp.renkei.mappings.ledger.LedgerChange.ServiceDesignation;
import jp.renkei.mappings.record.ErrorCode;
import jp.renkei.mappings.record.FieldError;
import jp.renkei.mappings.record.ParsedRecord;

/**
 * Rows of the MHLW open data (layout {@code opendata.kaigo-jigyosho}) as ledger changes: one row is one service of
 * one office; the rows of an office become one {@link Designate}. Pure.
 *
 * <p>A row is bad when the reader found errors in it, when its 事業所番号 fails the check digit, or when its
 * サービスの種類 is empty or a name in neither {@code codes/opendata-service-name.yaml} nor {@code codes/service-type.yaml}.
 */
public final class OpenDataOffices {

    /** A good row: one service of one office, with the office and provider as the row states them. */
    public record Row(long line, long recordNo, String officeNumber, Provider provider, Office office, String serviceType) {}

    /** A row mapped: either {@code row} or (non-empty) {@code errors}. */
    public record Mapped(Row row, List<FieldError> errors) {
        public boolean ok() {
            return row != null;
        }
    }

    private final Map<String, String> codeByName = new HashMap<>();

    /**
     * @param openDataNames {@code codes/opendata-service-name.yaml}
     * @param serviceTypes  {@code codes/service-type.yaml} (its names are accepted too)
     */
    public OpenDataOffices(CodeTable openDataNames, CodeTable serviceTypes) {
        serviceTypes.entries().forEach(e -> codeByName.put(e.name(), e.code()));
        openDataNames.entries().forEach(e -> codeByName.put(e.name(), e.code()));
    }

    /** Maps one parsed row. */
    public Mapped map(ParsedRecord record, String fileName) {
        List<FieldError> errors = new ArrayList<>();
        record.errors().stream().filter(FieldError::isError).forEach(errors::add);
        Map<String, String> raw = record.rawValues();
        String officeNumber = text(raw, "officeNumber");
        if (officeNumber != null && officeNumber.length() == 10 && !CheckDigits.isValidOfficeNumber(officeNumber)
                && errors.stream().noneMatch(e -> "officeNumber".equals(e.fieldKey()))) {
            int expected = CheckDigits.modulus10(officeNumber.substring(0, 9));
            errors.add(error(fileName, record, "officeNumber", "事業所番号", officeNumber, ErrorCode.E_CHECK_DIGIT,
                    "check digit " + (expected < 0 ? "(not computable)" : String.valueOf(expected)),
                    "jigyosho check digit"));
        }
        String serviceName = text(raw, "serviceType");
        String serviceType = serviceName == null ? null : codeByName.get(serviceName);
        if (serviceName == null) {
            errors.add(error(fileName, record, "serviceType", "サービスの種類", "", ErrorCode.E_REQUIRED, null,
                    "the service is how a row becomes a designation"));
        } else if (serviceType == null) {
            errors.add(error(fileName, record, "serviceType", "サービスの種類", serviceName, ErrorCode.E_CODE,
                    "a name in codes/opendata-service-name.yaml or codes/service-type.yaml", "unknown service name"));
        }
        if (!errors.isEmpty()) {
            return new Mapped(null, List.copyOf(errors));
        }
        String address = text(raw, "address");
        String building = text(raw, "addressBuilding");
        if (building != null) {
            address = address == null ? building : address + " " + building;
        }
        Office office = new Office(officeNumber, text(raw, "officeName"), text(raw, "officeNameKana"), null, address,
                text(raw, "phone"), text(raw, "fax"), null);
        Provider provider = new Provider(text(raw, "corporateNumber"), text(raw, "corporateName"), null, null, null, null);
        return new Mapped(new Row(record.line(), record.recordNo(), officeNumber, provider, office, serviceType), List.of());
    }

    /**
     * The {@link Designate} of one office from its rows (file order): office and provider as the first row states
     * them (the provider from the first row with a 法人番号), every distinct service once, dates unknown.
     */
    public static Designate designate(List<Row> rows, LocalDate effectiveOn) {
        Row first = rows.get(0);
        Provider provider = rows.stream().map(Row::provider).filter(p -> p.corporateNumber() != null).findFirst()
                .orElse(first.provider());
        Map<String, ServiceDesignation> services = new LinkedHashMap<>();
        rows.forEach(r -> services.putIfAbsent(r.serviceType(), new ServiceDesignation(r.serviceType(), null, null, null)));
        return new Designate(provider, first.office(), List.copyOf(services.values()), effectiveOn);
    }

    private static FieldError error(String fileName, ParsedRecord record, String key, String name, String value,
                                    ErrorCode code, String expected, String detail) {
        return new FieldError(fileName, record.line(), record.recordNo(), record.byteOffset(), record.recordType(), key,
                name, value, expected, code, Severity.ERROR, detail);
    }

    private static String text(Map<String, String> raw, String key) {
        String value = raw.get(key);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
