// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest (the Maven project version), or "development". */
final class Version implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = Version.class.getPackage().getImplementationVersion();
        return new String[] {"Lumen " + (version == null ? "development build" : version)};
    }
}
