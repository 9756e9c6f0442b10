// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.grid;

/** Bilinear sampling of two slices at one in-plane shift, blended between them: the step between an irregular stack and its uniform grid. */
final class InPlane {

    private InPlane() { }

    /**
     * Writes {@code (1-f)·a(i+di, j+dj) + f·b(i+di, j+dj)} for every (i, j) into {@code out}; samples
     * outside the slice take its nearest edge.
     */
    static void shiftBlend(float[] a, float[] b, float f, int nx, int ny, double di, double dj, float[] out) {
        for (int j = 0; j < ny; j++) {
            double sj = Math.clamp(j + dj, 0, ny - 1);
            int j0 = Math.min((int) sj, Math.max(0, ny - 2));
            int j1 = Math.min(j0 + 1, ny - 1);
            float fy = (float) (sj - j0);
            for (int i = 0; i < nx; i++) {
                double si = Math.clamp(i + di, 0, nx - 1);
                int i0 = Math.min((int) si, Math.max(0, nx - 2));
                int i1 = Math.min(i0 + 1, nx - 1);
                float fx = (float) (si - i0);
                float va = bilinear(a, nx, i0, i1, j0, j1, fx, fy);
                float vb = f == 0 ? va : bilinear(b, nx, i0, i1, j0, j1, fx, fy);
                out[j * nx + i] = va + (vb - va) * f;
            }
        }
    }

    private static float bilinear(float[] s, int nx, int i0, int i1, int j0, int j1, float fx, float fy) {
        float top = s[j0 * nx + i0] + (s[j0 * nx + i1] - s[j0 * nx + i0]) * fx;
        float bottom = s[j1 * nx + i0] + (s[j1 * nx + i1] - s[j1 * nx + i0]) * fx;
        return top + (bottom - top) * fy;
    }
}
