package vn.lienthong.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import vn.lienthong.gateway.validate.ValidateCommand;

/**
 * Lien Thong Gateway: Camel routes between the province's one-stop system and the national systems.
 * Routes are read from {@code routes/}, connectors (Kamelets) from {@code connectors/},
 * mappings from {@code mappings/}; Java beans here do the heavy lifting the routes call by name.
 */
@SpringBootApplication
public class GatewayApplication {

    /** {@code validate [config-dir]} checks the files without starting anything (see ValidateCommand); anything else starts the gateway. */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals(ValidateCommand.NAME)) {
            System.exit(ValidateCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        SpringApplication.run(GatewayApplication.class, args);
    }
}
