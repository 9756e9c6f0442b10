// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.lumen.aiassist.demo.DemoModel;
import org.lumen.aiassist.demo.ImageDemoModels;

/**
 * The installed models: every folder or zip in the user's models folder, plus Lumen's bundled demo
 * models (the 3D one and the 2D ones, generated into the cache on first use). Packages are checked when listed; refused ones are
 * listed with their reason. A model is chosen by id ("demo" is the bundled one), or given as a path.
 */
public final class ModelRegistry {

    private final Path modelsFolder;
    private final Path bundledFolder;
    private final ModelPackageReader reader;

    /**
     * @param modelsFolder the user data folder's {@code models/} (need not exist)
     * @param cacheFolder  the user cache folder: zips are unpacked and the demo model is written there
     */
    public ModelRegistry(Path modelsFolder, Path cacheFolder) {
        this.modelsFolder = modelsFolder;
        this.bundledFolder = cacheFolder.resolve("bundled-models").resolve(DemoModel.ID + "-" + DemoModel.VERSION);
        this.reader = new ModelPackageReader(cacheFolder.resolve("models-unpacked"));
    }

    public Path modelsFolder() { return modelsFolder; }

    public ModelPackageReader reader() { return reader; }

    /** The bundled demo model, written on first use. */
    public ModelPackage demo() throws IOException, ModelRefusedException {
        DemoModel.ensure(bundledFolder);
        return reader.read(bundledFolder, true);
    }

    /** A bundled 2D demo model (mammography, chest radiograph, fundus), written on first use. */
    public ModelPackage imageDemo(ImageDemoModels.Kind kind) throws IOException, ModelRefusedException {
        Path folder = imageDemoFolder(kind);
        ImageDemoModels.ensure(kind, folder);
        return reader.read(folder, true);
    }

    private Path imageDemoFolder(ImageDemoModels.Kind kind) {
        return bundledFolder.resolveSibling(kind.id() + "-" + ImageDemoModels.VERSION);
    }

    /** The bundled demos first (the 3D one, then the 2D ones), then the models folder's packages by name. */
    public List<RegistryEntry> installed() throws IOException {
        List<RegistryEntry> entries = new ArrayList<>();
        try {
            entries.add(RegistryEntry.valid(demo()));
        } catch (ModelRefusedException e) {
            entries.add(RegistryEntry.refused(bundledFolder, e));
        }
        for (ImageDemoModels.Kind kind : ImageDemoModels.Kind.values()) {
            try {
                entries.add(RegistryEntry.valid(imageDemo(kind)));
            } catch (ModelRefusedException e) {
                entries.add(RegistryEntry.refused(imageDemoFolder(kind), e));
            }
        }
        for (Path candidate : candidates()) {
            try {
                entries.add(RegistryEntry.valid(reader.read(candidate)));
            } catch (ModelRefusedException e) {
                entries.add(RegistryEntry.refused(candidate, e));
            }
        }
        return entries;
    }

    /**
     * The model a user named: "demo", an installed model's id (the highest version when several
     * are installed; "id@version" for one), or a folder or zip path.
     *
     * @throws ModelRefusedException when the named package fails its checks
     * @throws IllegalArgumentException when nothing has that name, listing what is installed
     */
    public ModelPackage resolve(String name) throws IOException, ModelRefusedException {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("no model named: use demo, an installed model's id, or a package folder or zip");
        }
        if (name.equals(DemoModel.ALIAS) || name.equals(DemoModel.ID)) {
            return demo();
        }
        for (ImageDemoModels.Kind kind : ImageDemoModels.Kind.values()) {
            if (name.equals(kind.alias()) || name.equals(kind.id())) {
                return imageDemo(kind);
            }
        }
        Path path = Path.of(name);
        if (Files.exists(path)) {
            return reader.read(path);
        }
        String id = name.contains("@") ? name.substring(0, name.indexOf('@')) : name;
        String version = name.contains("@") ? name.substring(name.indexOf('@') + 1) : null;
        List<RegistryEntry> entries = installed();
        Optional<ModelPackage> match = entries.stream().filter(RegistryEntry::isValid).map(RegistryEntry::model)
                .filter(m -> m.id().equals(id) && (version == null || m.version().equals(version)))
                .max(Comparator.comparing(ModelPackage::version, ModelRegistry::compareVersions));
        if (match.isPresent()) {
            return match.get();
        }
        Optional<RegistryEntry> refused = entries.stream().filter(e -> !e.isValid())
                .filter(e -> e.source().getFileName().toString().startsWith(id)).findFirst();
        if (refused.isPresent()) {
            throw refused.get().refusal();
        }
        List<String> ids = entries.stream().filter(RegistryEntry::isValid).map(e -> e.model().id() + " " + e.model().version()).toList();
        throw new IllegalArgumentException("no installed model '" + name + "' and no such folder or zip; installed: "
                + String.join(", ", ids) + " (see lumen models)");
    }

    private List<Path> candidates() throws IOException {
        if (!Files.isDirectory(modelsFolder)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(modelsFolder)) {
            return children.filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> Files.isDirectory(p) || p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip"))
                    .sorted().toList();
        }
    }

    /** Dotted versions compared number by number ("1.10" after "1.9"); other text compared as text. */
    static int compareVersions(String a, String b) {
        String[] x = a.split("[.-]");
        String[] y = b.split("[.-]");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            String p = i < x.length ? x[i] : "0";
            String q = i < y.length ? y[i] : "0";
            int c;
            if (p.matches("\\d{1,9}") && q.matches("\\d{1,9}")) {
                c = Integer.compare(Integer.parseInt(p), Integer.parseInt(q));
            } else {
                c = p.compareTo(q);
            }
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
