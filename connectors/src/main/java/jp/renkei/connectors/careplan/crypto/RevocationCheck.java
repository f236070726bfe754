package jp.renkei.connectors.careplan.crypto;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.cert.CRL;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CRLs {@link SignatureVerifier} checks a signer's chain against: those provisioned as local files
 * ({@link RevocationPolicy#localCrls()}, read again when a file changes) and those fetched over HTTP from each
 * certificate's CRL distribution points, cached per URI until the CRL's nextUpdate or {@link RevocationPolicy#cacheTime()},
 * whichever comes first. A failed fetch is remembered for {@link #RETRY_AFTER_FAILURE} (at most the cache time) so an
 * unreachable CA does not cost every file a timeout. Whether a CRL is genuine (signed by the certificate's issuer) and
 * current is judged by the JDK's PKIX revocation checker, not here. OCSP is not used. Thread-safe.
 */
public final class RevocationCheck {

    /** How long a failed CRL fetch is remembered before the next try. */
    public static final Duration RETRY_AFTER_FAILURE = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(RevocationCheck.class);
    private static final RevocationCheck OFF = new RevocationCheck(RevocationPolicy.off(), null, Clock.systemUTC());

    /** CRLs for one chain, and what could not be had (unreachable distribution points, unreadable files). */
    record Crls(List<X509CRL> crls, List<String> problems) {
    }

    /**
     * A locally provisioned CRL, for operators (health).
     *
     * @param file       the file it was read from
     * @param issuer     the CRL issuer (RFC 2253)
     * @param nextUpdate when the CA promises the next CRL; null when the CRL names none
     */
    public record LocalCrl(Path file, String issuer, Instant nextUpdate) {
    }

    private record Fetched(X509CRL crl, String failure, Instant until) {
    }

    private record LocalFile(FileTime modified, long size, List<X509CRL> crls, String failure) {
    }

    private final RevocationPolicy policy;
    private final HttpClient client;
    private final Clock clock;
    private final Map<URI, Fetched> fetched = new ConcurrentHashMap<>();
    private final Map<URI, Object> fetchLocks = new ConcurrentHashMap<>();
    private final Map<Path, LocalFile> localFiles = new ConcurrentHashMap<>();

    /**
     * @param policy the mode, cache time, fetch timeout and local CRL paths (each must exist)
     * @param client the HTTP client CRLs are fetched with (connect timeout, proxy set up by the caller); may be null
     *               when only local CRLs are to be used
     * @param clock  the time that decides whether a cached CRL is still fresh
     */
    public RevocationCheck(RevocationPolicy policy, HttpClient client, Clock clock) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.client = client;
        this.clock = Objects.requireNonNull(clock, "clock");
        for (Path path : policy.localCrls()) {
            if (!Files.exists(path)) {
                throw new IllegalArgumentException("local CRL path " + path + " does not exist");
            }
        }
    }

    /** No revocation checking. */
    public static RevocationCheck off() {
        return OFF;
    }

    public RevocationPolicy policy() {
        return policy;
    }

    /** Every CRL read from the local files now, soonest nextUpdate first. */
    public List<LocalCrl> localCrls() {
        List<LocalCrl> all = new ArrayList<>();
        for (Path file : localCrlFiles(new ArrayList<>())) {
            for (X509CRL crl : local(file).crls()) {
                all.add(new LocalCrl(file, crl.getIssuerX500Principal().getName(),
                        crl.getNextUpdate() == null ? null : crl.getNextUpdate().toInstant()));
            }
        }
        all.sort(Comparator.comparing(LocalCrl::nextUpdate, Comparator.nullsLast(Comparator.naturalOrder())));
        return all;
    }

    /** The local CRLs and, for every certificate of {@code path}, the CRLs of its HTTP distribution points. */
    Crls crlsFor(List<X509Certificate> path) {
        List<String> problems = new ArrayList<>();
        Set<X509CRL> crls = new LinkedHashSet<>();
        for (Path file : localCrlFiles(problems)) {
            LocalFile local = local(file);
            if (local.failure() != null) {
                problems.add(local.failure());
            }
            crls.addAll(local.crls());
        }
        for (X509Certificate certificate : path) {
            List<URI> points = distributionPoints(certificate, problems);
            for (URI point : points) {
                Fetched result = fetch(point);
                if (result.crl() != null) {
                    crls.add(result.crl());
                } else {
                    problems.add(result.failure());
                }
            }
            if (points.isEmpty()) {
                problems.add("certificate " + OfficeCertificates.subjectOf(certificate) + " names no HTTP CRL distribution point");
            }
        }
        return new Crls(List.copyOf(crls), problems);
    }

    private List<Path> localCrlFiles(List<String> problems) {
        List<Path> files = new ArrayList<>();
        for (Path path : policy.localCrls()) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> listing = Files.list(path)) {
                    listing.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                            .sorted().forEach(files::add);
                } catch (IOException e) {
                    problems.add("local CRL folder " + path + " cannot be listed: " + e);
                    log.warn("care-plan revocation: local CRL folder {} cannot be listed", path, e);
                }
            } else {
                files.add(path);
            }
        }
        return files;
    }

    /** A local file's CRLs, read again when its modification time or size changed. */
    private LocalFile local(Path file) {
        FileTime modified;
        long size;
        try {
            modified = Files.getLastModifiedTime(file);
            size = Files.size(file);
        } catch (IOException e) {
            return new LocalFile(null, -1, List.of(), "local CRL file " + file + " cannot be read: " + e);
        }
        LocalFile known = localFiles.get(file);
        if (known != null && modified.equals(known.modified()) && size == known.size()) {
            return known;
        }
        LocalFile read;
        try (InputStream in = Files.newInputStream(file)) {
            List<X509CRL> crls = new ArrayList<>();
            for (CRL crl : CertificateFactory.getInstance("X.509").generateCRLs(in)) {
                crls.add((X509CRL) crl);
            }
            read = crls.isEmpty()
                    ? new LocalFile(modified, size, List.of(), "local CRL file " + file + " holds no CRL")
                    : new LocalFile(modified, size, List.copyOf(crls), null);
        } catch (IOException | GeneralSecurityException e) {
            read = new LocalFile(modified, size, List.of(), "local CRL file " + file + " cannot be read: " + e.getMessage());
        }
        if (read.failure() != null) {
            log.warn("care-plan revocation: {}", read.failure());
        } else {
            log.info("care-plan revocation: read {} CRL(s) from {}", read.crls().size(), file);
        }
        localFiles.put(file, read);
        return read;
    }

    private static List<URI> distributionPoints(X509Certificate certificate, List<String> problems) {
        byte[] value = certificate.getExtensionValue(Extension.cRLDistributionPoints.getId());
        if (value == null) {
            return List.of();
        }
        List<URI> uris = new ArrayList<>();
        try {
            ASN1Primitive parsed = JcaX509ExtensionUtils.parseExtensionValue(value);
            for (DistributionPoint point : CRLDistPoint.getInstance(parsed).getDistributionPoints()) {
                DistributionPointName name = point.getDistributionPoint();
                if (name == null || name.getType() != DistributionPointName.FULL_NAME) {
                    continue;
                }
                for (GeneralName general : GeneralNames.getInstance(name.getName()).getNames()) {
                    if (general.getTagNo() == GeneralName.uniformResourceIdentifier) {
                        String uri = ((ASN1String) general.getName()).getString();
                        if (uri.startsWith("http://") || uri.startsWith("https://")) {
                            uris.add(URI.create(uri));
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            problems.add("certificate " + OfficeCertificates.subjectOf(certificate)
                    + ": CRL distribution points cannot be read: " + e.getMessage());
        }
        return uris;
    }

    /** The cached CRL (or failure) of {@code uri}, fetched again once expired; one fetch per URI at a time. */
    private Fetched fetch(URI uri) {
        Instant now = clock.instant();
        Fetched cached = fetched.get(uri);
        if (cached != null && now.isBefore(cached.until())) {
            return cached;
        }
        synchronized (fetchLocks.computeIfAbsent(uri, u -> new Object())) {
            cached = fetched.get(uri);
            now = clock.instant();
            if (cached != null && now.isBefore(cached.until())) {
                return cached;
            }
            Fetched result = download(uri, now);
            fetched.put(uri, result);
            return result;
        }
    }

    private Fetched download(URI uri, Instant now) {
        Instant retry = now.plus(min(RETRY_AFTER_FAILURE, policy.cacheTime()));
        if (client == null) {
            return new Fetched(null, "CRL " + uri + " not fetched: no HTTP client configured", retry);
        }
        try {
            HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(uri).timeout(policy.fetchTimeout()).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                return failed(uri, "answered HTTP " + response.statusCode(), retry);
            }
            X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(response.body()));
            Instant until = now.plus(policy.cacheTime());
            if (crl.getNextUpdate() != null && crl.getNextUpdate().toInstant().isBefore(until)) {
                until = crl.getNextUpdate().toInstant();
            }
            log.info("care-plan revocation: fetched the CRL of {} from {} ({} revoked), cached until {}",
                    crl.getIssuerX500Principal().getName(), uri, crl.getRevokedCertificates() == null ? 0
                            : crl.getRevokedCertificates().size(), until);
            return new Fetched(crl, null, until.isAfter(now) ? until : retry);
        } catch (IOException e) {
            return failed(uri, "unreachable: " + e, retry);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(uri, "interrupted", now);
        } catch (GeneralSecurityException | ClassCastException e) {
            return failed(uri, "did not answer a CRL: " + e.getMessage(), retry);
        }
    }

    private static Fetched failed(URI uri, String why, Instant retry) {
        String failure = "CRL " + uri + " " + why;
        log.warn("care-plan revocation: {} (next try after {})", failure, retry);
        return new Fetched(null, failure, retry);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
