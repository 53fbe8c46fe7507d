package dev.vigil;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No package cycles in monitor-core: the package dependencies read from the compiled classes' constant pools
 * (every class, field and method type a class names) form no strongly connected component of two or more
 * packages. {@code jdeps -verbose:package target/classes} shows the same dependencies.
 */
class PackageCyclesTest {

    private static final Pattern TYPE = Pattern.compile("dev/vigil/(?:[a-z0-9_]+/)*[A-Za-z0-9_$]+");

    @Test
    void corePackagesFormNoCycle() throws IOException {
        Map<String, Set<String>> dependencies = dependencies(Path.of("target", "classes"));
        assertThat(dependencies).as("compiled classes of monitor-core").containsKey("dev.vigil.api");

        List<Set<String>> cycles = new ArrayList<>();
        for (Set<String> component : stronglyConnected(dependencies)) {
            if (component.size() > 1) {
                cycles.add(component);
            }
        }

        assertThat(cycles).as("package cycles (each a set of packages that depend on each other): %s",
                describe(cycles, dependencies)).isEmpty();
    }

    @Test
    void theCallerPackageDependsOnNothingOfVigil() throws IOException {
        assertThat(dependencies(Path.of("target", "classes")).get("dev.vigil.security")).isEmpty();
    }

    /** Package → the other dev.vigil packages its classes name. */
    static Map<String, Set<String>> dependencies(Path classes) throws IOException {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('\\', '/');
                String from = packageOf(name.substring(0, name.length() - ".class".length()));
                Set<String> targets = graph.computeIfAbsent(from, key -> new TreeSet<>());
                try (InputStream in = Files.newInputStream(file)) {
                    for (String referenced : referencedTypes(in)) {
                        String to = packageOf(referenced);
                        if (!to.equals(from)) {
                            targets.add(to);
                        }
                    }
                }
            }
        }
        return graph;
    }

    private static String packageOf(String internalName) {
        return internalName.substring(0, internalName.lastIndexOf('/')).replace('/', '.');
    }

    /** The dev.vigil types a class file names in its constant pool (class entries, descriptors, signatures), string literals aside. */
    private static Set<String> referencedTypes(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        if (data.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        data.readUnsignedShort();
        data.readUnsignedShort();
        int count = data.readUnsignedShort();
        String[] utf8 = new String[count];
        Set<Integer> literals = new HashSet<>();
        for (int i = 1; i < count; i++) {
            int tag = data.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = data.readUTF();
                case 3, 4 -> data.readInt();
                case 5, 6 -> {
                    data.readLong();
                    i++; // takes two slots
                }
                case 7, 16, 19, 20 -> data.readUnsignedShort();
                case 8 -> literals.add(data.readUnsignedShort());
                case 9, 10, 11, 12, 17, 18 -> data.readInt();
                case 15 -> {
                    data.readUnsignedByte();
                    data.readUnsignedShort();
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        Set<String> types = new HashSet<>();
        for (int i = 1; i < count; i++) {
            if (utf8[i] != null && !literals.contains(i)) {
                Matcher matcher = TYPE.matcher(utf8[i]);
                while (matcher.find()) {
                    types.add(matcher.group());
                }
            }
        }
        return types;
    }

    /** Tarjan's strongly connected components. */
    private static List<Set<String>> stronglyConnected(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new HashSet<>();
        List<Set<String>> components = new ArrayList<>();
        int[] next = {0};
        for (String node : graph.keySet()) {
            if (!index.containsKey(node)) {
                connect(node, graph, index, low, stack, onStack, components, next);
            }
        }
        return components;
    }

    private static void connect(String node, Map<String, Set<String>> graph, Map<String, Integer> index,
            Map<String, Integer> low, Deque<String> stack, Set<String> onStack, List<Set<String>> components, int[] next) {
        index.put(node, next[0]);
        low.put(node, next[0]);
        next[0]++;
        stack.push(node);
        onStack.add(node);
        for (String target : graph.getOrDefault(node, Set.of())) {
            if (!index.containsKey(target)) {
                connect(target, graph, index, low, stack, onStack, components, next);
                low.put(node, Math.min(low.get(node), low.get(target)));
            } else if (onStack.contains(target)) {
                low.put(node, Math.min(low.get(node), index.get(target)));
            }
        }
        if (low.get(node).equals(index.get(node))) {
            Set<String> component = new TreeSet<>();
            String member;
            do {
                member = stack.pop();
                onStack.remove(member);
                component.add(member);
            } while (!member.equals(node));
            components.add(component);
        }
    }

    private static String describe(List<Set<String>> cycles, Map<String, Set<String>> graph) {
        StringBuilder text = new StringBuilder();
        for (Set<String> cycle : cycles) {
            text.append('\n').append(cycle).append(':');
            for (String from : cycle) {
                for (String to : graph.getOrDefault(from, Set.of())) {
                    if (cycle.contains(to)) {
                        text.append("\n  ").append(from).append(" -> ").append(to);
                    }
                }
            }
        }
        return text.toString();
    }
}
