package jp.renkei.mappings.layout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Lists resources under a classpath folder, in directories and in jars (plain or nested, as in a Spring Boot
 * jar). Scanning instead of a hand-kept index means a new layout file cannot be forgotten.
 */
final class ClasspathScanner {
    private ClasspathScanner() {}

    /** Resource names (e.g. {@code layouts/municipal/x@1.yaml}) under {@code folder} ending in {@code suffix}, sorted. */
    static List<String> list(ClassLoader loader, String folder, String suffix) {
        TreeSet<String> names = new TreeSet<>();
        try {
            Enumeration<URL> roots = loader.getResources(folder);
            while (roots.hasMoreElements()) {
                URL root = roots.nextElement();
                if ("file".equals(root.getProtocol())) {
                    Path dir = Path.of(root.toURI());
                    try (Stream<Path> files = Files.walk(dir)) {
                        files.filter(Files::isRegularFile)
                                .map(p -> folder + "/" + dir.relativize(p).toString().replace('\\', '/'))
                                .filter(n -> n.endsWith(suffix))
                                .forEach(names::add);
                    }
                } else {
                    URLConnection connection = root.openConnection();
                    if (connection instanceof JarURLConnection jarConnection) {
                        jarConnection.setUseCaches(false);
                        try (JarFile jar = jarConnection.getJarFile()) {
                            String prefix = folder + "/";
                            for (JarEntry entry : java.util.Collections.list(jar.entries())) {
                                if (!entry.isDirectory() && entry.getName().startsWith(prefix)
                                        && entry.getName().endsWith(suffix)) {
                                    names.add(entry.getName());
                                }
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return new ArrayList<>(names);
    }
}
