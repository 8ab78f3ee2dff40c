package vn.lienthong.gateway.bench;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import vn.lienthong.gateway.sandbox.Person;
import vn.lienthong.gateway.sandbox.Population;
import vn.lienthong.gateway.sandbox.PopulationGenerator;

/**
 * Flow 1, citizen look-up.
 * <ul>
 *   <li>direct: SOAP {@code TraCuuThongTinCongDan} to the population-registry simulator with a bearer
 *       token fetched once from the sandbox token endpoint;</li>
 *   <li>gateway: {@code GET /api/v1/citizens/{id}?fullName=&birthDate=} as the sandbox partner
 *       {@code igate-demo} (API key; partner authentication and rate limit, REST route, Kamelet, the
 *       same simulator over HTTP, XSLT mapping, JSON).</li>
 * </ul>
 * Requests cycle over the first {@value #PEOPLE} citizens of the sandbox population, with their
 * real name and birth date, so every gateway answer must say {@code "match":true}.
 */
public final class CitizenLookupScenario {

    static final int PEOPLE = 1000;
    /** gateway.sandbox.seed and population-size of application.yaml: the population a gateway in another JVM simulates. */
    static final long SANDBOX_SEED = 20251123;
    static final int SANDBOX_POPULATION = 12000;
    /**
     * The sandbox partner {@code igate-demo} (config/partners-sandbox.yaml): granted citizen.lookup at
     * 1000 req/s in the sandbox; the benchmark gives it a far higher rate in a partners file of its own
     * ({@link GatewayBenchmark#benchPartners}), as the gateway's look-up went faster than that.
     */
    static final String API_KEY = "sandbox-igate-key-2026";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private CitizenLookupScenario() {
    }

    public static Scenario create(BenchEnvironment env) throws IOException, InterruptedException {
        List<Person> people = people(env);

        // direct baseline: the SOAP request the Kamelet sends, built per request (request id and citizen id vary)
        String token = fetchToken(env);
        String[] ids = people.stream().map(Person::personalId).toArray(String[]::new);
        Target direct = new Target("direct", seq -> HttpRequest.newBuilder(env.uri("/sandbox/population/ws"))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "text/xml; charset=UTF-8")
                .header("SOAPAction", "\"\"")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(soapRequest("bench-" + seq, ids[(int) (seq % ids.length)]),
                        StandardCharsets.UTF_8))
                .build(),
                Target.ok200Containing("<ns1:CongDan>"));

        // gateway: the same citizens, with their name and birth date so that "match" is true
        String[] paths = people.stream()
                .map(p -> "/api/v1/citizens/" + p.personalId()
                        + "?fullName=" + encode(p.fullName())
                        + "&birthDate=" + p.birthDate())
                .toArray(String[]::new);
        Target gateway = new Target("gateway", seq -> HttpRequest.newBuilder(env.uri(paths[(int) (seq % paths.length)]))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json")
                .header("X-API-Key", API_KEY)
                .GET()
                .build(),
                Target.ok200Containing("\"match\":true"));

        return new Scenario("citizen-lookup", direct, gateway);
    }

    /** The first {@value #PEOPLE} citizens of the sandbox population, the ones every look-up target cycles over. */
    static List<Person> people(BenchEnvironment env) {
        // a gateway in another JVM (IsolatedGatewayBenchmark): the same population, regenerated from the sandbox's seed
        List<Person> people = env.context() == null
                ? PopulationGenerator.generate(SANDBOX_SEED, SANDBOX_POPULATION).people()
                : env.context().getBean(Population.class).people();
        if (people.isEmpty()) {
            throw new IllegalStateException("The sandbox population is empty");
        }
        return people.subList(0, Math.min(PEOPLE, people.size()));
    }

    static String soapRequest(String requestId, String personalId) {
        return "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:dc=\"http://dancuquocgia.bca\">"
                + "<soapenv:Body><dc:TraCuuThongTinCongDan>"
                + "<dc:MaYeuCau>" + requestId + "</dc:MaYeuCau>"
                + "<dc:MaDVC>LGSP_DANCU_TRACUU</dc:MaDVC>"
                + "<dc:MaTichHop>bench</dc:MaTichHop>"
                + "<dc:MaCanBo>IGATE</dc:MaCanBo>"
                + "<dc:SoDinhDanh>" + personalId + "</dc:SoDinhDanh>"
                + "</dc:TraCuuThongTinCongDan></soapenv:Body></soapenv:Envelope>";
    }

    static String fetchToken(BenchEnvironment env) throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString("lienthong-sandbox:sandbox-secret".getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(env.uri("/sandbox/oauth2/token"))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
        HttpResponse<String> response = env.http().send(request, HttpResponse.BodyHandlers.ofString());
        Matcher m = ACCESS_TOKEN.matcher(response.body() == null ? "" : response.body());
        if (response.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException("Sandbox token endpoint answered HTTP " + response.statusCode() + ": " + response.body());
        }
        return m.group(1);
    }

    /** Query-string encoding with %20 for spaces (not '+'), the unambiguous form. */
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
