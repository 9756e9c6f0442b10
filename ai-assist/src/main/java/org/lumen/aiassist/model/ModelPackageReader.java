// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import org.lumen.aiassist.onnx.OnnxFormatException;
import org.lumen.aiassist.onnx.OnnxGraphInfo;
import org.lumen.aiassist.onnx.OnnxGraphReader;
import org.lumen.aiassist.runtime.DeviceRequest;
import org.lumen.aiassist.runtime.InferenceSession;
import org.lumen.aiassist.runtime.ModelLoadException;

/**
 * Opens a model package (a folder, or a zip extracted into the cache) and checks it in the order a
 * user can act on: card present and complete, ONNX file present, checksum, valid ONNX, card
 * contract against the graph; {@link #verify} then loads it into ONNX Runtime on the CPU, which
 * finds operators it cannot run. Each refusal is one sentence naming the package.
 */
public final class ModelPackageReader {

    public static final String CARD = "model.json";
    public static final String MONAI_METADATA = "configs/metadata.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ZipPackages zips;

    /** @param extractRoot where zipped packages are unpacked (a cache folder) */
    public ModelPackageReader(Path extractRoot) {
        this.zips = new ZipPackages(extractRoot);
    }

    /** Reads and checks a package without loading it into ONNX Runtime. */
    public ModelPackage read(Path source) throws ModelRefusedException {
        return read(source, false);
    }

    ModelPackage read(Path source, boolean bundled) throws ModelRefusedException {
        Objects.requireNonNull(source, "source");
        if (!Files.exists(source)) {
            throw new ModelRefusedException(Refusal.MISSING_FILE, source, "it does not exist");
        }
        Path folder = Files.isDirectory(source) ? source : zips.extract(source);
        Path cardFile = folder.resolve(CARD);
        if (!Files.isRegularFile(cardFile)) {
            throw new ModelRefusedException(Refusal.MISSING_FILE, source, "it has no " + CARD + " model card");
        }
        JsonNode cardJson = parse(source, cardFile, CARD);
        Path monaiFile = folder.resolve(MONAI_METADATA);
        JsonNode monai = Files.isRegularFile(monaiFile) ? parse(source, monaiFile, MONAI_METADATA) : null;
        ModelCard card = new ModelCardReader(source).read(cardJson, monai);

        Path onnx = folder.resolve(card.file()).normalize();
        if (!onnx.startsWith(folder.normalize())) {
            throw new ModelRefusedException(Refusal.INVALID_CARD, source, "its card points outside the package: " + card.file());
        }
        if (!Files.isRegularFile(onnx)) {
            throw new ModelRefusedException(Refusal.MISSING_FILE, source, "the ONNX file " + card.file() + " named by its card is missing");
        }
        try {
            // A link inside the package to a file outside it passes the path check above: its real path decides.
            if (!onnx.toRealPath().startsWith(folder.toRealPath())) {
                throw new ModelRefusedException(Refusal.INVALID_CARD, source, "its ONNX file " + card.file()
                        + " is a link to a file outside the package (" + onnx.toRealPath() + ")");
            }
        } catch (IOException e) {
            throw new ModelRefusedException(Refusal.MISSING_FILE, source, "cannot read " + card.file() + ": " + e.getMessage(), e);
        }
        String actual = sha256(source, onnx);
        if (!actual.equals(card.sha256())) {
            throw new ModelRefusedException(Refusal.CHECKSUM_MISMATCH, source, "the sha256 of " + card.file() + " is "
                    + actual + " but its card says " + card.sha256() + ": the file is damaged or is not the one the card describes");
        }
        OnnxGraphInfo graph;
        try {
            graph = new OnnxGraphReader().read(onnx);
        } catch (OnnxFormatException e) {
            throw new ModelRefusedException(Refusal.NOT_ONNX, source, e.getMessage(), e);
        } catch (IOException e) {
            throw new ModelRefusedException(Refusal.MISSING_FILE, source, "cannot read " + card.file() + ": " + e.getMessage(), e);
        }
        ContractCheck.Resolved resolved = new ContractCheck(source, card, graph).check();
        return new ModelPackage(source, folder, card.withContracts(resolved.input(), resolved.output()), onnx, graph,
                resolved.batchSize(), bundled);
    }

    /**
     * Reads, checks, and loads the package into ONNX Runtime on the CPU: what {@code lumen models
     * verify} does. Unsupported operators are found here.
     */
    public ModelPackage verify(Path source) throws ModelRefusedException {
        ModelPackage pkg = read(source);
        verifyLoads(pkg);
        return pkg;
    }

    /** Loads a package that was read into ONNX Runtime on the CPU, and closes it again. */
    public static void verifyLoads(ModelPackage pkg) throws ModelRefusedException {
        try (InferenceSession session = InferenceSession.open(pkg.onnxFile(), DeviceRequest.CPU)) {
            session.device();
        } catch (ModelLoadException e) {
            throw refusal(pkg.source(), e);
        } catch (org.lumen.aiassist.runtime.DeviceUnavailableException e) {
            throw new IllegalStateException("the CPU is always available", e);
        }
    }

    /** The refusal for a model ONNX Runtime would not load. */
    public static ModelRefusedException refusal(Path source, ModelLoadException e) {
        return new ModelRefusedException(e.operator() != null ? Refusal.UNSUPPORTED_OPERATOR : Refusal.NOT_LOADABLE,
                source, e.getMessage(), e);
    }

    private static JsonNode parse(Path source, Path file, String name) throws ModelRefusedException {
        try {
            return JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new ModelRefusedException(Refusal.INVALID_CARD, source, name + " is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ModelRefusedException(Refusal.MISSING_FILE, source, "cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    /** The lowercase hex sha256 of a file. */
    public static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String sha256(Path source, Path file) throws ModelRefusedException {
        try {
            return sha256(file);
        } catch (IOException e) {
            throw new ModelRefusedException(Refusal.MISSING_FILE, source, "cannot read " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }
}
