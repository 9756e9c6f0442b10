// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.engine;

import java.util.ArrayList;
import java.util.List;
import org.lumen.aiassist.findings.Finding;
import org.lumen.aiassist.findings.Provenance;
import org.lumen.aiassist.grid.FloatVolume;
import org.lumen.aiassist.grid.Grid;
import org.lumen.aiassist.model.ModelCard;
import org.lumen.aiassist.model.ModelClass;
import org.lumen.aiassist.pipeline.Detection;
import org.lumen.aiassist.pipeline.Heatmap;
import org.lumen.viewer.geometry.Vec3;

/** Turns a detection model's boxes into findings, and draws them as heatmaps (each box an ellipsoid of its score). */
final class DetectionFindings {

    private DetectionFindings() { }

    /** Boxes at or above their class threshold, as unranked findings. */
    static List<Finding> findings(List<Detection> detections, ModelCard card, Provenance provenance) {
        List<Finding> out = new ArrayList<>();
        for (Detection d : detections) {
            if (d.classIndex() < 0 || d.classIndex() >= card.classes().size()) {
                continue;
            }
            ModelClass cls = card.classes().get(d.classIndex());
            if (cls.isBackground() || d.score() < card.threshold(cls)) {
                continue;
            }
            double[] extent = new double[3];
            for (int a = 0; a < 3; a++) {
                double[] axis = d.axes()[a].toArray();
                for (int x = 0; x < 3; x++) {
                    extent[x] += Math.abs(axis[x]) * d.sizeMm()[a];
                }
            }
            double volume = Math.PI / 6 * d.sizeMm()[0] * d.sizeMm()[1] * d.sizeMm()[2];
            out.add(new Finding(0, cls.name(), cls.index(), d.score(), d.centerMm(), extent, volume, 0, provenance));
        }
        return out;
    }

    /** One heatmap per class: the kept boxes as ellipsoids of their score (the highest where they overlap). */
    static List<Heatmap> heatmaps(List<Finding> kept, List<Detection> detections, ModelCard card, Grid series) {
        List<Heatmap> maps = new ArrayList<>();
        for (ModelClass cls : card.foregroundClasses()) {
            float[][] slices = new float[series.nz()][];
            for (Finding f : kept) {
                if (f.classIndex() != cls.index()) {
                    continue;
                }
                Detection d = detections.stream().filter(x -> x.centerMm().equals(f.centerMm()) && x.score() == f.score())
                        .findFirst().orElse(null);
                if (d != null) {
                    paint(slices, series, d);
                }
            }
            maps.add(new Heatmap(cls.name(), cls.index(), cls.colour(), card.threshold(cls), Heatmap.PROBABILITY,
                    new FloatVolume(series, slices)));
        }
        return maps;
    }

    private static void paint(float[][] slices, Grid g, Detection d) {
        double reach = Math.max(d.sizeMm()[0], Math.max(d.sizeMm()[1], d.sizeMm()[2])) / 2;
        double[] c = g.toVoxel(d.centerMm());
        int[] lo = new int[3];
        int[] hi = new int[3];
        for (int a = 0; a < 3; a++) {
            double r = reach / g.spacing(a) + 1;
            lo[a] = Math.max(0, (int) Math.floor(c[a] - r));
            hi[a] = Math.min(g.size(a) - 1, (int) Math.ceil(c[a] + r));
        }
        for (int k = lo[2]; k <= hi[2]; k++) {
            for (int j = lo[1]; j <= hi[1]; j++) {
                for (int i = lo[0]; i <= hi[0]; i++) {
                    Vec3 p = g.toPatient(i, j, k).minus(d.centerMm());
                    double q = 0;
                    for (int a = 0; a < 3; a++) {
                        double half = Math.max(d.sizeMm()[a] / 2, 1e-6);
                        double t = p.dot(d.axes()[a]) / half;
                        q += t * t;
                    }
                    if (q <= 1) {
                        if (slices[k] == null) {
                            slices[k] = new float[g.nx() * g.ny()];
                        }
                        int at = i + g.nx() * j;
                        slices[k][at] = Math.max(slices[k][at], (float) d.score());
                    }
                }
            }
        }
    }
}
