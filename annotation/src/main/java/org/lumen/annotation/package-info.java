// SPDX-License-Identifier: Apache-2.0
/**
 * Annotation and training data: labels painted or drawn by annotators (optionally seeded from an AI
 * heatmap) with the tools that make them, and the radiologist's accept/reject/edit decisions on AI
 * findings, each stored as an append-only revision (who, when, from which model output) in a local
 * SQLite catalog (WAL mode, Flyway migrations, one transaction per change); datasets exported from
 * that catalog in the formats trainers use, de-identified on the way out; and the UI parts for all of
 * it. Dependency rule: this module depends on {@code viewer} only; it never imports
 * {@code org.lumen.aiassist} or {@code org.lumen.app} (app joins annotation and ai-assist through
 * plain data), never calls PixelMed (export code that writes DICOM objects goes through the viewer's
 * {@code dicom} package), and keeps {@code javafx.*} out of everything but its {@code ..ui} packages.
 * {@code AnnotationArchitectureTest} enforces this.
 */
package org.lumen.annotation;
