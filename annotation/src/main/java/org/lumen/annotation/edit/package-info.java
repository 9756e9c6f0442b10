// SPDX-License-Identifier: Apache-2.0
/**
 * The editing domain of the annotation tools, free of JavaFX so that every tool is tested without a
 * UI and a viewport only turns mouse positions into plane pixels or patient millimetres.
 *
 * <p>All voxel changes go through a {@link org.lumen.annotation.edit.MaskEditor}, which records
 * only what each edit changed (per touched slice: the changed voxels' old and new labels, or the old
 * and new slice where most of it changed) and pushes one {@link org.lumen.annotation.edit.MaskEdit}
 * per stroke onto a byte-bounded {@link org.lumen.annotation.edit.EditHistory}. The tools —
 * {@link org.lumen.annotation.edit.Brush} (disc on any {@code ViewPlane}, sphere in 3D, eraser,
 * threshold paint) driven by a {@link org.lumen.annotation.edit.BrushStroke},
 * {@link org.lumen.annotation.edit.PolygonFill}, {@link org.lumen.annotation.edit.FloodFill},
 * {@link org.lumen.annotation.edit.SliceInterpolator}, {@link org.lumen.annotation.edit.HeatmapMasks}
 * and {@link org.lumen.annotation.edit.FindingMasks} — measure their sizes in millimetres through
 * the series' geometry, so anisotropic and reformatted grids paint round shapes.
 * Vector and classification labels are records in patient mm kept in an undoable
 * {@link org.lumen.annotation.edit.ObjectLabelSet}. Everything here is thread-confined to the thread
 * that edits (the UI thread).
 */
package org.lumen.annotation.edit;
