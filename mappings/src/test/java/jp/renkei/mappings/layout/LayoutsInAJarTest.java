package jp.renkei.mappings.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry finds layouts inside a jar too (the hub runs from one), not only in a classes directory. */
class LayoutsInAJarTest {

    @Test
    void layoutsAndCodeTablesAreFoundInAJar(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("layouts.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            add(out, "layouts/");
            add(out, "layouts/municipal/");
            copy(out, "layouts/municipal/municipal.insured-person@1.yaml");
            add(out, "codes/");
            copy(out, "codes/care-level.yaml");
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            LayoutRegistry registry = LayoutRegistry.load(loader);
            assertThat(registry.ids()).containsExactly("municipal.insured-person");
            assertThat(registry.resourceOf(registry.latest("municipal.insured-person")))
                    .isEqualTo("layouts/municipal/municipal.insured-person@1.yaml");
        }
    }

    private static void add(JarOutputStream out, String directory) throws Exception {
        out.putNextEntry(new JarEntry(directory));
        out.closeEntry();
    }

    private static void copy(JarOutputStream out, String resource) throws Exception {
        out.putNextEntry(new JarEntry(resource));
        try (InputStream in = LayoutsInAJarTest.class.getClassLoader().getResourceAsStream(resource)) {
            in.transferTo((OutputStream) out);
        }
        out.closeEntry();
    }
}
