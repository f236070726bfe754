package jp.renkei.mappings.careplan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Guards the care-plan layout data and its golden samples on their own, without the layout engine: item counts as in
 * the 定義書, file names per the naming convention with valid office check digits, and samples that are byte-exact
 * windows-31j with CRLF record ends and the declared number of columns.
 */
class CareplanLayoutFilesTest {
    private static final Path MODULE = locateModule();
    private static final Path LAYOUTS = MODULE.resolve("src/main/resources/layouts/careplan");
    private static final Path SAMPLES = MODULE.resolve("src/test/resources/samples");
    private static final Charset MS932 = Charset.forName("windows-31j");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Item counts of the v4.1 定義書 (CSVバージョン 202407) and of the v3 (202208) forms kept here. */
    private static final Map<String, Integer> ITEMS = Map.ofEntries(
            Map.entry("careplan.UPHOSOKU@202407", 63), Map.entry("careplan.UP1KYO@202407", 28),
            Map.entry("careplan.DLT1KYO@202407", 4), Map.entry("careplan.UP2KYO@202407", 22),
            Map.entry("careplan.UP3KYO@202407", 13), Map.entry("careplan.UPPLAN@202407", 25),
            Map.entry("careplan.UPJSK@202407", 25), Map.entry("careplan.DLTPLAN@202407", 4),
            Map.entry("careplan.DLTJSK@202407", 6), Map.entry("careplan.UPSIKYU@202407", 37),
            Map.entry("careplan.UPKIHON@202407", 71), Map.entry("careplan.UPKIHON_SUB1@202407", 7),
            Map.entry("careplan.UPKIHON_SUB2@202407", 11), Map.entry("careplan.DLTKIHON@202407", 4),
            Map.entry("careplan.UPYOBO@202407", 57), Map.entry("careplan.UPYOBO_SUB@202407", 17),
            Map.entry("careplan.DLTYOBO@202407", 4),
            Map.entry("careplan.UP1KYO@202208", 28), Map.entry("careplan.UP2KYO@202208", 22),
            Map.entry("careplan.UPPLAN@202208", 22), Map.entry("careplan.UPJSK@202208", 22),
            Map.entry("careplan.UPSIKYU@202208", 34));

    static Stream<String> layoutRefs() {
        return ITEMS.keySet().stream().sorted();
    }

    @Test
    void everyLayoutFileIsExpectedAndEveryExpectedLayoutExists() throws IOException {
        List<String> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(LAYOUTS)) {
            s.forEach(p -> files.add(p.getFileName().toString().replaceFirst("\\.yaml$", "")));
        }
        assertThat(files).containsExactlyInAnyOrderElementsOf(ITEMS.keySet());
    }

    @ParameterizedTest
    @MethodSource("layoutRefs")
    void layoutHasTheDefinitionsItemCountNumberedInOrder(String ref) throws IOException {
        JsonNode layout = layout(ref);
        assertThat(layout.path("id").asText() + "@" + layout.path("version").asText()).isEqualTo(ref);
        JsonNode fields = layout.path("recordTypes").get(0).path("fields");
        assertThat(fields.size()).isEqualTo(ITEMS.get(ref));
        for (int i = 0; i < fields.size(); i++) {
            assertThat(fields.get(i).path("no").asInt()).as(ref + " field %d", i).isEqualTo(i + 1);
            assertThat(fields.get(i).path("name").asText()).as(ref + " name of %d", i + 1).isNotBlank();
        }
        assertThat(fields.get(0).path("key").asText()).isEqualTo("csvVersion");
    }

    @ParameterizedTest
    @MethodSource("layoutRefs")
    void goldenSampleIsNamedByConventionAndIsByteExactMs932WithTheDeclaredColumns(String ref) throws IOException {
        JsonNode layout = layout(ref);
        Path dir = SAMPLES.resolve(ref);
        List<Path> samples;
        try (Stream<Path> s = Files.list(dir)) {
            samples = s.filter(p -> p.toString().endsWith(".CSV")).toList();
        }
        assertThat(samples).as(ref + " samples").isNotEmpty();
        for (Path sample : samples) {
            checkSample(layout, sample);
        }
    }

    @Test
    void theConsistentSetReadsWithItsLayoutsAndSharesOneTimestamp() throws IOException {
        Path set = SAMPLES.resolve("careplan-set");
        List<Path> files;
        try (Stream<Path> s = Files.list(set)) {
            files = s.filter(p -> p.toString().endsWith(".CSV")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(6);
        for (Path file : files) {
            String name = file.getFileName().toString();
            String prefix = name.substring(0, name.indexOf('_'));
            JsonNode layout = layout("careplan." + prefix + "@202407");
            Matcher m = checkSample(layout, file);
            if (prefix.equals("UPJSK")) {
                assertThat(m.group("senderType")).isEqualTo("11");
                assertThat(m.group("receiverType")).isEqualTo("43");
            } else {
                assertThat(m.group("timestamp")).isEqualTo("20250525100000");
                assertThat(m.group("senderType")).isEqualTo("43");
                assertThat(m.group("receiverType")).isEqualTo("11");
            }
        }
    }

    private static Matcher checkSample(JsonNode layout, Path sample) throws IOException {
        String ref = layout.path("id").asText() + "@" + layout.path("version").asText();
        String name = sample.getFileName().toString();
        Matcher m = Pattern.compile(layout.path("fileName").path("pattern").asText()).matcher(name);
        assertThat(m.matches()).as(ref + ": file name " + name).isTrue();
        assertThat(jigyoshoValid(m.group("sender"))).as(name + " sender check digit").isTrue();
        assertThat(jigyoshoValid(m.group("receiver"))).as(name + " receiver check digit").isTrue();

        byte[] bytes = Files.readAllBytes(sample);
        String text = decodeStrict(bytes, name);
        assertThat(text.getBytes(MS932)).as(name + " re-encodes to the same bytes").isEqualTo(bytes);
        assertThat(text).as(name + " ends with CRLF").endsWith("\r\n");

        int columns = layout.path("recordTypes").get(0).path("fields").size();
        List<List<String>> records = parseCsv(text, name);
        assertThat(records).as(name).isNotEmpty();
        for (List<String> record : records) {
            assertThat(record).as(name + " columns").hasSize(columns);
            assertThat(record.get(0)).as(name + " CSVバージョン").isEqualTo(layout.path("version").asText());
        }
        return m;
    }

    /** RFC 4180 with CRLF record ends only; a bare CR or LF outside quotes is an error. */
    private static List<List<String>> parseCsv(String text, String name) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                assertThat(cell.length() == 0 && !wasQuoted).as(name + ": quote inside an unquoted field at " + i).isTrue();
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                record.add(cell.toString());
                cell.setLength(0);
                wasQuoted = false;
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                record.add(cell.toString());
                records.add(record);
                record = new ArrayList<>();
                cell.setLength(0);
                wasQuoted = false;
                i++;
            } else {
                assertThat(c != '\r' && c != '\n').as(name + ": bare line break at " + i).isTrue();
                cell.append(c);
            }
        }
        assertThat(quoted).as(name + ": unterminated quote").isFalse();
        assertThat(record).as(name + ": text after the last CRLF").isEmpty();
        return records;
    }

    private static String decodeStrict(byte[] bytes, String name) {
        CharsetDecoder decoder = MS932.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new AssertionError(name + " is not valid windows-31j", e);
        }
    }

    /** 介護保険事業所番号: modulus 10, weights 2,1 from the right, products' digits summed, A=10…Z=32 without I, O, Q. */
    static boolean jigyoshoValid(String number) {
        if (number == null || !number.matches("[0-9A-HJ-NPR-Z]{9}[0-9]")) {
            return false;
        }
        String letters = "ABCDEFGHJKLMNPRSTUVWXYZ";
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            char c = number.charAt(8 - i);
            int v = Character.isDigit(c) ? c - '0' : 10 + letters.indexOf(c);
            int p = v * (i % 2 == 0 ? 2 : 1);
            sum += p / 10 + p % 10;
        }
        return (10 - sum % 10) % 10 == number.charAt(9) - '0';
    }

    @Test
    void checkDigitAgreesWithTheAll9TotalRowOffice() {
        assertThat(jigyoshoValid("9999999999")).isTrue();
        assertThat(jigyoshoValid("1370100016")).isTrue();
        assertThat(jigyoshoValid("1370100017")).isFalse();
    }

    private static JsonNode layout(String ref) throws IOException {
        return YAML.readTree(LAYOUTS.resolve(ref + ".yaml").toFile());
    }

    private static Path locateModule() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("src/main/resources/layouts")) ? here : here.resolve("mappings");
    }
}
