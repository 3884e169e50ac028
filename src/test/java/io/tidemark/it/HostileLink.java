package io.tidemark.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A link between the app and a real server that behaves as a hostile server would: it answers chosen statements
 * with LOAD DATA LOCAL's request for a file of the client's machine (the server decides the name, whatever the
 * statement was), keeps whatever the client sends back, then passes the statement on to the real server and
 * relays its answer. It reads the classic MySQL protocol unencrypted: point the app at {@link #url} (TLS off).
 */
final class HostileLink implements AutoCloseable {

    /** Statements holding {@code text} are attacked, {@code times} times at most, on a connection that sent {@code after} before (null: any). */
    record Rule(String text, int times, String after) {
    }

    /** One request for the file, and every byte the client sent back for it. */
    record Attack(String statement, byte[] received) {
    }

    private final int serverPort;
    private final String path;
    private final List<Rule> rules;
    private final AtomicInteger[] used;
    private final ServerSocket listener;
    private final List<Attack> attacks = new CopyOnWriteArrayList<>();
    private final List<String> passed = new CopyOnWriteArrayList<>();

    HostileLink(String serverUrl, String path, Rule... rules) throws IOException {
        this.serverPort = Integer.parseInt(serverUrl.replaceAll(".*//[^:]+:(\\d+)/.*", "$1"));
        this.path = path;
        this.rules = List.of(rules);
        this.used = new AtomicInteger[rules.length];
        for (int i = 0; i < rules.length; i++) {
            used[i] = new AtomicInteger();
        }
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "hostile-link");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The same JDBC URL, through this link, with TLS off so that the link can read the protocol. */
    String url(String serverUrl) {
        String url = serverUrl.replaceAll("//[^:/]+:\\d+/", "//127.0.0.1:" + listener.getLocalPort() + "/");
        return url + (url.contains("?") ? "&" : "?") + "sslMode=DISABLED";
    }

    List<Attack> attacks() {
        return attacks;
    }

    /** Whether every rule has attacked as often as it may. */
    boolean done() {
        for (int i = 0; i < used.length; i++) {
            if (used[i].get() < rules.get(i).times()) {
                return false;
            }
        }
        return true;
    }

    /** Statements passed on unattacked that hold {@code text}. */
    long passed(String text) {
        return passed.stream().filter(s -> s.contains(text)).count();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), serverPort);
                Connection connection = new Connection(client, server);
                start(connection::fromClient);
                start(connection::fromServer);
            } catch (IOException e) {
                // listener closed, or the server refused: the client sees its connection closed
            }
        }
    }

    private static void start(Runnable pipe) {
        Thread t = new Thread(pipe, "hostile-link-pipe");
        t.setDaemon(true);
        t.start();
    }

    /** One client connection: packets are a 3-byte length, a sequence number, then the payload. */
    private final class Connection {
        private final Socket client;
        private final Socket server;
        private final StringBuilder history = new StringBuilder();
        /** Added to the sequence numbers of the server's answer to an attacked statement (the client sent more packets). */
        private volatile int shift;

        Connection(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void fromClient() {
            try (InputStream in = client.getInputStream(); OutputStream toServer = server.getOutputStream()) {
                for (byte[] packet; (packet = read(in)) != null; ) {
                    if (packet[3] == 0 && packet.length > 4 && packet[4] == 0x03) { // COM_QUERY starts a statement
                        String sql = new String(packet, 5, packet.length - 5, StandardCharsets.UTF_8);
                        shift = attack(sql) ? request(sql, in) : 0;
                        if (shift == 0) {
                            passed.add(sql);
                        }
                        history.append(sql).append('\n');
                    }
                    toServer.write(packet);
                    toServer.flush();
                }
            } catch (IOException e) {
                // one side closed
            } finally {
                close();
            }
        }

        void fromServer() {
            try (InputStream in = server.getInputStream(); OutputStream toClient = client.getOutputStream()) {
                for (byte[] packet; (packet = read(in)) != null; ) {
                    packet[3] = (byte) (packet[3] + shift);
                    toClient.write(packet);
                    toClient.flush();
                }
            } catch (IOException e) {
                // one side closed
            } finally {
                close();
            }
        }

        private boolean attack(String sql) {
            for (int i = 0; i < rules.size(); i++) {
                Rule rule = rules.get(i);
                if (sql.contains(rule.text()) && (rule.after() == null || history.indexOf(rule.after()) >= 0)
                        && used[i].getAndUpdate(n -> n < rule.times() ? n + 1 : n) < rule.times()) {
                    return true;
                }
            }
            return false;
        }

        /** Asks for the file, as a server answering a LOAD DATA LOCAL would; returns the client's last sequence number. */
        private int request(String sql, InputStream in) throws IOException {
            byte[] name = path.getBytes(StandardCharsets.UTF_8);
            byte[] ask = new byte[5 + name.length];
            int length = 1 + name.length;
            ask[0] = (byte) length;
            ask[1] = (byte) (length >> 8);
            ask[2] = (byte) (length >> 16);
            ask[3] = 1;
            ask[4] = (byte) 0xFB;
            System.arraycopy(name, 0, ask, 5, name.length);
            OutputStream toClient = client.getOutputStream();
            synchronized (this) {
                toClient.write(ask);
                toClient.flush();
            }
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            int last;
            while (true) { // the file's packets, then an empty one (the only one when the client refuses)
                byte[] packet = read(in);
                if (packet == null) {
                    throw new IOException("the client closed the connection");
                }
                last = packet[3] & 0xff;
                if (packet.length == 4) {
                    break;
                }
                received.write(packet, 4, packet.length - 4);
            }
            attacks.add(new Attack(sql, received.toByteArray()));
            return last;
        }

        private void close() {
            for (Socket s : new Socket[] {client, server}) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }
    }

    /** One whole packet, header included; null at the end of the stream. */
    private static byte[] read(InputStream in) throws IOException {
        byte[] header = in.readNBytes(4);
        if (header.length < 4) {
            return null;
        }
        int length = (header[0] & 0xff) | (header[1] & 0xff) << 8 | (header[2] & 0xff) << 16;
        byte[] packet = new byte[4 + length];
        System.arraycopy(header, 0, packet, 0, 4);
        if (in.readNBytes(packet, 4, length) < length) {
            return null;
        }
        return packet;
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
