package vn.lienthong.gateway;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Packages by capability: the sandbox stays out of production code, and packages do not form cycles. And the
 * integration tests share one gateway: one that starts a gateway of its own closes it after its class.
 */
class ArchitectureTest {

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("vn.lienthong.gateway");
    private static final JavaClasses TESTS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
            .importPackages("vn.lienthong.gateway");

    @Test
    void noProductionPackageImportsTheSandbox() {
        noClasses().that().resideOutsideOfPackage("vn.lienthong.gateway.sandbox..")
                .should().dependOnClassesThat().resideInAPackage("vn.lienthong.gateway.sandbox..")
                .because("the sandbox is off in production and must be removable")
                .check(PRODUCTION);
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("vn.lienthong.gateway.(*)..").should().beFreeOfCycles().check(PRODUCTION);
    }

    @Test
    void aTestWithAGatewayOfItsOwnClosesItAfterItsClass() {
        classes().that().areAnnotatedWith(SpringBootTest.class).and().areNotAssignableTo(GatewayTestSupport.class)
                .should().beAnnotatedWith(DirtiesContext.class)
                .because("a cached gateway keeps the plain names of the operations view's JMX beans, so that the shared "
                        + "gateway's are instance= variants and OperationsViewIT reads another gateway's connectors over JMX")
                .check(TESTS);
    }
}
