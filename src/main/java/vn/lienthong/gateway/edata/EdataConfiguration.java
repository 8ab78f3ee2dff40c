package vn.lienthong.gateway.edata;

import java.nio.file.Path;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

/**
 * The e-data store's settings and document type catalogue. Every setting has a default, so that
 * the store works with no {@code gateway.edata} block at all:
 * {@code content-dir} = {@code ${gateway.data-dir}/edata}, {@code max-document-bytes} = 20MB,
 * {@code document-types-file} = {@code mappings/document-types.yaml} (relative to the working
 * directory, like {@code routes/}). A malformed catalogue stops start-up.
 */
@Configuration(proxyBeanMethods = false)
public class EdataConfiguration {

    @Bean
    EdataSettings edataSettings(Environment env) {
        String dataDir = env.getProperty("gateway.data-dir", "./data");
        String contentDir = env.getProperty("gateway.edata.content-dir", "");
        Path root = contentDir.isBlank() ? Path.of(dataDir, "edata") : Path.of(contentDir);
        DataSize max = env.getProperty("gateway.edata.max-document-bytes", DataSize.class, DataSize.ofMegabytes(20));
        return new EdataSettings(root.toAbsolutePath().normalize(), max.toBytes());
    }

    @Bean
    DocumentTypeCatalog documentTypeCatalog(Environment env) {
        return DocumentTypeCatalog.load(Path.of(env.getProperty("gateway.edata.document-types-file", "mappings/document-types.yaml")));
    }
}
