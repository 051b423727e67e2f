package com.pimpmycase.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The operator's context files of {@code conf/}, filled in for a test deployment: each JNDI entry
 * in the file gets the test's value, entries the test does not set are removed (so the WAR's
 * default applies), and entries missing from the file are added. This exercises the very files
 * the README tells operators to copy.
 */
public final class ContextFiles {

    private ContextFiles() {
    }

    public static Path conf() {
        return Path.of(System.getProperty("pimpmycase.conf", "conf"));
    }

    /** conf/tomcat/ROOT.xml with {@code <Environment name value type>} set from {@code entries}. */
    public static void writeTomcat(Map<String, Object> entries, Path target) throws Exception {
        Document doc = parse(conf().resolve("tomcat/ROOT.xml"));
        Map<String, Object> remaining = new LinkedHashMap<>(entries);
        NodeList environments = doc.getElementsByTagName("Environment");
        for (int i = environments.getLength() - 1; i >= 0; i--) {
            Element env = (Element) environments.item(i);
            String name = env.getAttribute("name");
            if (remaining.containsKey(name)) {
                Object value = remaining.remove(name);
                env.setAttribute("value", value.toString());
                env.setAttribute("type", value.getClass().getName());
            } else {
                env.getParentNode().removeChild(env);
            }
        }
        for (Map.Entry<String, Object> e : remaining.entrySet()) {
            Element env = doc.createElement("Environment");
            env.setAttribute("name", e.getKey());
            env.setAttribute("value", e.getValue().toString());
            env.setAttribute("type", e.getValue().getClass().getName());
            env.setAttribute("override", "false");
            doc.getDocumentElement().appendChild(env);
        }
        write(doc, target);
    }

    /** conf/jetty/pimpmycase.xml with each {@code EnvEntry}'s value set from {@code entries}. */
    public static void writeJetty(Map<String, Object> entries, Path target) throws Exception {
        Document doc = parse(conf().resolve("jetty/pimpmycase.xml"));
        Map<String, Object> remaining = new LinkedHashMap<>(entries);
        NodeList news = doc.getElementsByTagName("New");
        for (int i = news.getLength() - 1; i >= 0; i--) {
            Element entry = (Element) news.item(i);
            if (!"org.eclipse.jetty.plus.jndi.EnvEntry".equals(entry.getAttribute("class"))) {
                continue;
            }
            Element[] args = args(entry);
            String name = args[1].getTextContent().strip();
            if (remaining.containsKey(name)) {
                Object value = remaining.remove(name);
                args[2].setTextContent(value.toString());
                args[2].setAttribute("type", value.getClass().getName());
            } else {
                entry.getParentNode().removeChild(entry);
            }
        }
        for (Map.Entry<String, Object> e : remaining.entrySet()) {
            Element entry = doc.createElement("New");
            entry.setAttribute("class", "org.eclipse.jetty.plus.jndi.EnvEntry");
            Element scope = doc.createElement("Arg");
            Element ref = doc.createElement("Ref");
            ref.setAttribute("refid", "wac");
            scope.appendChild(ref);
            entry.appendChild(scope);
            entry.appendChild(arg(doc, null, e.getKey()));
            entry.appendChild(arg(doc, e.getValue().getClass().getName(), e.getValue().toString()));
            entry.appendChild(arg(doc, "boolean", "true"));
            doc.getDocumentElement().appendChild(entry);
        }
        write(doc, target);
    }

    private static Element arg(Document doc, String type, String text) {
        Element arg = doc.createElement("Arg");
        if (type != null) {
            arg.setAttribute("type", type);
        }
        arg.setTextContent(text);
        return arg;
    }

    private static Element[] args(Element entry) {
        Element[] args = new Element[4];
        int n = 0;
        for (Node child = entry.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && element.getTagName().equals("Arg") && n < args.length) {
                args[n++] = element;
            }
        }
        return args;
    }

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        // Jetty's DOCTYPE names a DTD on the web; this machine has no web and needs no DTD.
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        DocumentBuilder builder = factory.newDocumentBuilder();
        return builder.parse(file.toFile());
    }

    private static void write(Document doc, Path target) throws Exception {
        Transformer transformer = TransformerFactory.newInstance().newTransformer();
        if (doc.getDoctype() != null) {
            transformer.setOutputProperty(OutputKeys.DOCTYPE_PUBLIC, doc.getDoctype().getPublicId());
            transformer.setOutputProperty(OutputKeys.DOCTYPE_SYSTEM, doc.getDoctype().getSystemId());
        }
        Files.createDirectories(target.getParent());
        transformer.transform(new DOMSource(doc), new StreamResult(target.toFile()));
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
        }
    }
}
