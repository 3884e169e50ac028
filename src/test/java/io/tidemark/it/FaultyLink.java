package io.tidemark.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP link between the app and a database server that a test can cut and restore: while cut, every open
 * connection is closed and new ones are refused, as when the server is down. Tests point the app at
 * {@link #url(String)} instead of the server.
 */
final class FaultyLink implements AutoCloseable {

    private final int serverPort;
    private final ServerSocket listener;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile boolean cut;

    FaultyLink(String serverUrl) throws IOException {
        this.serverPort = Integer.parseInt(serverUrl.replaceAll(".*//[^:]+:(\\d+)/.*", "$1"));
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "faulty-link");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The same JDBC URL, through this link. */
    String url(String serverUrl) {
        return serverUrl.replaceAll("//[^:/]+:\\d+/", "//127.0.0.1:" + listener.getLocalPort() + "/");
    }

    void cut() {
        cut = true;
        open.forEach(FaultyLink::closeQuietly);
        open.clear();
    }

    void restore() {
        cut = false;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (cut) {
                    client.close();
                    continue;
                }
                Socket server = new Socket(InetAddress.getLoopbackAddress(), serverPort);
                open.add(client);
                open.add(server);
                pipe(client, server);
                pipe(server, client);
            } catch (IOException e) {
                // listener closed, or the server refused: the client sees its connection closed
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[65536];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                }
            } catch (IOException e) {
                // one side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "faulty-link-pipe");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        cut();
        listener.close();
    }
}
