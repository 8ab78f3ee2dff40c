package vn.lienthong.gateway.api;

/**
 * One code of the error-code catalogue: its HTTP status and the sentence a person reads, in Vietnamese and in English.
 * Built-in codes come from the jar ({@code builtin-error-codes.yaml}), an integrator's from {@code mappings/error-codes.yaml}.
 */
public record CodedError(String code, int status, String vi, String en) {

    /** The sentence for a caller who prefers {@code language} ({@code vi} or anything else for English). */
    public String sentence(String language) {
        return "vi".equals(language) ? vi : en;
    }
}
