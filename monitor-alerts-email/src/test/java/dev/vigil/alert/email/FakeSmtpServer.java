package dev.vigil.alert.email;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Just enough of an SMTP server on loopback to drive failure paths GreenMail cannot produce: a chosen
 * reply to one command (550 to RCPT, 451 to DATA...), or silence after accepting the connection.
 */
final class FakeSmtpServer implements AutoCloseable {

    /** Reply key for the greeting. */
    static final String GREETING = "GREETING";
    /** Reply key for the end of the message data (the line with a single dot). */
    static final String END_OF_DATA = ".";
    /** In a reply, stands for the command line it answers: lets a test play a server that quotes what it got. */
    static final String ECHO = "{line}";

    private final ServerSocket server;
    private final Map<String, String> replies;
    private final boolean silent;
    private final List<Socket> clients = new CopyOnWriteArrayList<>();
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private FakeSmtpServer(Map<String, String> replies, boolean silent) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.replies = Map.copyOf(replies);
        this.silent = silent;
        this.acceptor = new Thread(this::acceptLoop, "fake-smtp-" + server.getLocalPort());
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    /** Accepts connections and never says a word. */
    static FakeSmtpServer silent() throws IOException {
        return new FakeSmtpServer(Map.of(), true);
    }

    /**
     * Speaks SMTP, answering {@code verb} (EHLO, MAIL, RCPT, DATA, AUTH, {@link #GREETING} or
     * {@link #END_OF_DATA}) with {@code reply} and every other command with success.
     */
    static FakeSmtpServer replying(String verb, String reply) throws IOException {
        Map<String, String> replies = new HashMap<>();
        replies.put(verb, reply);
        return new FakeSmtpServer(replies, false);
    }

    /** Like {@link #replying(String, String)}, advertising {@code AUTH PLAIN} in its EHLO reply. */
    static FakeSmtpServer withAuth(String authReply) throws IOException {
        return new FakeSmtpServer(Map.of("EHLO", "250-fake.test\r\n250 AUTH PLAIN", "AUTH", authReply), false);
    }

    int port() {
        return server.getLocalPort();
    }

    /** The command lines received, in order (message data excluded). */
    List<String> commands() {
        return List.copyOf(commands);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                clients.add(client);
                if (!silent) {
                    converse(client);
                }
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void converse(Socket client) {
        try (client) {
            client.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = client.getOutputStream();
            reply(out, replies.getOrDefault(GREETING, "220 fake.test ESMTP"));
            String line;
            while ((line = in.readLine()) != null) {
                commands.add(line);
                String verb = line.split("[ :]", 2)[0].toUpperCase(Locale.ROOT);
                String configured = replies.get(verb);
                if (configured != null) {
                    configured = configured.replace(ECHO, line);
                }
                switch (verb) {
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    case "DATA" -> {
                        reply(out, configured != null ? configured : "354 go ahead");
                        if (configured == null) {
                            while ((line = in.readLine()) != null && !line.equals(".")) {
                                // message content: not recorded
                            }
                            reply(out, replies.getOrDefault(END_OF_DATA, "250 2.0.0 queued"));
                        }
                    }
                    case "EHLO", "HELO", "MAIL", "RCPT", "RSET", "NOOP", "AUTH" ->
                            reply(out, configured != null ? configured : "250 OK");
                    default -> reply(out, "502 not implemented");
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static void reply(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket client : clients) {
            client.close();
        }
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
