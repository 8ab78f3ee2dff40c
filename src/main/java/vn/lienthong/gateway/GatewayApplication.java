package vn.lienthong.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Lien Thong Gateway: Camel routes between the province's one-stop system and the national systems.
 * Routes are read from {@code routes/}, connectors (Kamelets) from {@code connectors/},
 * mappings from {@code mappings/}; Java beans here do the heavy lifting the routes call by name.
 */
@SpringBootApplication
public class GatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(GatewayApplication.class, args);
    }
}
