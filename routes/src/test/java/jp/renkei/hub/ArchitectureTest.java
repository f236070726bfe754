package jp.renkei.hub;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.concurrent.Executors;
import org.apache.camel.builder.RouteBuilder;

/**
 * The repository's architecture rules, checked on the production classes of every module on routes' classpath (the
 * hub, connectors, mappings; tests are not imported). A rule that fails names each offending class and line.
 */
@AnalyzeClasses(packages = "jp.renkei", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The product: what ships to production. The simulators are the demo's, outside it. */
    static final String[] PRODUCTION = {"jp.renkei.hub..", "jp.renkei.connectors..", "jp.renkei.mappings.."};

    /** Where RouteBuilders live: one package per flow family, and the backbone's own routes and error policies. */
    static final String[] ROUTE_PACKAGES = {"jp.renkei.hub.municipal..", "jp.renkei.hub.kiban..", "jp.renkei.hub.shinsei..",
            "jp.renkei.hub.ledger..", "jp.renkei.hub.events..", "jp.renkei.hub.loopback..", "jp.renkei.hub.careplan..",
            "jp.renkei.hub.backbone.."};

    @ArchTest
    static final ArchRule productionNeverUsesASimulator = noClasses().that().resideInAnyPackage(PRODUCTION)
            .should().dependOnClassesThat().resideInAPackage("jp.renkei.simulators..")
            .because("the demo lives outside the product: a missing production URL is a start-up error, never a fake");

    @ArchTest
    static final ArchRule mappingsArePlainJava = noClasses().that().resideInAPackage("jp.renkei.mappings..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.camel..", "org.springframework..")
            .because("mappings are pure functions from record to record, with no Camel or Spring dependency");

    @ArchTest
    static final ArchRule connectorsPackagesAreFreeOfCycles = slices().matching("jp.renkei.connectors.(**)")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule hubPackagesAreFreeOfCycles = slices().matching("jp.renkei.hub.(**)")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule noUnmanagedExecutors = noClasses().that().resideInAnyPackage(PRODUCTION)
            .should().callMethodWhere(new DescribedPredicate<JavaMethodCall>("a java.util.concurrent.Executors.new* factory") {
                @Override
                public boolean test(JavaMethodCall call) {
                    return call.getTargetOwner().isEquivalentTo(Executors.class) && call.getName().startsWith("new");
                }
            })
            .because("threads are managed (Spring or Camel executors, SmartLifecycle), never made by hand");

    @ArchTest
    static final ArchRule noUnmanagedThreads = noClasses().that().resideInAnyPackage(PRODUCTION)
            .should().callConstructorWhere(new DescribedPredicate<JavaConstructorCall>("a java.lang.Thread constructor") {
                @Override
                public boolean test(JavaConstructorCall call) {
                    return call.getTargetOwner().isAssignableTo(Thread.class);
                }
            })
            .because("threads are managed (Spring or Camel executors, SmartLifecycle), never made by hand");

    @ArchTest
    static final ArchRule routeBuildersLiveInAFlowPackageOrTheBackbone = classes().that().resideInAnyPackage(PRODUCTION)
            .and().areAssignableTo(RouteBuilder.class)
            .should().resideInAnyPackage(ROUTE_PACKAGES)
            .because("one RouteBuilder per flow, in its flow family's package; the backbone's routes in the backbone");
}
