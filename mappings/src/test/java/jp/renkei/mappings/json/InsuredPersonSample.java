package jp.renkei.mappings.json;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import jp.renkei.mappings.io.ReadOptions;
import jp.renkei.mappings.io.RecordReader;
import jp.renkei.mappings.io.RecordReaders;
import jp.renkei.mappings.layout.Layout;
import jp.renkei.mappings.layout.LayoutRegistry;
import jp.renkei.mappings.record.ParsedRecord;

/** The golden samples' detail records (the insured-person one by default), as the JSON mapping tests start from them. */
final class InsuredPersonSample {

    static final LayoutRegistry REGISTRY = LayoutRegistry.loadDefault();
    static final Layout LAYOUT = REGISTRY.get("municipal.insured-person", "1");
    static final String NAME = "HIHOKEN_131011_20260401090000.DAT";

    private InsuredPersonSample() {
    }

    static List<ParsedRecord> details() throws Exception {
        return details(LAYOUT, NAME);
    }

    /** The detail records of another layout's golden sample {@code name}. */
    static List<ParsedRecord> details(Layout layout, String name) throws Exception {
        List<ParsedRecord> details = new ArrayList<>();
        try (InputStream in = InsuredPersonSample.class.getResourceAsStream("/samples/" + layout.ref() + "/" + name);
             RecordReader reader = RecordReaders.open(REGISTRY, layout, in, name, ReadOptions.defaults())) {
            reader.forEachRemaining(r -> {
                if ("detail".equals(r.recordType())) {
                    details.add(r);
                }
            });
        }
        return details;
    }
}
