package jp.renkei.simulators.kiban;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;
import jp.renkei.simulators.http.SimHttpServer;

/**
 * A JSON document the simulated platform keeps, held as deflated UTF-8 rather than as a Jackson tree. A tree of one
 * 20-row care-plan table takes ~35 KB of heap, its packed text ~1 KB; the simulators share the hub's heap in the
 * embedded default, where thousands of held trees starved the hub itself of memory.
 */
final class PackedJson {

    private final byte[] packed;

    private PackedJson(byte[] packed) {
        this.packed = packed;
    }

    static PackedJson of(JsonNode document) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try (DeflaterOutputStream deflated = new DeflaterOutputStream(out, deflater)) {
            SimHttpServer.JSON.writeValue(deflated, document);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a writable JSON document", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        } finally {
            deflater.end();
        }
        return new PackedJson(out.toByteArray());
    }

    /** A fresh tree of the document (callers may change it without touching what is held). */
    JsonNode document() {
        try (InflaterInputStream in = new InflaterInputStream(new ByteArrayInputStream(packed))) {
            return SimHttpServer.JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("a packed document no longer reads", e);
        }
    }

    int packedBytes() {
        return packed.length;
    }
}
