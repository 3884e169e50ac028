package io.tidemark.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A webhook receiver for the alert tests: keeps every JSON body posted to it, or never answers at all. */
final class Receiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final ServerSocket silent;
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    private Receiver(boolean answers) throws IOException {
        if (answers) {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                received.add(JSON.readTree(exchange.getRequestBody()));
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            silent = null;
        } else { // accepts connections and reads nothing: a receiver that hangs
            server = null;
            silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
            Thread accept = new Thread(() -> {
                while (!silent.isClosed()) {
                    try {
                        held.add(silent.accept());
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            accept.setDaemon(true);
            accept.start();
        }
    }

    static Receiver answering() throws IOException {
        return new Receiver(true);
    }

    static Receiver hanging() throws IOException {
        return new Receiver(false);
    }

    /** Its URL, with a token in the query as chat webhooks carry one. */
    String url(String token) {
        int port = server != null ? server.getAddress().getPort() : silent.getLocalPort();
        return "http://127.0.0.1:" + port + "/hooks/" + token;
    }

    List<JsonNode> received() {
        return new ArrayList<>(received);
    }

    /** The alerts received with this event (reminders included). */
    List<JsonNode> events(String event) {
        return received.stream().filter(j -> j.path("event").asText().equals(event)).toList();
    }

    int connections() {
        return held.size();
    }

    @Override
    public void close() throws IOException {
        if (server != null) {
            server.stop(0);
        } else {
            silent.close();
            for (Socket s : held) {
                s.close();
            }
        }
    }
}
