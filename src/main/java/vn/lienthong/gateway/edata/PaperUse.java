package vn.lienthong.gateway.edata;

import java.util.UUID;

/**
 * One of an owner's papers used by a reuse check, for the owner's access log: either a document of the
 * store shown to the officer ({@code documentId} set, outcome {@value #OFFERED}) or a registry's facts
 * that stood in for the paper ({@code registry} set, outcome {@value #REGISTRY_FACTS}).
 *
 * @param documentType the paper the procedure asked for
 */
public record PaperUse(String documentType, UUID documentId, String registry) {

    public static final String OFFERED = "OFFERED";
    public static final String REGISTRY_FACTS = "REGISTRY_FACTS";

    public static PaperUse offered(String documentType, UUID documentId) {
        return new PaperUse(documentType, documentId, null);
    }

    public static PaperUse registryFacts(String documentType, String registry) {
        return new PaperUse(documentType, null, registry);
    }

    public String outcome() {
        return documentId != null ? OFFERED : REGISTRY_FACTS;
    }
}
