package io.tidemark.it.servers;

/** What the tests with several servers share. */
public final class Servers {

    private Servers() {
    }

    /** Stops each server that was started (null: not started), going on past any that fails to stop. */
    public static void closeAll(AutoCloseable... servers) {
        for (AutoCloseable server : servers) {
            try {
                if (server != null) {
                    server.close();
                }
            } catch (Exception e) {
                // stopping the others anyway
            }
        }
    }
}
