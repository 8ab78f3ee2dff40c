package vn.lienthong.gateway.connector;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.ProducerTemplate;

/**
 * The connector (Kamelet) endpoint a Java step calls. Camel makes a Kamelet's route the first time its endpoint is
 * resolved, taking the Kamelet component's lock and then the model's; adding routes takes them the other way round.
 * The gateway adds its route files after Camel has started (files.RouteFiles), while the consumers of the files already
 * added may be delivering (a restart with a backlog): a first portal call from such a consumer deadlocked the start.
 * So Kamelet routes are made one at a time, under {@link #LOCK}: by the loading of route files (and their reload), and by
 * a first call from Java through this class. A call waits until the files are loaded, then finds its endpoint ready.
 */
public final class KameletEndpoints {

    /** Held while route files are added (RouteFiles) and while a Java step makes a connector's route. */
    public static final Object LOCK = new Object();

    private KameletEndpoints() {
    }

    public static Endpoint resolve(ProducerTemplate template, String uri) {
        CamelContext camel = template.getCamelContext();
        Endpoint known = camel.hasEndpoint(uri);
        if (known != null) {
            return known;
        }
        synchronized (LOCK) {
            return camel.getEndpoint(uri);
        }
    }
}
