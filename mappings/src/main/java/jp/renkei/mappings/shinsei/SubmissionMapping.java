package jp.renkei.mappings.shinsei;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import jp.renkei.mappings.check.CheckDigits;
import jp.renkei.mappings.ledger.LedgerChange;
import jp.renkei.mappings.ledger.LedgerChange.Office;
import jp.renkei.mappings.ledger.LedgerChange.Provider;
import jp.renkei.mappings.ledger.LedgerChange.ServiceDesignation;
import jp.renkei.mappings.ledger.LedgerChange.ServiceStatus;

/**
 * A filing-system form (the part of a submission addressed to this authority, contract schema {@code Form*} in
 * {@code contracts/shinsei-api.yaml}) → the provider-ledger changes it asks for. Pure: the same form always gives the
 * same changes, so the hub maps once to validate at intake and again when the submission is accepted.
 *
 * <p>Every 事業所番号 must carry a valid check digit ({@link CheckDigits#isValidOfficeNumber}): forms come from the
 * filing system, which validates them, so a wrong one means a corrupt form, not a typo to let through.
 */
public final class SubmissionMapping {

    private static final Set<String> SERVICE_TYPE_CHARS = Set.of("0123456789ABCDEFGHJKLMNPRSTUVWXYZ".split(""));

    private SubmissionMapping() {
    }

    /**
     * The ledger changes of a form of {@code kindCode}.
     *
     * @throws SubmissionFormException for an unknown kind, a missing required member, a date that is not
     *                                 {@code YYYY-MM-DD}, an unknown code value or a 事業所番号 whose check digit fails
     */
    public static List<LedgerChange> changes(String kindCode, JsonNode form) throws SubmissionFormException {
        SubmissionKind kind = SubmissionKind.byCode(kindCode)
                .orElseThrow(() -> new SubmissionFormException(String.valueOf(kindCode), "", "unknown kind"));
        if (form == null || !form.isObject()) {
            throw new SubmissionFormException(kindCode, "", "required (an object)");
        }
        Form f = new Form(kindCode, form);
        return switch (kind) {
            case NEW_DESIGNATION -> List.of(designate(f));
            case RENEWAL -> List.of(new LedgerChange.Renew(f.officeNumber("/officeNumber"), f.serviceType("/serviceType", true),
                    f.date("/validFrom", true), f.date("/validTo", true)));
            case CHANGE -> List.of(change(f));
            case STATUS_CHANGE -> List.of(new LedgerChange.ChangeStatus(f.officeNumber("/officeNumber"),
                    f.serviceType("/serviceType", false), f.status("/status"), f.date("/effectiveOn", true)));
            case DECLINE -> List.of(new LedgerChange.ChangeStatus(f.officeNumber("/officeNumber"),
                    f.serviceType("/serviceType", false), ServiceStatus.DECLINED, f.date("/effectiveOn", true)));
            case ADDITION -> List.of(new LedgerChange.NotifyAddition(f.officeNumber("/officeNumber"),
                    f.serviceType("/serviceType", true), f.text("/additionCode", true), f.text("/additionName", false),
                    f.form.path("withdrawn").asBoolean(false), f.date("/effectiveOn", true)));
        };
    }

    /** The 事業所番号 a form is about (the business key of its submission); empty when the form names none. */
    public static String officeNumberOf(JsonNode form) {
        if (form == null) {
            return "";
        }
        JsonNode number = form.at("/officeNumber").isTextual() ? form.at("/officeNumber") : form.at("/office/officeNumber");
        return number.isTextual() ? number.asText() : "";
    }

    private static LedgerChange.Designate designate(Form f) throws SubmissionFormException {
        Provider provider = new Provider(f.text("/provider/corporateNumber", false), f.text("/provider/name", true),
                f.text("/provider/nameKana", false), f.text("/provider/postalCode", false),
                f.text("/provider/address", true), f.text("/provider/representative", false));
        Office office = new Office(f.officeNumber("/office/officeNumber"), f.text("/office/name", true),
                f.text("/office/nameKana", false), f.text("/office/postalCode", false), f.text("/office/address", true),
                f.text("/office/phone", false), f.text("/office/fax", false), f.text("/office/administratorName", false));
        JsonNode services = f.form.path("services");
        if (!services.isArray() || services.isEmpty()) {
            throw new SubmissionFormException(f.kind, "/services", "required (at least one service)");
        }
        List<ServiceDesignation> designations = new ArrayList<>();
        for (int i = 0; i < services.size(); i++) {
            String at = "/services/" + i;
            designations.add(new ServiceDesignation(f.serviceType(at + "/serviceType", true), f.date(at + "/designatedOn", true),
                    f.date(at + "/validFrom", true), f.date(at + "/validTo", true)));
        }
        return new LedgerChange.Designate(provider, office, designations, f.date("/designatedOn", true));
    }

    private static LedgerChange.ChangeDetails change(Form f) throws SubmissionFormException {
        String number = f.officeNumber("/officeNumber");
        Office office = null;
        if (f.form.has("office")) {
            office = new Office(number, f.text("/office/name", false), f.text("/office/nameKana", false),
                    f.text("/office/postalCode", false), f.text("/office/address", false), f.text("/office/phone", false),
                    f.text("/office/fax", false), f.text("/office/administratorName", false));
        }
        Provider provider = null;
        if (f.form.has("provider")) {
            provider = new Provider(f.text("/provider/corporateNumber", false), f.text("/provider/name", false),
                    f.text("/provider/nameKana", false), f.text("/provider/postalCode", false),
                    f.text("/provider/address", false), f.text("/provider/representative", false));
        }
        if (office == null && provider == null) {
            throw new SubmissionFormException(f.kind, "/office", "required (office or provider: what changes)");
        }
        return new LedgerChange.ChangeDetails(number, office, provider, f.date("/effectiveOn", true));
    }

    /** Reads members of one form, naming the kind and the member in every failure. */
    private record Form(String kind, JsonNode form) {

        String text(String pointer, boolean required) throws SubmissionFormException {
            JsonNode node = form.at(pointer);
            if (node.isMissingNode() || node.isNull() || (node.isTextual() && node.asText().isBlank())) {
                if (required) {
                    throw new SubmissionFormException(kind, pointer, "required");
                }
                return null;
            }
            if (!node.isTextual()) {
                throw new SubmissionFormException(kind, pointer, "not a string");
            }
            return node.asText();
        }

        LocalDate date(String pointer, boolean required) throws SubmissionFormException {
            String text = text(pointer, required);
            try {
                return text == null ? null : LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                throw new SubmissionFormException(kind, pointer, "not a date (YYYY-MM-DD)");
            }
        }

        String officeNumber(String pointer) throws SubmissionFormException {
            String number = text(pointer, true);
            if (!CheckDigits.isValidOfficeNumber(number)) {
                throw new SubmissionFormException(kind, pointer, "not a 事業所番号 (10 characters, check digit must match)");
            }
            return number;
        }

        String serviceType(String pointer, boolean required) throws SubmissionFormException {
            String type = text(pointer, required);
            if (type != null && (type.length() != 2 || !SERVICE_TYPE_CHARS.containsAll(List.of(type.split(""))))) {
                throw new SubmissionFormException(kind, pointer, "not a サービス種類コード (2 characters)");
            }
            return type;
        }

        ServiceStatus status(String pointer) throws SubmissionFormException {
            String status = text(pointer, true);
            return switch (status.toLowerCase(Locale.ROOT)) {
                case "suspended" -> ServiceStatus.SUSPENDED;
                case "abolished" -> ServiceStatus.ABOLISHED;
                case "resumed" -> ServiceStatus.RESUMED;
                default -> throw new SubmissionFormException(kind, pointer, "not one of suspended, abolished, resumed");
            };
        }
    }
}
