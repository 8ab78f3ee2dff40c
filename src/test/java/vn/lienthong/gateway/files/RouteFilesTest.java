package vn.lienthong.gateway.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.kamelet.KameletComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link RouteFiles} on a real, started Camel context with the broken fixtures (src/test/resources/files/broken) beside
 * good files: each broken file is left out and reported with its line, the good ones serve; an edit replaces its file
 * alone, a broken edit keeps the previous version serving.
 */
class RouteFilesTest {

    private static final Path BROKEN = Path.of("src/test/resources/files/broken");

    @TempDir
    Path dir;
    private Path routes;
    private Path connectors;
    private Path mappings;
    private CamelContext camel;
    private ProducerTemplate template;

    @BeforeEach
    void start() throws Exception {
        routes = Files.createDirectories(dir.resolve("routes"));
        connectors = Files.createDirectories(dir.resolve("connectors"));
        mappings = Files.createDirectories(dir.resolve("mappings"));
        camel = new DefaultCamelContext();
        camel.getComponent("kamelet", KameletComponent.class).setLocation("file:" + connectors);
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
    }

    @Test
    void aBrokenFileIsLeftOutAndTheOthersServe() throws Exception {
        copyFixtures();
        write(routes.resolve("good.camel.yaml"), good("good 1"));
        write(routes.resolve("uses-broken-mapping-here.camel.yaml"), xsltRoute("uses-broken-mapping-here", mappings.resolve("broken-mapping.xsl")));
        // a file whose first route starts and whose second cannot (no such bean): neither runs
        write(routes.resolve("half.camel.yaml"), """
                - route:
                    id: half-first
                    from:
                      uri: direct:half-first
                      steps:
                        - setBody:
                            constant: first
                - route:
                    id: half-second
                    from:
                      uri: direct:half-second
                      steps:
                        - bean:
                            ref: noSuchBean
                """);
        RouteFiles files = new RouteFiles(camel, routes, connectors, mappings);
        files.loadAll();

        assertThat(template.requestBody("direct:good", "", String.class)).isEqualTo("good 1");
        assertThat(files.problems().values()).map(FileProblem::toString).containsExactlyInAnyOrder(
                connectors.resolve("broken-connector.kamelet.yaml") + ":9: " + files.problems().get(connectors.resolve("broken-connector.kamelet.yaml").toString()).reason(),
                routes.resolve("half.camel.yaml") + ":9: " + files.problems().get(routes.resolve("half.camel.yaml").toString()).reason(),
                mappings.resolve("broken-mapping.xsl") + ":6: " + files.problems().get(mappings.resolve("broken-mapping.xsl").toString()).reason(),
                routes.resolve("broken-route.camel.yaml") + ":9: " + files.problems().get(routes.resolve("broken-route.camel.yaml").toString()).reason(),
                routes.resolve("uses-broken-connector.camel.yaml") + ":7: uses the connector kamelet:broken-connector, which is broken ("
                        + connectors.resolve("broken-connector.kamelet.yaml") + ")",
                routes.resolve("uses-broken-mapping-here.camel.yaml") + ":8: uses the mapping " + mappings.resolve("broken-mapping.xsl") + ", which is broken",
                // the fixture names its mapping relative to the working directory, where there is none
                routes.resolve("uses-broken-mapping.camel.yaml") + ":9: uses the mapping mappings/broken-mapping.xsl, which does not exist");
        assertThat(files.problems().get(routes.resolve("half.camel.yaml").toString()).reason()).contains("noSuchBean");
        assertThat(camel.getRoute("half-first")).as("the half that had started is removed again").isNull();
        assertThat(camel.getRoute("broken-route")).isNull();
        assertThat(files.loadedFiles()).containsOnlyKeys(routes.resolve("good.camel.yaml").toString());
        assertThat(files.goneRoutes()).isEmpty();
    }

    @Test
    void anEditReplacesItsFileAloneAndABrokenEditKeepsThePreviousVersion() throws Exception {
        Path good = write(routes.resolve("good.camel.yaml"), good("good 1"));
        write(routes.resolve("other.camel.yaml"), good("other").replace("good", "other"));
        RouteFiles files = new RouteFiles(camel, routes, connectors, mappings);
        files.loadAll();
        var other = camel.getRoute("other");

        write(good, good("good 2"));
        files.reload(good);
        assertThat(template.requestBody("direct:good", "", String.class)).isEqualTo("good 2");
        assertThat(camel.getRoute("other")).as("the other file's route is the same instance, untouched").isSameAs(other);

        write(good, good("good 3").replace("setBody:", "setBodyy:"));
        files.reload(good);
        assertThat(template.requestBody("direct:good", "", String.class)).isEqualTo("good 2");
        assertThat(files.problems()).containsOnlyKeys(good.toString());
        assertThat(files.problems().get(good.toString()).line()).isEqualTo(6);

        // an edit that parses but cannot start (no such bean): the previous version is put back
        write(good, good("good 4").replace("- setBody:\n            constant: good 4", "- bean:\n            ref: noSuchBean"));
        files.reload(good);
        assertThat(template.requestBody("direct:good", "", String.class)).isEqualTo("good 2");
        assertThat(files.problems().get(good.toString()).reason()).contains("noSuchBean");

        write(good, good("good 5"));
        files.reload(good);
        assertThat(template.requestBody("direct:good", "", String.class)).isEqualTo("good 5");
        assertThat(files.problems()).isEmpty();
    }

    @Test
    void anEditedMappingAppliesOnlyWhenItCompiles() throws Exception {
        Path xsl = write(mappings.resolve("probe.xsl"), mapping("mapping 1"));
        write(routes.resolve("probe.camel.yaml"), xsltRoute("probe", xsl));
        RouteFiles files = new RouteFiles(camel, routes, connectors, mappings);
        files.loadAll();
        assertThat(template.requestBody("direct:probe", "", String.class)).isEqualTo("mapping 1");

        write(xsl, mapping("mapping 2"));
        files.mappingChanged(xsl);
        assertThat(template.requestBody("direct:probe", "", String.class)).isEqualTo("mapping 2");

        write(xsl, mapping("mapping 3").replace("<xsl:value-of", "<xsl:value-off"));
        files.mappingChanged(xsl);
        assertThat(template.requestBody("direct:probe", "", String.class)).isEqualTo("mapping 2");
        assertThat(files.problems()).containsOnlyKeys(xsl.toString());
    }

    @Test
    void aRouteRemovedBehindTheLoadersBackIsReportedGone() throws Exception {
        write(routes.resolve("good.camel.yaml"), good("good 1"));
        RouteFiles files = new RouteFiles(camel, routes, connectors, mappings);
        files.loadAll();
        camel.getRouteController().stopRoute("good");
        camel.removeRoute("good");
        assertThat(files.goneRoutes()).containsEntry(routes.resolve("good.camel.yaml").toString(), java.util.Set.of("good"));
    }

    @Test
    void refuseStopsTheStartWithEveryProblem() throws Exception {
        copyFixtures();
        FilesConfiguration.FilesStartup startup = new FilesConfiguration.FilesStartup(new RouteFiles(camel, routes, connectors, mappings), "refuse");
        assertThatThrownBy(startup::load).hasMessageContaining("broken-route.camel.yaml:9:").hasMessageContaining("broken-connector.kamelet.yaml:9:");
    }

    private void copyFixtures() throws IOException {
        for (String folder : List.of("routes", "connectors", "mappings")) {
            try (var list = Files.list(BROKEN.resolve(folder))) {
                for (Path f : list.toList()) {
                    Files.copy(f, dir.resolve(folder).resolve(f.getFileName()));
                }
            }
        }
    }

    private static String good(String body) {
        return """
                - route:
                    id: good
                    from:
                      uri: direct:good
                      steps:
                        - setBody:
                            constant: %s
                """.formatted(body);
    }

    private static String xsltRoute(String id, Path xsl) {
        return """
                - route:
                    id: %1$s
                    from:
                      uri: direct:%1$s
                      steps:
                        - setBody:
                            constant: "<a/>"
                        - to: "xslt:file:%2$s?transformerFactoryClass=net.sf.saxon.TransformerFactoryImpl&output=string"
                """.formatted(id, xsl.toAbsolutePath());
    }

    private static String mapping(String text) {
        return TestMappings.textOf("'" + text + "'");
    }

    private static Path write(Path file, String text) throws IOException {
        return Files.writeString(file, text);
    }
}
