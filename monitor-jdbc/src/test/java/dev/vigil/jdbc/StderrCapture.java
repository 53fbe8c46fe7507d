package dev.vigil.jdbc;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Copies what is written to {@link System#err} while open: slf4j-simple, the test logger, writes
 * there (it looks up {@code System.err} on every message), so a test can see exactly what was logged.
 */
public final class StderrCapture implements AutoCloseable {

    private final PrintStream original;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    private StderrCapture() {
        original = System.err;
        OutputStream tee = new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                synchronized (captured) {
                    captured.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                original.write(b, off, len);
                synchronized (captured) {
                    captured.write(b, off, len);
                }
            }
        };
        System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
    }

    public static StderrCapture start() {
        return new StderrCapture();
    }

    public String text() {
        System.err.flush();
        synchronized (captured) {
            return captured.toString(StandardCharsets.UTF_8);
        }
    }

    public static List<String> linesContaining(String text, String fragment) {
        return text.lines().filter(line -> line.contains(fragment)).toList();
    }

    @Override
    public void close() {
        System.setErr(original);
    }
}
