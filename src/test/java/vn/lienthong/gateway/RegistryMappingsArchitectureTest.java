package vn.lienthong.gateway;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import vn.lienthong.gateway.registry.LookupAccessLog;
import vn.lienthong.gateway.registry.RegistryClient;
import vn.lienthong.gateway.xml.SafeXml;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Registry answers are put in the gateway's words by mapping files ({@code mappings/*.xsl}, with golden
 * cases), never by Java: an integrator adapts a registry's mapping without a build (issue 17). The Java
 * beans the registry routes and the reuse check call validate, log and answer; they do not read a
 * registry's answer by its field names.
 */
class RegistryMappingsArchitectureTest {

    private static final Set<String> JSON_FIELD_READS = Set.of("get", "path", "has", "hasNonNull", "at", "findValue", "findValues",
            "findPath", "fields", "fieldNames", "elements", "properties", "required", "withObject", "withArray");

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("vn.lienthong.gateway");

    @Test
    void noRegistryAnswerIsReadFieldByFieldInJava() {
        noClasses().that().resideInAnyPackage("vn.lienthong.gateway.registry..", "vn.lienthong.gateway.reuse..")
                // the generic reader of every JSON connector: bytes -> size-checked JSON -> XML for the mapping, no field read
                .and().doNotHaveFullyQualifiedName("vn.lienthong.gateway.registry.RegistryAnswers")
                // reads the partner's own request, not a registry's answer
                .and().doNotHaveFullyQualifiedName("vn.lienthong.gateway.reuse.ReuseApi")
                .should().dependOnClassesThat().belongToAnyOf(org.w3c.dom.Element.class, org.w3c.dom.NodeList.class, org.w3c.dom.Node.class)
                .orShould().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson.databind.node..")
                // handing JSON on whole (serialising it, converting it for a mapping) is fine; reading a field by name is not
                .orShould().callMethodWhere(DescribedPredicate.describe("read a JSON field by name (JsonNode.get, path, has, at, ...)",
                        (JavaMethodCall call) -> call.getTargetOwner().isAssignableTo(JsonNode.class) && JSON_FIELD_READS.contains(call.getName())))
                .orShould().callMethod(SafeXml.class, "firstText", org.w3c.dom.Document.class, String.class)
                .because("a registry's answer is normalised by its mapping file (mappings/*.xsl), which integrators adapt without Java")
                .check(PRODUCTION);
    }

    @Test
    void noClassHoldsARegistrysFacts() {
        noClasses().that().resideOutsideOfPackage("vn.lienthong.gateway.sandbox..")
                .should().haveSimpleNameEndingWith("Facts")
                .because("what a registry's facts are is said by its mapping file, not by a Java class")
                .check(PRODUCTION);
    }

    @Test
    void theReuseCheckKnowsNoRegistryByItsTypes() {
        noClasses().that().resideInAPackage("vn.lienthong.gateway.reuse..")
                .should().dependOnClassesThat(resideInAPackage("vn.lienthong.gateway.registry..")
                        .and(not(belongToAnyOf(RegistryClient.class, LookupAccessLog.class))))
                .because("the reuse check's registries are named in mappings/procedures.yaml (connector, query, mapping): "
                        + "it asks them through the generic RegistryClient and records in the generic access log")
                .check(PRODUCTION);
    }
}
