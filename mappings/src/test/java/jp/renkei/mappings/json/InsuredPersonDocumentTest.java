package jp.renkei.mappings.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import jp.renkei.mappings.io.FixedWidthRecordWriter;
import jp.renkei.mappings.record.ParsedRecord;
import org.junit.jupiter.api.Test;

class InsuredPersonDocumentTest {
    @Test
    void mapsADetailRecordToThePlatformDocument() throws Exception {
        ObjectNode doc = InsuredPersonDocument.toDocument(InsuredPersonSample.details().get(1));
        assertThat(doc.toString()).isEqualTo("{\"insurerNumber\":\"131011\",\"insuredNumber\":\"1310000002\","
                + "\"name\":\"髙﨑　花子\",\"nameKana\":\"ﾀｶｻｷ ﾊﾅｺ\",\"birthDate\":\"1945-03-15\",\"sex\":\"female\","
                + "\"postalCode\":\"1020074\",\"address\":\"東京都千代田区九段南１丁目　㈱ケア①ビル～３階　㍻記念\","
                + "\"qualification\":{\"acquiredOn\":\"2005-04-01\"},"
                + "\"care\":{\"level\":\"12\",\"validFrom\":\"2026-01-01\",\"validTo\":\"2026-12-31\",\"benefitLimit\":5032},"
                + "\"copaymentRatio\":2,\"costLimit\":{\"stage\":\"2\",\"validFrom\":\"2026-08-01\",\"validTo\":\"2027-07-31\"},"
                + "\"changeType\":\"change\",\"changedOn\":\"2026-04-15\"}");
    }

    @Test
    void absentValuesAndEmptyGroupsAreOmitted() throws Exception {
        ObjectNode doc = InsuredPersonDocument.toDocument(InsuredPersonSample.details().get(2));
        assertThat(doc.has("address")).isFalse();
        assertThat(doc.has("care")).isFalse();
        assertThat(doc.has("costLimit")).isFalse();
        assertThat(doc.get("qualification").toString()).isEqualTo("{\"acquiredOn\":\"1998-07-20\",\"lostOn\":\"2026-03-31\"}");
    }

    @Test
    void theDocumentMapsBackToTheSameRecordBytes() throws Exception {
        for (ParsedRecord detail : InsuredPersonSample.details()) {
            ObjectNode doc = InsuredPersonDocument.toDocument(detail);
            ByteArrayOutputStream fromDoc = new ByteArrayOutputStream();
            ByteArrayOutputStream original = new ByteArrayOutputStream();
            try (FixedWidthRecordWriter a = new FixedWidthRecordWriter(InsuredPersonSample.LAYOUT, fromDoc);
                    FixedWidthRecordWriter b = new FixedWidthRecordWriter(InsuredPersonSample.LAYOUT, original)) {
                a.writeRaw("detail", InsuredPersonDocument.toRawValues(doc));
                b.write(detail);
            }
            assertThat(fromDoc.toByteArray()).isEqualTo(original.toByteArray());
        }
    }

    @Test
    void theGenericMappingUsesFieldKeysAndIsoValuesAndRoundTrips() throws Exception {
        ParsedRecord detail = InsuredPersonSample.details().get(0);
        var type = InsuredPersonSample.LAYOUT.recordType("detail").orElseThrow();
        ObjectNode json = JsonDocuments.toJson(detail, type);
        assertThat(json.get("birthDate").asText()).isEqualTo("1940-01-01");
        assertThat(json.get("benefitLimit").isNumber()).isTrue();
        assertThat(json.has("qualificationLostOn")).isFalse();
        assertThat(json.has("filler")).isFalse();
        ByteArrayOutputStream fromJson = new ByteArrayOutputStream();
        ByteArrayOutputStream original = new ByteArrayOutputStream();
        try (FixedWidthRecordWriter a = new FixedWidthRecordWriter(InsuredPersonSample.LAYOUT, fromJson);
                FixedWidthRecordWriter b = new FixedWidthRecordWriter(InsuredPersonSample.LAYOUT, original)) {
            a.writeRaw("detail", JsonDocuments.toRawValues(json, type)); // amounts come back unpadded: 16765
            b.write(detail);                                            // raw keeps the zeros: 0016765
        }
        assertThat(fromJson.toByteArray()).isEqualTo(original.toByteArray());
    }
}
