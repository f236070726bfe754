package jp.renkei.hub.municipal;

import java.util.Optional;
import jp.renkei.connectors.municipal.SftpDrop;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The municipal export flows besides insured-to-kiban (certification-to-kiban, benefit-usage-to-kiban): each has the
 * keys of {@link InsuredToKibanProperties} under {@code renkei.flows.<id>.*} — error-report encoding, strict checks and
 * its own municipal SFTP drop, whose folders default to {@code <folder>/outbox}, {@code /<folder>/archive} and
 * {@code /<folder>/error} — and sends to the platform of {@link InsuredToKibanEndpoints#kiban(String)}.
 */
@Component
public class MunicipalExports {

    private final Environment environment;
    private final InsuredToKibanEndpoints endpoints;

    public MunicipalExports(Environment environment, InsuredToKibanEndpoints endpoints) {
        this.environment = environment;
        this.endpoints = endpoints;
    }

    /** {@code renkei.flows.<flowId>.*}, defaults where not set. */
    public InsuredToKibanProperties properties(String flowId) {
        return Binder.get(environment).bindOrCreate("renkei.flows." + flowId, InsuredToKibanProperties.class);
    }

    /** The flow's municipal SFTP drop, its folders under {@code folder} unless configured; empty = local drop only. */
    public Optional<SftpDrop> drop(String flowId, String folder) {
        return endpoints.municipalDrop(flowId, properties(flowId).sftp().withFolders(folder));
    }

    public InsuredToKibanEndpoints endpoints() {
        return endpoints;
    }
}
