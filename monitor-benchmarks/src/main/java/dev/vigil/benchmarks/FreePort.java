package dev.vigil.benchmarks;

import java.io.IOException;
import java.net.ServerSocket;

/** A TCP port free on this machine right now; {@code main} prints one (used by {@code e2e.sh}). */
public final class FreePort {

    private FreePort() {
    }

    public static int get() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public static void main(String[] args) throws IOException {
        System.out.println(get());
    }
}
