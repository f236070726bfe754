package jp.renkei.simulators.shinsei;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import jp.renkei.simulators.http.SimHttpServer;

/**
 * The demo's sample submissions ({@code shinsei/samples.json}: a 新規指定, a 変更届, a 加算届, a 一括申請 of a 指定更新
 * for two authorities and a 休止届 withdrawn after filing), addressed to the configured authority. Fictitious data.
 */
final class ShinseiSamples {

    private ShinseiSamples() {
    }

    static List<JsonNode> forAuthority(String authorityCode) {
        try (InputStream in = ShinseiSamples.class.getResourceAsStream("/shinsei/samples.json")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${authority}", authorityCode);
            List<JsonNode> samples = new ArrayList<>();
            SimHttpServer.JSON.readTree(text).forEach(samples::add);
            return samples;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sample submissions", e);
        }
    }
}
