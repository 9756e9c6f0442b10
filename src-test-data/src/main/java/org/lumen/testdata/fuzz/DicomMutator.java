// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata.fuzz;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.lumen.testdata.fuzz.DicomLayout.Element;
import org.lumen.testdata.fuzz.DicomLayout.Fragment;
import org.lumen.testdata.fuzz.Mutation.Kind;

/**
 * Seeded damage to a DICOM file, one {@link Kind} at a time: the same sample, kind and seed always give the same
 * bytes, so a failure found by {@code lumen bench --only fuzz} or the fuzz tests reproduces from its seed.
 */
public final class DicomMutator {

    private static final int IMAGE_POSITION = 0x00200032;
    private static final int IMAGE_ORIENTATION = 0x00200037;
    private static final int PIXEL_SPACING = 0x00280030;
    private static final int SLICE_THICKNESS = 0x00180050;
    private static final int ROWS = 0x00280010;
    private static final int COLUMNS = 0x00280011;
    private static final int NUMBER_OF_FRAMES = 0x00280008;
    private static final int BITS_ALLOCATED = 0x00280100;
    private static final int SAMPLES_PER_PIXEL = 0x00280002;
    private static final int RESCALE_SLOPE = 0x00281053;
    private static final int RESCALE_INTERCEPT = 0x00281052;
    private static final int WINDOW_CENTER = 0x00281050;
    private static final int WINDOW_WIDTH = 0x00281051;
    private static final int REFERENCED_IMAGES = 0x00081140;

    private static final String[] ORIENTATIONS = {"1e308\\1e308\\0\\0\\1e308\\1e308", "0\\0\\0\\0\\0\\0", "1\\0\\0\\1\\0\\0",
        "NaN\\0\\0\\0\\1\\0", "1\\0\\0\\0\\Infinity\\0", "-1e308\\1e-308\\0\\0\\1\\0", "1\\0", "1e-320\\0\\0\\0\\1e-320\\0"};
    private static final String[] POSITIONS = {"1e308\\1e308\\1e308", "NaN\\0\\0", "-Infinity\\0\\0", "0"};
    private static final String[] SPACINGS = {"0\\0", "1e-308\\1e-308", "1e308\\1e308", "-1\\-1", "NaN\\1", "1"};
    private static final String[] NON_FINITE = {"NaN", "Infinity", "-Infinity", "1e308", "-1e308", "4.9e-324", "-0"};

    private DicomMutator() { }

    /** A damaged copy of {@code original}; a kind that does not apply to the file (no fragments) falls back to byte damage. */
    public static Mutation mutate(byte[] original, Kind kind, long seed) {
        Random random = new Random(seed * 1_000_003L + kind.ordinal());
        Optional<DicomLayout> layout = DicomLayout.of(original);
        Optional<Mutation> result = switch (kind) {
            case GEOMETRY -> layout.map(l -> geometry(original, l, random));
            case SIZES -> layout.map(l -> sizes(original, l, random));
            case NON_FINITE -> layout.map(l -> nonFinite(original, l, random));
            case CUT -> Optional.of(cut(original, layout, random));
            case STALE_FRAGMENTS -> layout.filter(l -> l.fragments().size() > 1).map(l -> staleFragments(original, l, random));
            case BYTES -> Optional.empty();
        };
        return result.orElseGet(() -> bytes(original, layout, random));
    }

    /** {@code original} with one text element (DS, IS, ...) set to {@code text}: a named damage for a regression test. */
    public static byte[] withText(byte[] original, int tag, String vr, String text) {
        DicomLayout layout = DicomLayout.of(original).orElseThrow(() -> new IllegalArgumentException("not a Part 10 file this fuzzer can walk"));
        return replace(original, layout, Kind.GEOMETRY, tag, vr, text).bytes();
    }

    private static Mutation geometry(byte[] file, DicomLayout layout, Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> replace(file, layout, Kind.GEOMETRY, IMAGE_ORIENTATION, "DS", pick(ORIENTATIONS, random));
            case 1 -> replace(file, layout, Kind.GEOMETRY, IMAGE_POSITION, "DS", pick(POSITIONS, random));
            default -> replace(file, layout, Kind.GEOMETRY, PIXEL_SPACING, "DS", pick(SPACINGS, random));
        };
    }

    private static Mutation nonFinite(byte[] file, DicomLayout layout, Random random) {
        int[] tags = {RESCALE_SLOPE, RESCALE_INTERCEPT, WINDOW_CENTER, WINDOW_WIDTH, SLICE_THICKNESS, PIXEL_SPACING};
        int tag = tags[random.nextInt(tags.length)];
        String value = pick(NON_FINITE, random);
        return replace(file, layout, Kind.NON_FINITE, tag, "DS", tag == PIXEL_SPACING ? value + "\\" + value : value);
    }

    private static Mutation sizes(byte[] file, DicomLayout layout, Random random) {
        switch (random.nextInt(6)) {
            case 0 -> {
                int tag = random.nextBoolean() ? ROWS : COLUMNS;
                return replaceBinary(file, layout, tag, random.nextBoolean() ? 0xFFFF : 0);
            }
            case 1 -> {
                return replace(file, layout, Kind.SIZES, NUMBER_OF_FRAMES, "IS",
                        pick(new String[] {"2147483647", "0", "-1", "99999999999", "65536"}, random));
            }
            case 2 -> {
                int tag = random.nextBoolean() ? BITS_ALLOCATED : SAMPLES_PER_PIXEL;
                return replaceBinary(file, layout, tag, pick(new int[] {0, 3, 64, 255, 0xFFFF}, random));
            }
            case 3 -> {
                return hugeSequence(file, layout, 20_000 + random.nextInt(100_000));
            }
            default -> {
                return lengthPastTheEnd(file, layout, random);
            }
        }
    }

    /** An element whose length field claims more bytes than follow it (how a 119 KB file made Lumen ask for gigabytes). */
    private static Mutation lengthPastTheEnd(byte[] file, DicomLayout layout, Random random) {
        List<Element> data = layout.elements().stream().filter(e -> e.group() != 0x0002 && e.length() >= 0).toList();
        if (data.isEmpty()) {
            return bytes(file, Optional.of(layout), random);
        }
        Element target = data.get(random.nextInt(data.size()));
        byte[] damaged = file.clone();
        boolean shortLength = layout.explicitVr() && target.valueStart() - target.start() == 8;
        long claimed = shortLength ? 0xFFFE : pick(new long[] {0x7FFFFFF0L, 0xFFFFFFF0L, 0x40000000L, file.length}, random);
        int lengthAt = shortLength ? target.start() + 6 : target.valueStart() - 4;
        ByteBuffer buffer = ByteBuffer.wrap(damaged).order(layout.order());
        if (shortLength) {
            buffer.putShort(lengthAt, (short) claimed);
        } else {
            buffer.putInt(lengthAt, (int) claimed);
        }
        return new Mutation(Kind.SIZES, String.format("length of (%04X,%04X) set to %d", target.group(), target.tag() & 0xFFFF, claimed), damaged);
    }

    /** A Referenced Image Sequence of {@code items} empty items: the 5-million-item sequence, smaller. */
    private static Mutation hugeSequence(byte[] file, DicomLayout layout, int items) {
        ByteBuffer element = ByteBuffer.allocate(12 + items * 8 + 8).order(layout.order());
        putTag(element, REFERENCED_IMAGES);
        if (layout.explicitVr()) {
            element.put("SQ".getBytes(StandardCharsets.US_ASCII)).putShort((short) 0);
        }
        element.putInt(-1);
        for (int i = 0; i < items; i++) {
            putTag(element, 0xFFFEE000);
            element.putInt(0);
        }
        putTag(element, 0xFFFEE0DD);
        element.putInt(0);
        byte[] value = Arrays.copyOf(element.array(), element.position());
        Optional<Element> existing = layout.find(REFERENCED_IMAGES).filter(e -> e.length() >= 0);
        int at = existing.map(Element::start).orElse(layout.insertionPoint(REFERENCED_IMAGES));
        int end = existing.map(e -> (int) (e.valueStart() + e.length())).orElse(at);
        if (layout.find(REFERENCED_IMAGES).filter(e -> e.length() < 0).isPresent()) {
            return bytes(file, Optional.of(layout), new Random(items));
        }
        return new Mutation(Kind.SIZES, "a sequence of " + items + " empty items", splice(file, at, end, value));
    }

    private static Mutation cut(byte[] file, Optional<DicomLayout> layout, Random random) {
        int from = 132;
        Optional<Element> pixels = layout.flatMap(l -> l.find(DicomLayout.PIXEL_DATA));
        if (pixels.isPresent() && random.nextInt(3) > 0) {
            from = pixels.get().valueStart();
        }
        int at = from + random.nextInt(Math.max(1, file.length - from));
        return new Mutation(Kind.CUT, "cut at byte " + at + " of " + file.length, Arrays.copyOf(file, at));
    }

    private static Mutation staleFragments(byte[] file, DicomLayout layout, Random random) {
        List<Fragment> fragments = layout.fragments();
        Fragment target = fragments.get(1 + random.nextInt(fragments.size() - 1));
        byte[] damaged = file.clone();
        ByteBuffer buffer = ByteBuffer.wrap(damaged).order(layout.order());
        switch (random.nextInt(5)) {
            case 0 -> {
                buffer.putInt(target.start() + 4, 0x7FFFFFF0);
                return new Mutation(Kind.STALE_FRAGMENTS, "fragment at " + target.start() + " claims 2 GB", damaged);
            }
            case 1 -> {
                // The frame's first half kept, the rest zeros: a frame cut short inside an intact file.
                Arrays.fill(damaged, target.valueStart() + target.length() / 2, target.valueStart() + target.length(), (byte) 0);
                return new Mutation(Kind.STALE_FRAGMENTS, "fragment at " + target.start() + " zeroed after its first half", damaged);
            }
            case 2 -> {
                byte[] shorter = splice(file, target.valueStart() + target.length() / 3, target.valueStart() + target.length(), new byte[0]);
                ByteBuffer.wrap(shorter).order(layout.order()).putInt(target.start() + 4, target.length() / 3 & ~1);
                return new Mutation(Kind.STALE_FRAGMENTS, "fragment at " + target.start() + " cut to a third", shorter);
            }
            case 3 -> {
                Fragment table = fragments.getFirst();
                for (int i = 0; i + 4 <= table.length(); i += 4) {
                    buffer.putInt(table.valueStart() + i, random.nextInt());
                }
                return new Mutation(Kind.STALE_FRAGMENTS, "basic offset table filled with random offsets", damaged);
            }
            default -> {
                Fragment other = fragments.get(1 + random.nextInt(fragments.size() - 1));
                int count = Math.min(other.length(), target.length());
                System.arraycopy(file, other.valueStart(), damaged, target.valueStart(), count);
                return new Mutation(Kind.STALE_FRAGMENTS, "fragment at " + target.start() + " overwritten by the one at " + other.start(), damaged);
            }
        }
    }

    private static Mutation bytes(byte[] file, Optional<DicomLayout> layout, Random random) {
        byte[] damaged = file.clone();
        int end = Math.min(file.length, layout.flatMap(l -> l.find(DicomLayout.PIXEL_DATA)).map(Element::valueStart).orElse(6000));
        int flips = 1 + random.nextInt(8);
        for (int i = 0; i < flips && end > 132; i++) {
            damaged[132 + random.nextInt(end - 132)] = (byte) random.nextInt();
        }
        return new Mutation(Kind.BYTES, flips + " header byte(s) changed", damaged);
    }

    /** Puts a text value in place of (or in addition to) {@code tag}. */
    private static Mutation replace(byte[] file, DicomLayout layout, Kind kind, int tag, String vr, String text) {
        byte[] value = text.getBytes(StandardCharsets.US_ASCII);
        if (value.length % 2 == 1) {
            value = Arrays.copyOf(value, value.length + 1);
            value[value.length - 1] = ' ';
        }
        return new Mutation(kind, String.format("(%04X,%04X) = %s", tag >>> 16, tag & 0xFFFF, text), put(file, layout, tag, vr, value));
    }

    private static Mutation replaceBinary(byte[] file, DicomLayout layout, int tag, int unsignedShort) {
        byte[] value = ByteBuffer.allocate(2).order(layout.order()).putShort((short) unsignedShort).array();
        return new Mutation(Kind.SIZES, String.format("(%04X,%04X) = %d", tag >>> 16, tag & 0xFFFF, unsignedShort), put(file, layout, tag, "US", value));
    }

    private static byte[] put(byte[] file, DicomLayout layout, int tag, String vr, byte[] value) {
        ByteBuffer element = ByteBuffer.allocate(8 + value.length).order(layout.order());
        putTag(element, tag);
        if (layout.explicitVr()) {
            element.put(vr.getBytes(StandardCharsets.US_ASCII)).putShort((short) value.length);
        } else {
            element.putInt(value.length);
        }
        element.put(value);
        Optional<Element> existing = layout.find(tag).filter(e -> e.length() >= 0);
        int at = existing.map(Element::start).orElse(layout.insertionPoint(tag));
        int end = existing.map(e -> (int) (e.valueStart() + e.length())).orElse(at);
        return splice(file, at, end, element.array());
    }

    private static void putTag(ByteBuffer buffer, int tag) {
        buffer.putShort((short) (tag >>> 16)).putShort((short) tag);
    }

    private static byte[] splice(byte[] file, int from, int to, byte[] insert) {
        byte[] out = new byte[file.length - (to - from) + insert.length];
        System.arraycopy(file, 0, out, 0, from);
        System.arraycopy(insert, 0, out, from, insert.length);
        System.arraycopy(file, to, out, from + insert.length, file.length - to);
        return out;
    }

    private static String pick(String[] values, Random random) { return values[random.nextInt(values.length)]; }

    private static int pick(int[] values, Random random) { return values[random.nextInt(values.length)]; }

    private static long pick(long[] values, Random random) { return values[random.nextInt(values.length)]; }

}
