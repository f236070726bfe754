package jp.renkei.hub.careplan;

import java.nio.charset.Charset;
import java.util.List;
import java.util.Optional;
import jp.renkei.hub.backbone.ErrorReportDrop;
import jp.renkei.hub.backbone.SourceRecord;
import jp.renkei.hub.backbone.UnitContext;
import jp.renkei.hub.backbone.UnitReport;
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
    private final ObjectProvider<ProducerTemplate> producer;

    CareplanErrorReports(CareplanOfficeDrops drops, UnitReport flowReport, ObjectProvider<ProducerTemplate> producer) {
        this.drops = drops;
        this.flowReport = flowReport;
        this.producer = producer;
    }

    @Override
    public void rejected(UnitContext unit, List<SourceRecord.Rejected> rejected, int total, boolean wholeUnit) throws Exception {
        Optional<CareplanOfficeDrops.Drop> drop = drops.dropOf(unit.origin());
        if (drop.isEmpty()) {
            flowReport.rejected(unit, rejected, total, wholeUnit);
            return;
        }
        ErrorReportDrop.Remote remote = drop.get().sftp()
                .map(sftp -> ErrorReportDrop.Remote.sftpErrorFolder(sftp, producer)).orElse(null);
        new ErrorReportDrop(CareplanOutboundConfiguration.ID, drop.get().errorFolder(), MS932, remote)
                .rejected(unit, rejected, total, wholeUnit);
    }
}
