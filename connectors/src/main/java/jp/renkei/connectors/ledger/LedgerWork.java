package jp.renkei.connectors.ledger;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import jp.renkei.connectors.ledger.LedgerRejection.Reason;
import jp.renkei.connectors.ledger.OfficeService.Standing;
import jp.renkei.mappings.check.CheckDigits;
import jp.renkei.mappings.ledger.LedgerChange;
import jp.renkei.mappings.ledger.LedgerChange.ChangeDetails;
import jp.renkei.mappings.ledger.LedgerChange.ChangeStatus;
import jp.renkei.mappings.ledger.LedgerChange.Designate;
import jp.renkei.mappings.ledger.LedgerChange.NotifyAddition;
import jp.renkei.mappings.ledger.LedgerChange.Office;
import jp.renkei.mappings.ledger.LedgerChange.Provider;
import jp.renkei.mappings.ledger.LedgerChange.Renew;
import jp.renkei.mappings.ledger.LedgerChange.ServiceDesignation;

/**
 * The ledger's rules, applied in memory to the open versions of the offices (and providers) a batch touches; the
 * store loads them before and writes what changed after. Each origin's changes apply all or nothing: a refused change
 * rolls back (undo log) what the origin's earlier changes did to the working state.
 *
 * <p>Merging: a null member of an office, provider or service designation means "unchanged", for every kind of
 * change; a change that leaves everything as it was writes no version.
 */
final class LedgerWork {

    /** One applied change, for {@code ledger_change_log}. */
    record LoggedChange(ChangeOrigin origin, String kind, String officeNumber, String serviceType, LocalDate effectiveOn,
                        Map<String, Object> payload) {}

    final Map<String, Slot<OfficeDetails>> offices = new HashMap<>();
    final Map<String, Map<String, Slot<OfficeService>>> services = new HashMap<>();
    final Map<String, Map<String, Slot<OfficeAddition>>> additions = new HashMap<>();
    final Map<String, Slot<Provider>> providers = new HashMap<>();

    final List<Slot<OfficeDetails>> newOffices = new ArrayList<>();
    final List<Slot<OfficeService>> newServices = new ArrayList<>();
    final List<Slot<OfficeAddition>> newAdditions = new ArrayList<>();
    final List<Slot<Provider>> newProviders = new ArrayList<>();
    final List<Slot<?>> closedOffices = new ArrayList<>();
    final List<Slot<?>> closedServices = new ArrayList<>();
    final List<Slot<?>> closedAdditions = new ArrayList<>();
    final List<Slot<?>> closedProviders = new ArrayList<>();
    final List<LoggedChange> log = new ArrayList<>();

    private final Predicate<String> serviceTypes;
    private final boolean strictCheckDigits;
    private final List<Runnable> undo = new ArrayList<>();
    private final List<List<?>> appendOnly = List.of(newOffices, newServices, newAdditions, newProviders,
            closedOffices, closedServices, closedAdditions, closedProviders, log);
    private int[] marks;
    private int writes;

    LedgerWork(Predicate<String> serviceTypes, boolean strictCheckDigits) {
        this.serviceTypes = serviceTypes;
        this.strictCheckDigits = strictCheckDigits;
    }

    /** Versions created so far (all tables). */
    int versionsCreated() {
        return newOffices.size() + newServices.size() + newAdditions.size() + newProviders.size();
    }

    /** Applies one origin's changes, all or none. @throws LedgerRejection for the first refused change */
    void apply(OriginChanges entry) {
        undo.clear();
        marks = appendOnly.stream().mapToInt(List::size).toArray();
        try {
            List<LedgerChange> changes = entry.changes();
            for (int i = 0; i < changes.size(); i++) {
                applyOne(entry.origin(), i, changes.get(i));
            }
        } catch (LedgerRejection e) {
            for (int i = undo.size() - 1; i >= 0; i--) {
                undo.get(i).run();
            }
            for (int i = 0; i < appendOnly.size(); i++) {
                appendOnly.get(i).subList(marks[i], appendOnly.get(i).size()).clear();
            }
            throw e;
        } finally {
            undo.clear();
        }
    }

    private void applyOne(ChangeOrigin origin, int index, LedgerChange change) {
        Check check = new Check(origin, index, change);
        String no = change.officeNumber();
        if (no == null || (strictCheckDigits ? !CheckDigits.isValidOfficeNumber(no) : no.length() != 10)) {
            throw check.fail(Reason.INVALID_OFFICE_NUMBER, "事業所番号 '" + no + "' is not 10 characters with a valid check digit");
        }
        if (change.effectiveOn() == null) {
            throw check.fail(Reason.MISSING_FIELD, "effectiveOn (the date the change holds from) is missing");
        }
        writes = 0;
        if (change instanceof Designate d) {
            designate(check, d);
        } else if (change instanceof Renew r) {
            renew(check, r);
        } else if (change instanceof ChangeDetails c) {
            changeDetails(check, c);
        } else if (change instanceof ChangeStatus s) {
            changeStatus(check, s);
        } else if (change instanceof NotifyAddition a) {
            notifyAddition(check, a);
        }
    }

    private void designate(Check check, Designate d) {
        Office office = d.office();
        String no = office.officeNumber();
        Slot<OfficeDetails> current = offices.get(no);
        if (current == null && blank(office.name())) {
            throw check.fail(Reason.MISSING_FIELD, "office name (事業所名) is missing");
        }
        for (ServiceDesignation s : d.services()) {
            serviceType(check, s.serviceType());
        }
        String corporate = provider(check, d.provider(), d.effectiveOn(), current == null ? null : current.value.corporateNumber());
        OfficeDetails next = current == null ? new OfficeDetails(office, corporate) : merge(current.value, office, corporate);
        replaceOffice(check, no, current, next);
        for (ServiceDesignation s : d.services()) {
            Slot<OfficeService> cur = servicesOf(no).get(s.serviceType());
            OfficeService value = new OfficeService(s.serviceType(),
                    pick(s.designatedOn(), cur == null ? null : cur.value.designatedOn()),
                    pick(s.validFrom(), cur == null ? null : cur.value.designationFrom()),
                    pick(s.validTo(), cur == null ? null : cur.value.designationTo()), Standing.ACTIVE);
            replace(check, servicesOf(no), s.serviceType(), cur, value, newServices, closedServices);
        }
        logIfWritten(check, "DESIGNATE", null, officePayload(no));
    }

    private void renew(Check check, Renew r) {
        Slot<OfficeService> cur = existingService(check, r.serviceType());
        if (cur.value.standing() == Standing.ABOLISHED || cur.value.standing() == Standing.DECLINED) {
            throw check.fail(Reason.STATUS_CONFLICT, "service " + r.serviceType() + " is " + cur.value.standing() + "; it cannot be renewed");
        }
        OfficeService value = new OfficeService(r.serviceType(), cur.value.designatedOn(), r.validFrom(),
                r.validTo(), cur.value.standing());
        replace(check, servicesOf(r.officeNumber()), r.serviceType(), cur, value, newServices, closedServices);
        logIfWritten(check, "RENEW", r.serviceType(), servicePayload(r.officeNumber(), servicesOf(r.officeNumber()).get(r.serviceType()).value));
    }

    private void changeDetails(Check check, ChangeDetails c) {
        Slot<OfficeDetails> current = existingOffice(check);
        String corporate = provider(check, c.provider(), c.effectiveOn(), current.value.corporateNumber());
        OfficeDetails next = merge(current.value, c.changed(), corporate);
        replaceOffice(check, c.officeNumber(), current, next);
        logIfWritten(check, "CHANGE_DETAILS", null, officePayload(c.officeNumber()));
    }

    private void changeStatus(Check check, ChangeStatus s) {
        Map<String, Slot<OfficeService>> ofOffice;
        List<Slot<OfficeService>> targets = new ArrayList<>();
        if (s.serviceType() != null) {
            targets.add(existingService(check, s.serviceType()));
            ofOffice = servicesOf(s.officeNumber());
        } else {
            existingOffice(check);
            ofOffice = servicesOf(s.officeNumber());
            ofOffice.values().stream().filter(slot -> allows(s.status(), slot.value.standing())).forEach(targets::add);
            if (targets.isEmpty()) {
                throw check.fail(Reason.STATUS_CONFLICT, "no service of the office can become " + s.status());
            }
        }
        for (Slot<OfficeService> slot : targets) {
            if (!allows(s.status(), slot.value.standing())) {
                throw check.fail(Reason.STATUS_CONFLICT, "service " + slot.value.serviceType() + " is " + slot.value.standing()
                        + "; it cannot become " + s.status());
            }
            Standing next = switch (s.status()) {
                case SUSPENDED -> Standing.SUSPENDED;
                case RESUMED -> Standing.ACTIVE;
                case ABOLISHED -> Standing.ABOLISHED;
                case DECLINED -> Standing.DECLINED;
            };
            String type = slot.value.serviceType();
            replace(check, ofOffice, type, slot, slot.value.with(next), newServices, closedServices);
            if (next == Standing.ABOLISHED || next == Standing.DECLINED) {
                // a service that ends takes its additions with it
                Map<String, Slot<OfficeAddition>> ofService = additionsOf(s.officeNumber());
                for (String key : List.copyOf(ofService.keySet())) {
                    if (ofService.get(key).value.serviceType().equals(type)) {
                        remove(check, ofService, key, closedAdditions);
                    }
                }
            }
            logIfWritten(check, "CHANGE_STATUS", type, servicePayload(s.officeNumber(), ofOffice.get(type).value));
        }
    }

    private void notifyAddition(Check check, NotifyAddition a) {
        Slot<OfficeService> service = existingService(check, a.serviceType());
        if (blank(a.additionCode())) {
            throw check.fail(Reason.MISSING_FIELD, "addition code (加算) is missing");
        }
        Map<String, Slot<OfficeAddition>> ofOffice = additionsOf(a.officeNumber());
        String key = a.serviceType() + "|" + a.additionCode();
        Slot<OfficeAddition> cur = ofOffice.get(key);
        OfficeAddition value = new OfficeAddition(a.serviceType(), a.additionCode(),
                pick(a.additionName(), cur == null ? null : cur.value.name()));
        if (a.withdrawn()) {
            if (cur == null) {
                throw check.fail(Reason.UNKNOWN_ADDITION, "addition " + a.additionCode() + " of service " + a.serviceType() + " is not notified");
            }
            remove(check, ofOffice, key, closedAdditions);
        } else {
            if (service.value.standing() != Standing.ACTIVE && service.value.standing() != Standing.SUSPENDED) {
                throw check.fail(Reason.STATUS_CONFLICT, "service " + a.serviceType() + " is " + service.value.standing());
            }
            replace(check, ofOffice, key, cur, value, newAdditions, closedAdditions);
        }
        logIfWritten(check, "NOTIFY_ADDITION", a.serviceType(), additionPayload(a.officeNumber(), value, a.withdrawn()));
    }

    /** Records or updates the provider when it has a 法人番号; returns the 法人番号 the office is to carry. */
    private String provider(Check check, Provider given, LocalDate on, String officeCorporate) {
        if (given == null) {
            return officeCorporate;
        }
        String corporate = given.corporateNumber() != null ? given.corporateNumber() : officeCorporate;
        if (corporate == null) {
            return null; // a provider without 法人番号 cannot be kept apart from others: not recorded
        }
        if (corporate.length() != 13 || !corporate.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw check.fail(Reason.INVALID_CORPORATE_NUMBER, "法人番号 '" + corporate + "' is not 13 digits");
        }
        Slot<Provider> cur = providers.get(corporate);
        Provider next = cur == null
                ? new Provider(corporate, given.name(), given.nameKana(), given.postalCode(), given.address(), given.representative())
                : new Provider(corporate, pick(given.name(), cur.value.name()), pick(given.nameKana(), cur.value.nameKana()),
                        pick(given.postalCode(), cur.value.postalCode()), pick(given.address(), cur.value.address()),
                        pick(given.representative(), cur.value.representative()));
        replace(check, providers, corporate, cur, next, newProviders, closedProviders, on);
        return corporate;
    }

    private void replaceOffice(Check check, String no, Slot<OfficeDetails> current, OfficeDetails next) {
        replace(check, offices, no, current, next, newOffices, closedOffices);
    }

    private <T> void replace(Check check, Map<String, Slot<T>> map, String key, Slot<T> current, T next,
                             List<Slot<T>> created, List<Slot<?>> closed) {
        replace(check, map, key, current, next, created, closed, check.change.effectiveOn());
    }

    /** Closes {@code current} (if any, and if {@code next} differs) on {@code on} and opens {@code next} from it. */
    private <T> void replace(Check check, Map<String, Slot<T>> map, String key, Slot<T> current, T next,
                             List<Slot<T>> created, List<Slot<?>> closed, LocalDate on) {
        if (current != null && current.value.equals(next)) {
            return;
        }
        if (current != null) {
            close(check, current, on, closed);
        }
        Slot<T> slot = new Slot<>(null, check.change.officeNumber(), next, on, check.origin);
        created.add(slot);
        map.put(key, slot);
        undo.add(current == null ? () -> map.remove(key) : () -> map.put(key, current));
        writes++;
    }

    private <T> void remove(Check check, Map<String, Slot<T>> map, String key, List<Slot<?>> closed) {
        Slot<T> current = map.remove(key);
        close(check, current, check.change.effectiveOn(), closed);
        undo.add(() -> map.put(key, current));
        writes++;
    }

    private void close(Check check, Slot<?> current, LocalDate on, List<Slot<?>> closed) {
        if (on.isBefore(current.validFrom)) {
            throw check.fail(Reason.BEFORE_CURRENT_VERSION, "holds from " + on + ", before the current version (from "
                    + current.validFrom + ")");
        }
        current.validTo = on;
        current.closedSource = check.origin.source();
        undo.add(() -> {
            current.validTo = null;
            current.closedSource = null;
        });
        if (current.loaded()) {
            closed.add(current);
        }
    }

    private Slot<OfficeDetails> existingOffice(Check check) {
        Slot<OfficeDetails> office = offices.get(check.change.officeNumber());
        if (office == null) {
            throw check.fail(Reason.UNKNOWN_OFFICE, "office " + check.change.officeNumber() + " is not in the ledger");
        }
        return office;
    }

    private Slot<OfficeService> existingService(Check check, String type) {
        existingOffice(check);
        serviceType(check, type);
        Slot<OfficeService> service = servicesOf(check.change.officeNumber()).get(type);
        if (service == null) {
            throw check.fail(Reason.UNKNOWN_SERVICE, "office " + check.change.officeNumber() + " has no service " + type
                    + " (it has " + servicesOf(check.change.officeNumber()).keySet().stream().sorted().toList() + ")");
        }
        return service;
    }

    private void serviceType(Check check, String type) {
        if (type == null || !serviceTypes.test(type)) {
            throw check.fail(Reason.INVALID_SERVICE_TYPE, "サービス種類コード '" + type + "' is not in the code table");
        }
    }

    private static boolean allows(LedgerChange.ServiceStatus to, Standing from) {
        return switch (to) {
            case SUSPENDED -> from == Standing.ACTIVE;
            case RESUMED -> from == Standing.SUSPENDED;
            case ABOLISHED, DECLINED -> from == Standing.ACTIVE || from == Standing.SUSPENDED;
        };
    }

    Map<String, Slot<OfficeService>> servicesOf(String no) {
        return services.computeIfAbsent(no, k -> new HashMap<>());
    }

    Map<String, Slot<OfficeAddition>> additionsOf(String no) {
        return additions.computeIfAbsent(no, k -> new HashMap<>());
    }

    /** Offices and the 法人番号 their open versions carry, for loading the providers. */
    Set<String> corporateNumbersOfOffices() {
        Set<String> numbers = new java.util.HashSet<>();
        offices.values().forEach(slot -> {
            if (slot.value.corporateNumber() != null) {
                numbers.add(slot.value.corporateNumber());
            }
        });
        return numbers;
    }

    private void logIfWritten(Check check, String kind, String serviceType, Map<String, Object> payload) {
        if (writes > 0) {
            log.add(new LoggedChange(check.origin, kind, check.change.officeNumber(), serviceType, check.change.effectiveOn(), payload));
            writes = 0;
        }
    }

    private Map<String, Object> officePayload(String no) {
        Map<String, Object> p = new LinkedHashMap<>();
        OfficeDetails details = offices.get(no).value;
        Office o = details.office();
        p.put("officeNumber", no);
        p.put("officeName", o.name());
        p.put("officeNameKana", o.nameKana());
        p.put("postalCode", o.postalCode());
        p.put("address", o.address());
        p.put("phone", o.phone());
        p.put("fax", o.fax());
        p.put("corporateNumber", details.corporateNumber());
        Slot<Provider> provider = details.corporateNumber() == null ? null : providers.get(details.corporateNumber());
        p.put("corporateName", provider == null ? null : provider.value.name());
        p.put("services", servicesOf(no).values().stream().map(s -> s.value.serviceType() + ":" + s.value.standing()).sorted().toList());
        return p;
    }

    private Map<String, Object> servicePayload(String no, OfficeService s) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("officeNumber", no);
        p.put("serviceType", s.serviceType());
        p.put("status", s.standing().name());
        p.put("designatedOn", iso(s.designatedOn()));
        p.put("designationFrom", iso(s.designationFrom()));
        p.put("designationTo", iso(s.designationTo()));
        return p;
    }

    private static Map<String, Object> additionPayload(String no, OfficeAddition a, boolean withdrawn) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("officeNumber", no);
        p.put("serviceType", a.serviceType());
        p.put("additionCode", a.code());
        p.put("additionName", a.name());
        p.put("withdrawn", withdrawn);
        return p;
    }

    private static OfficeDetails merge(OfficeDetails current, Office changed, String corporate) {
        Office o = current.office();
        if (changed == null) {
            return new OfficeDetails(o, corporate);
        }
        return new OfficeDetails(new Office(o.officeNumber(), pick(changed.name(), o.name()), pick(changed.nameKana(), o.nameKana()),
                pick(changed.postalCode(), o.postalCode()), pick(changed.address(), o.address()), pick(changed.phone(), o.phone()),
                pick(changed.fax(), o.fax()), pick(changed.administratorName(), o.administratorName())), corporate);
    }

    private static String iso(LocalDate date) {
        return date == null ? null : date.toString();
    }

    private static <T> T pick(T given, T current) {
        return given != null ? given : current;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** The change being applied, to build rejections from. */
    private record Check(ChangeOrigin origin, int index, LedgerChange change) {
        Check {
            Objects.requireNonNull(change, "change");
        }

        LedgerRejection fail(Reason reason, String detail) {
            return new LedgerRejection(reason, origin.key(), index, change, detail);
        }
    }
}
