package io.tidemark.api;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.apache.camel.CamelContext;

/**
 * The management server's port (dashboard, API, health, metrics) must be free before anything starts: when it is
 * taken (another Tidemark runs on the same tables?), Camel would log a stack trace and sync on without health,
 * API or dashboard. One line names the port and the setting that moves it instead.
 */
public final class ManagementPort {

    private ManagementPort() {
    }

    public static void requireFree(CamelContext context) {
        var properties = context.getPropertiesComponent();
        if (!Boolean.parseBoolean(properties.resolveProperty("camel.management.enabled").orElse("false").trim())) {
            return;
        }
        String host = properties.resolveProperty("camel.management.host").orElse("0.0.0.0").trim();
        String portText = properties.resolveProperty("camel.management.port").orElse("8080").trim();
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("camel.management.port '" + portText + "' is not a port number; set it "
                    + "(or TIDEMARK_MANAGEMENT_PORT) to a free port such as 8080");
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (BindException e) {
            throw new IllegalStateException("port " + port + " on " + host + " is already in use (another Tidemark?): "
                    + "set camel.management.port (or TIDEMARK_MANAGEMENT_PORT) to a free port for the dashboard, API "
                    + "and health");
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on " + host + ":" + port + " (" + e.getMessage() + "): "
                    + "check camel.management.host and camel.management.port (TIDEMARK_MANAGEMENT_HOST, "
                    + "TIDEMARK_MANAGEMENT_PORT)");
        }
    }
}
