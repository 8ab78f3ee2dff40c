package vn.lienthong.gateway.connector;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.model.Model;

/**
 * The connector (Kamelet) endpoint a Java step calls. Camel makes a Kamelet's route the first time its endpoint is
 * resolved, taking the Kamelet component's lock and then the model's; adding routes takes them the other way round.
 * The gateway adds route files after Camel has started (files.RouteFiles), while consumers of files already loaded may
 * be delivering (a restart with a backlog): a first call from such a consumer deadlocked the start. Resolved here
 * under the model's lock first, the order is always the one Camel takes when it adds routes.
 */
public final class KameletEndpoints {

    private KameletEndpoints() {
    }

    public static Endpoint resolve(ProducerTemplate template, String uri) {
        CamelContext camel = template.getCamelContext();
        Endpoint known = camel.hasEndpoint(uri);
        if (known != null) {
            return known;
        }
        Model model = camel.getCamelContextExtension().getContextPlugin(Model.class);
        synchronized (model) {
            return camel.getEndpoint(uri);
        }
    }
}
