// SPDX-License-Identifier: Apache-2.0
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Writes THIRD-PARTY.txt for an installer from the jars it bundles: each jar with its version and
 * licence, then the licence and notice texts the jars carry (META-INF/LICENSE, NOTICE, ONNX Runtime's
 * ThirdPartyNotices.txt), PixelMed's copyright file from its Debian package, and the Java runtime's
 * own legal folder is shipped by jlink beside it. A jar this table does not know fails the packaging,
 * so a new dependency cannot ship without its licence being looked at.
 *
 * <p>Usage: {@code java ThirdParty.java OUT.txt PIXELMED_COPYRIGHT JAR...} (run by packaging/package.sh).
 */
public class ThirdParty {

    /** Artifact name (the jar's name without version) → project, licence, where the licence is. */
    private static final Map<String, String[]> KNOWN = new LinkedHashMap<>();

    static {
        known("controlsfx", "ControlsFX", "BSD 3-Clause", "https://github.com/controlsfx/controlsfx/blob/master/license.txt");
        known("flyway-core", "Flyway Community (Redgate)", "Apache License 2.0", "https://github.com/flyway/flyway/blob/main/LICENSE.txt");
        known("jackson-annotations", "Jackson", "Apache License 2.0", "https://github.com/FasterXML/jackson/blob/main/LICENSE");
        known("jackson-core", "Jackson", "Apache License 2.0 (bundles FastDoubleParser, MIT; see its notice below)",
                "https://github.com/FasterXML/jackson/blob/main/LICENSE");
        known("ij", "ImageJ 1.x (NIH)", "Public domain (17 U.S.C. 105; the NIH ImageJ disclaimer)",
                "https://github.com/imagej/ImageJ/blob/master/LICENSE.txt");
        known("jackson-databind", "Jackson", "Apache License 2.0", "https://github.com/FasterXML/jackson/blob/main/LICENSE");
        known("jai-imageio-core", "Java Advanced Imaging Image I/O Tools", "BSD 3-Clause (Sun Microsystems)",
                "https://github.com/jai-imageio/jai-imageio-core/blob/master/LICENSE.txt");
        known("jai-imageio-jpeg2000", "JAI Image I/O JPEG 2000", "BSD 3-Clause (Sun Microsystems) with the JJ2000 licence",
                "https://github.com/jai-imageio/jai-imageio-jpeg2000/blob/master/LICENSE-JJ2000.txt");
        known("javafx-base", "OpenJFX", "GPL 2.0 with the Classpath Exception", "https://openjdk.org/legal/gplv2+ce.html");
        known("javafx-controls", "OpenJFX", "GPL 2.0 with the Classpath Exception", "https://openjdk.org/legal/gplv2+ce.html");
        known("javafx-graphics", "OpenJFX", "GPL 2.0 with the Classpath Exception", "https://openjdk.org/legal/gplv2+ce.html");
        known("openjfx-monocle", "OpenJFX Monocle (TestFX build)", "GPL 2.0 with the Classpath Exception",
                "https://github.com/TestFX/Monocle/blob/master/LICENSE");
        known("logback-classic", "Logback", "EPL 1.0 or LGPL 2.1 (dual)", "https://logback.qos.ch/license.html");
        known("logback-core", "Logback", "EPL 1.0 or LGPL 2.1 (dual)", "https://logback.qos.ch/license.html");
        known("onnxruntime", "ONNX Runtime (Microsoft), CPU build", "MIT; third-party notices below",
                "https://github.com/microsoft/onnxruntime/blob/main/LICENSE");
        known("onnxruntime_gpu", "ONNX Runtime (Microsoft), CUDA build", "MIT; third-party notices below",
                "https://github.com/microsoft/onnxruntime/blob/main/LICENSE");
        known("picocli", "picocli", "Apache License 2.0", "https://github.com/remkop/picocli/blob/main/LICENSE");
        known("pixelmed", "PixelMed Java DICOM Toolkit (PixelMed Publishing)", "BSD-style; full text below",
                "http://www.dclunie.com/pixelmed/software/");
        known("pixelmed-imageio", "PixelMed Image I/O (PixelMed Publishing)", "BSD-style; full text below",
                "http://www.dclunie.com/pixelmed/software/");
        known("protobuf-java", "Protocol Buffers (Google)", "BSD 3-Clause", "https://github.com/protocolbuffers/protobuf/blob/main/LICENSE");
        known("slf4j-api", "SLF4J", "MIT", "https://www.slf4j.org/license.html");
        known("sqlite-jdbc", "SQLite JDBC (xerial), with SQLite (public domain)", "Apache License 2.0",
                "https://github.com/xerial/sqlite-jdbc/blob/master/LICENSE");
        known("vecmath", "Java 3D vecmath", "GPL 2.0 with the Classpath Exception", "https://github.com/hharrison/vecmath");
    }

    private static void known(String artifact, String project, String licence, String url) {
        KNOWN.put(artifact, new String[] {project, licence, url});
    }

    private static final String ORT_LICENSE = """
            MIT License

            Copyright (c) Microsoft Corporation

            Permission is hereby granted, free of charge, to any person obtaining a copy
            of this software and associated documentation files (the "Software"), to deal
            in the Software without restriction, including without limitation the rights
            to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
            copies of the Software, and to permit persons to whom the Software is
            furnished to do so, subject to the following conditions:

            The above copyright notice and this permission notice shall be included in all
            copies or substantial portions of the Software.

            THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
            IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
            FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
            AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
            LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
            OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
            SOFTWARE.
            """;

    private static final Pattern JAR = Pattern.compile("(.+?)-(\\d[^-]*(?:-SNAPSHOT)?)(?:-(linux|mac|win)[^.]*)?\\.jar");
    private static final Pattern NOTICE = Pattern.compile("(?i)(META-INF/)?(maven/.*/)?([A-Za-z-]*LICENSE[^/]*|NOTICE[^/]*|ThirdPartyNotices\\.txt)");

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: java ThirdParty.java OUT.txt PIXELMED_COPYRIGHT JAR...");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        Path pixelmedCopyright = Path.of(args[1]);
        StringBuilder list = new StringBuilder();
        StringBuilder texts = new StringBuilder();
        List<String> unknown = new ArrayList<>();
        boolean pixelmed = false;
        boolean onnxRuntime = false;
        for (int i = 2; i < args.length; i++) {
            Path jar = Path.of(args[i]);
            Matcher m = JAR.matcher(jar.getFileName().toString());
            if (!m.matches()) {
                unknown.add(jar.getFileName().toString());
                continue;
            }
            String artifact = m.group(1);
            if (artifact.startsWith("lumen-")) {
                continue; // Lumen's own modules: Apache License 2.0, like this file
            }
            String[] known = KNOWN.get(artifact);
            if (known == null) {
                unknown.add(jar.getFileName().toString());
                continue;
            }
            pixelmed |= artifact.startsWith("pixelmed");
            onnxRuntime |= artifact.startsWith("onnxruntime");
            list.append(String.format("%-28s %-14s %s%n    %s%n    %s%n", artifact, m.group(2), known[0], known[1], known[2]));
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                for (ZipEntry e : zip.stream().filter(e -> !e.isDirectory()).toList()) {
                    String name = e.getName();
                    if (name.contains("/") && !name.startsWith("META-INF/")) {
                        continue; // package-internal files named like licences (Flyway's licence classes)
                    }
                    String base = name.substring(name.lastIndexOf('/') + 1);
                    if (!NOTICE.matcher(base).matches() || base.endsWith(".class")) {
                        continue;
                    }
                    try (InputStream in = zip.getInputStream(e)) {
                        texts.append("\n==== ").append(jar.getFileName()).append(": ").append(name).append(" ====\n\n")
                                .append(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip()).append('\n');
                    }
                }
            }
        }
        if (!unknown.isEmpty()) {
            System.err.println("ThirdParty: no licence recorded for " + unknown
                    + "; add it to packaging/src/tools/ThirdParty.java after checking its licence");
            System.exit(1);
        }
        if (onnxRuntime) {
            // The jar carries the notices of what ONNX Runtime bundles, not ONNX Runtime's own licence.
            texts.append("\n==== ONNX Runtime's own licence (github.com/microsoft/onnxruntime/blob/main/LICENSE) ====\n\n")
                    .append(ORT_LICENSE);
        }
        if (pixelmed) {
            if (!Files.isRegularFile(pixelmedCopyright)) {
                System.err.println("ThirdParty: PixelMed's licence text " + pixelmedCopyright
                        + " is missing (it comes with the Debian package libpixelmed-java)");
                System.exit(1);
            }
            texts.append("\n==== PixelMed (libpixelmed-java, Debian copyright file) ====\n\n")
                    .append(Files.readString(pixelmedCopyright).strip()).append('\n');
        }
        String text = """
                Lumen bundles the following third-party software. Lumen itself is licensed under the
                Apache License 2.0. The Java runtime in lib/runtime is OpenJDK (GPL 2.0 with the
                Classpath Exception); its notices are in lib/runtime/legal.

                """ + list + "\nLicence and notice texts shipped inside the bundled jars follow.\n" + texts;
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
