// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.image2d;

import java.util.ArrayList;
import java.util.List;

/**
 * Findings from a dense model's map: each 8-connected region at or above the class threshold is one
 * finding, scored by its highest value, centred on its value-weighted centroid, boxed by its extent,
 * in the image's pixels.
 */
public final class MapFindings {

    /** The most findings one map gives (the highest scores). */
    public static final int MAX_PER_MAP = 200;

    private MapFindings() { }

    public static List<ImageFinding> extract(Heatmap2D map, String imageUid, int frame) {
        int w = map.columns();
        int h = map.rows();
        float[] v = map.values();
        float threshold = (float) map.threshold();
        boolean[] seen = new boolean[v.length];
        int[] stack = new int[Math.max(16, v.length / 16)];
        List<ImageFinding> found = new ArrayList<>();
        int step = map.step();
        for (int start = 0; start < v.length; start++) {
            if (seen[start] || !(v[start] >= threshold)) {
                continue;
            }
            int top = 0;
            stack[top++] = start;
            seen[start] = true;
            double sum = 0;
            double sx = 0;
            double sy = 0;
            float peak = 0;
            int count = 0;
            int x0 = Integer.MAX_VALUE;
            int y0 = Integer.MAX_VALUE;
            int x1 = -1;
            int y1 = -1;
            while (top > 0) {
                int p = stack[--top];
                int x = p % w;
                int y = p / w;
                float value = v[p];
                sum += value;
                sx += value * x;
                sy += value * y;
                peak = Math.max(peak, value);
                count++;
                x0 = Math.min(x0, x);
                y0 = Math.min(y0, y);
                x1 = Math.max(x1, x);
                y1 = Math.max(y1, y);
                for (int dy = -1; dy <= 1; dy++) {
                    int ny = y + dy;
                    if (ny < 0 || ny >= h) {
                        continue;
                    }
                    for (int dx = -1; dx <= 1; dx++) {
                        int nx = x + dx;
                        int q = ny * w + nx;
                        if (nx < 0 || nx >= w || seen[q] || !(v[q] >= threshold)) {
                            continue;
                        }
                        seen[q] = true;
                        if (top == stack.length) {
                            stack = java.util.Arrays.copyOf(stack, stack.length * 2);
                        }
                        stack[top++] = q;
                    }
                }
            }
            double cx = Math.min(map.imageColumns() - 1, (sx / sum + 0.5) * step - 0.5);
            double cy = Math.min(map.imageRows() - 1, (sy / sum + 0.5) * step - 0.5);
            double[] box = {x0 * step - 0.5, y0 * step - 0.5, Math.min(map.imageColumns(), (x1 + 1) * step) - 0.5,
                    Math.min(map.imageRows(), (y1 + 1) * step) - 0.5};
            double radius = Math.sqrt(count * (double) step * step / Math.PI);
            found.add(new ImageFinding(0, map.label(), map.classIndex(), peak, new double[] {cx, cy}, box, radius, imageUid, frame));
        }
        found.sort((a, b) -> Double.compare(b.score(), a.score()));
        return found.size() > MAX_PER_MAP ? List.copyOf(found.subList(0, MAX_PER_MAP)) : found;
    }
}
