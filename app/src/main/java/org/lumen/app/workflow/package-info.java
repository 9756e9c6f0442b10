// SPDX-License-Identifier: Apache-2.0
/**
 * The window's workflows, each built by the window ({@code org.lumen.app.gui}) and handed what it needs,
 * never reaching back into it (an ArchUnit rule): {@code labelling} (the catalog-backed labelling session),
 * {@code review} (an annotation under review shown over its series), {@code ai} (models, runs and their
 * findings; the intended-use question), {@code pacs} (query/retrieve, send, the storage receiver, nodes and
 * network settings, the offline cache), {@code trust} (the validation, practice and audit views with their
 * JavaFX-free figures), {@code export} (the dataset export dialog). {@link org.lumen.app.workflow.LiveCount}
 * is the count that transfers and validation runs show.
 */
package org.lumen.app.workflow;
