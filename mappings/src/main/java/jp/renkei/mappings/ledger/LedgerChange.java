package jp.renkei.mappings.ledger;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One change to the provider ledger (事業所台帳), as a filing-system form or an open-data row states it. The mapping
 * from a source (a {@code shinsei} submission, a row of the MHLW open data) to these changes is pure; applying them,
 * with history, is the ledger connector's job.
 *
 * <p>Every change names the office it is about by 事業所番号 and the date from which it holds ({@link #effectiveOn});
 * the ledger closes the previous version of what changes on that date and never overwrites it.
 */
public sealed interface LedgerChange {

    /** 事業所番号 (10 characters, check digit included) of the office the change is about. */
    String officeNumber();

    /** The date from which the change holds (指定日, 変更年月日, 廃止年月日 …). */
    LocalDate effectiveOn();

    /** 新規指定 (or a bulk-loaded office): the provider, the office and the services designated. */
    record Designate(Provider provider, Office office, List<ServiceDesignation> services, LocalDate effectiveOn)
            implements LedgerChange {
        public Designate {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(office, "office");
            services = List.copyOf(services);
        }

        @Override
        public String officeNumber() {
            return office.officeNumber();
        }
    }

    /** 指定更新: one service's designation renewed for a new validity period. */
    record Renew(String officeNumber, String serviceType, LocalDate validFrom, LocalDate validTo)
            implements LedgerChange {
        @Override
        public LocalDate effectiveOn() {
            return validFrom;
        }
    }

    /**
     * 変更届: the office's details as they are from {@code effectiveOn}. A null member of {@code changed} means
     * "unchanged"; the provider may change too (null = unchanged).
     */
    record ChangeDetails(String officeNumber, Office changed, Provider provider, LocalDate effectiveOn)
            implements LedgerChange {}

    /** 廃止・休止・再開 and 指定辞退 of one service (or of all the office's services when serviceType is null). */
    record ChangeStatus(String officeNumber, String serviceType, ServiceStatus status, LocalDate effectiveOn)
            implements LedgerChange {}

    /** 加算(体制)届: an addition (加算) notified for one service, from a date; {@code withdrawn} ends it instead. */
    record NotifyAddition(String officeNumber, String serviceType, String additionCode, String additionName,
                          boolean withdrawn, LocalDate effectiveOn) implements LedgerChange {}

    /** The operating corporation (法人). */
    record Provider(String corporateNumber, String name, String nameKana, String postalCode, String address,
                    String representative) {}

    /** The office (事業所) as the ledger keeps it. */
    record Office(String officeNumber, String name, String nameKana, String postalCode, String address,
                  String phone, String fax, String administratorName) {}

    /** One designated service of an office: サービス種類コード, 指定日 and the validity period (指定有効期間). */
    record ServiceDesignation(String serviceType, LocalDate designatedOn, LocalDate validFrom, LocalDate validTo) {}

    /** Where an office's service stands after a {@link ChangeStatus}. */
    enum ServiceStatus {
        /** 休止 */ SUSPENDED,
        /** 廃止 */ ABOLISHED,
        /** 再開 */ RESUMED,
        /** 指定辞退 */ DECLINED
    }
}
