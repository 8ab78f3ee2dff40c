package vn.lienthong.gateway.bench;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.LongFunction;

/**
 * One side of a {@link Scenario}: how to build the n-th request and how to judge its answer.
 *
 * @param label   short name printed in the summary ("direct", "gateway")
 * @param request builds request number {@code seq} (seq counts up from 0 in every phase; use it to
 *                spread requests over test data, e.g. {@code ids.get(seq % ids.size())})
 * @param check   returns null when the answer is a success, otherwise a short error kind
 *                ("HTTP 503", "unexpected body") used to group errors in the report
 */
public record Target(String label, LongFunction<HttpRequest> request, ResponseCheck check) {

    /** Judges one answer. */
    @FunctionalInterface
    public interface ResponseCheck {
        String problem(HttpResponse<String> response);
    }

    /** Success = HTTP 200 and a body containing {@code marker} (a cheap sanity check of the payload). */
    public static ResponseCheck ok200Containing(String marker) {
        return response -> {
            if (response.statusCode() != 200) {
                return "HTTP " + response.statusCode();
            }
            String body = response.body();
            return body != null && body.contains(marker) ? null : "unexpected body";
        };
    }
}
