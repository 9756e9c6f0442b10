// SPDX-License-Identifier: Apache-2.0
/**
 * The view-models of annotation's panels (JavaFX-free): what the Labels, dataset and Review panels
 * show and what each of their controls does: state, the text shown, what is enabled when, and the
 * catalog calls (on the catalog's lane, their outcome handed back on the view's thread). The panels
 * in {@code org.lumen.annotation.ui} are thin views that render a view-model's state and forward the
 * user's actions to it; the view-models are tested directly against a real catalog.
 */
package org.lumen.annotation.viewmodel;
