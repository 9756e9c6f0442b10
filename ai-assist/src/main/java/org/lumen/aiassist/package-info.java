// SPDX-License-Identifier: Apache-2.0
/**
 * AI assistance for the viewer: model packages (an ONNX network plus its model card, which declares
 * the input modality, spacing, normalisation, patch size and dimensionality, and the kind of output),
 * inference with ONNX Runtime on the workstation (GPU when present, CPU otherwise, one inference lane,
 * off the UI thread with progress and cancel), resampling and tiling of a volume into the model's
 * input, and mapping its output back onto the series geometry as a heatmap volume and a ranked
 * findings list, each finding with its provenance (model id, version, sha256, device, time), plus
 * the explanations and UI parts that show them. Dependency rule: this module depends on
 * {@code viewer} only; it never imports {@code org.lumen.annotation} or {@code org.lumen.app}
 * (app joins ai-assist and annotation through plain data: a heatmap is a float volume, a finding is a
 * record), never calls PixelMed (DICOM stays in the viewer's {@code dicom} package), and keeps
 * {@code javafx.*} out of everything but its {@code ..ui} packages. {@code AiAssistArchitectureTest}
 * enforces this.
 */
package org.lumen.aiassist;
