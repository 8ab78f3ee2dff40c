package vn.lienthong.gateway;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** Packages by capability: the sandbox stays out of production code, and packages do not form cycles. */
class ArchitectureTest {

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
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
}
