package jp.renkei.hub.careplan;

import java.nio.charset.Charset;
import java.util.List;
import jp.renkei.connectors.journal.JournalQueries;
import jp.renkei.connectors.journal.UnitRef;
import jp.renkei.hub.backbone.SourceRecord;
import jp.renkei.hub.backbone.UnitReport;
import jp.renkei.hub.backbone.ErrorReportDrop;
import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.ObjectProvider;

/**
 * careplan-outbound's error reports: a file taken in from an office's drop gets {@code <name>.errors.csv} in that
 * office's error folder (and on its SFTP server when the drop is one); any other unit (the shared inbox) in the flow's
 * error folder.
 */
final class CareplanErrorReports implements UnitReport {

    static final Charset MS932 = Charset.forName("windows-31j");

    private final CareplanOfficeDrops drops;
    private final UnitReport flowReport;
    private final ObjectProvider<JournalQueries> queries;
    private final ObjectProvider<ProducerTemplate> producer;

    CareplanErrorReports(CareplanOfficeDrops drops, UnitReport flowReport, ObjectProvider<JournalQueries> queries,
                         ObjectProvider<ProducerTemplate> producer) {
        this.drops = drops;
        this.flowReport = flowReport;
        this.queries = queries;
        this.producer = producer;
    }

    @Override
    public void rejected(UnitRef unit, String name, List<SourceRecord.Rejected> rejected, int total, boolean wholeUnit) throws Exception {
        JournalQueries.DeliveryDetail detail = queries.getObject().delivery(unit.id(), 0);
        var drop = detail == null ? java.util.Optional.<CareplanOfficeDrops.Drop>empty() : drops.dropOf(detail.delivery().source());
        if (drop.isEmpty()) {
            flowReport.rejected(unit, name, rejected, total, wholeUnit);
            return;
        }
        ErrorReportDrop.Remote remote = drop.get().sftp()
                .map(sftp -> ErrorReportDrop.Remote.sftpErrorFolder(sftp, producer)).orElse(null);
        new ErrorReportDrop(CareplanOutboundConfiguration.ID, drop.get().errorFolder(), MS932, remote)
                .rejected(unit, name, rejected, total, wholeUnit);
    }
}
