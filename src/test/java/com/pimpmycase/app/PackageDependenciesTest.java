package com.pimpmycase.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * The packages of src/main form no cycle: features depend on the shared packages (token, web,
 * api, config, db), never the other way round, and only the composition root (app) sees them all.
 * Read from the sources' import and same-package-free references, so it needs no library.
 */
class PackageDependenciesTest {

    private static final Path SOURCES = Path.of("src/main/java/com/pimpmycase");
    private static final Pattern REFERENCE = Pattern.compile("\\bcom\\.pimpmycase\\.([a-z]+)\\.");

    @Test
    void noPackageCycles() throws IOException {
        Map<String, Set<String>> uses = dependencies();
        assertTrue(uses.size() >= 10, "packages found: " + uses.keySet());
        List<String> cycles = new ArrayList<>();
        for (String from : uses.keySet()) {
            for (String to : uses.get(from)) {
                if (reaches(uses, to, from, new TreeSet<>())) {
                    cycles.add(from + " -> " + to + " -> … -> " + from);
                }
            }
        }
        assertEquals(List.of(), cycles, "package dependencies: " + uses);
    }

    @Test
    void onlyTheCompositionRootDependsOnItself() throws IOException {
        Map<String, Set<String>> uses = dependencies();
        uses.forEach((from, to) -> assertTrue(!to.contains("app"), from + " depends on app"));
        assertTrue(uses.get("app").containsAll(Set.of("image", "order", "api", "config")), uses.get("app").toString());
    }

    /** package → the other packages of ours it names. */
    static Map<String, Set<String>> dependencies() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String pkg = SOURCES.relativize(file).getName(0).toString();
                Set<String> targets = uses.computeIfAbsent(pkg, k -> new TreeSet<>());
                Matcher m = REFERENCE.matcher(Files.readString(file));
                while (m.find()) {
                    if (!m.group(1).equals(pkg)) {
                        targets.add(m.group(1));
                    }
                }
            }
        }
        return uses;
    }

    private static boolean reaches(Map<String, Set<String>> uses, String from, String target, Set<String> seen) {
        if (from.equals(target)) {
            return true;
        }
        if (!seen.add(from)) {
            return false;
        }
        for (String next : uses.getOrDefault(from, Set.of())) {
            if (reaches(uses, next, target, seen)) {
                return true;
            }
        }
        return false;
    }
}
