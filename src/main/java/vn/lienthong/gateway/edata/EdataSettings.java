package vn.lienthong.gateway.edata;

import java.nio.file.Path;

/**
 * Settings of the e-data store ({@code gateway.edata.*}), plain so that tests and the benchmark
 * build a store without Spring.
 *
 * @param contentRoot      the folder of content files ({@code gateway.edata.content-dir}, default {@code ${gateway.data-dir}/edata})
 * @param maxDocumentBytes largest accepted document ({@code gateway.edata.max-document-bytes}, default 20MB)
 */
public record EdataSettings(Path contentRoot, long maxDocumentBytes) {

    public static final long DEFAULT_MAX_DOCUMENT_BYTES = 20L * 1024 * 1024;

    public EdataSettings {
        if (contentRoot == null) {
            throw new IllegalArgumentException("gateway.edata: the content folder is not set");
        }
        if (maxDocumentBytes < 1 || maxDocumentBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("gateway.edata.max-document-bytes must be between 1 byte and 2GB");
        }
    }
}
