package jp.renkei.hub.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** ADR 0006 as a test: the demo lives outside the product. */
class DemoOutsideTheProductTest {

    @Test
    void noProductionClassMentionsASimulator() throws IOException {
        List<Path> offenders;
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            offenders = sources.filter(p -> p.toString().endsWith(".java")).filter(p -> read(p).contains("jp.renkei.simulators")).toList();
        }
        assertThat(offenders).isEmpty();
    }

    @Test
    void theHubDependsOnTheSimulatorsInTestScopeOnly() throws Exception {
        NodeList dependencies = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile())
                .getElementsByTagName("dependency");
        List<String> scopes = new ArrayList<>();
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            if ("renkei-simulators".equals(text(dependency, "artifactId"))) {
                scopes.add(text(dependency, "scope"));
            }
        }
        assertThat(scopes).containsExactly("test");
    }

    @Test
    void theOperatorsApplicationYmlDoesNotSwitchSimulatorsOn() {
        assertThat(read(Path.of("../application.yml"))).doesNotContainPattern("(?m)^  simulators:");
    }

    private static String text(Element element, String tag) {
        NodeList nodes = element.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().trim();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
