package com.pimpmycase.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** conf/ shows operators every manufacturer entry the loader reads (SPEC §7: "bind all of these"). */
class ConfFilesTest {

    static List<String> manufacturerEntries() throws IllegalAccessException {
        List<String> names = new ArrayList<>();
        for (Field field : ServiceConfigLoader.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
                    && field.getName().startsWith("MANUFACTURER_")) {
                names.add((String) field.get(null));
            }
        }
        return names;
    }

    @ParameterizedTest
    @ValueSource(strings = {"conf/tomcat/ROOT.xml", "conf/jetty/pimpmycase.xml"})
    void everyManufacturerEntryIsShown(String file) throws Exception {
        String text = Files.readString(Path.of(file));
        List<String> entries = manufacturerEntries();
        assertTrue(entries.size() >= 22, entries.toString()); // the reflection still finds them all
        for (String entry : entries) {
            assertTrue(text.contains(entry), file + " lacks " + entry);
        }
    }
}
