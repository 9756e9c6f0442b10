// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.query;

/** The level of a query: studies, or the series of one study. */
public enum QueryLevel { STUDY, SERIES }
