// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.index;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** A series: its shared values and its instances (image or not), in the order they were indexed. */
public record Series(SeriesInfo info, List<InstanceHeader> instances) {

    public Series {
        instances = List.copyOf(instances);
    }

    public String uid() { return info.seriesInstanceUid(); }

    public String modality() { return info.modality(); }

    public int frameCount() {
        return instances.stream().mapToInt(InstanceHeader::frames).sum();
    }

    public boolean hasImages() {
        return instances.stream().anyMatch(i -> i.kind().isImage() && i.hasPixels());
    }

    /** The kind of object this series holds; IMAGE if any instance is an image. */
    public ObjectKind kind() {
        return hasImages() ? ObjectKind.IMAGE : instances.getFirst().kind();
    }

    public Set<String> transferSyntaxes() {
        Set<String> syntaxes = new TreeSet<>();
        instances.forEach(i -> syntaxes.add(i.transferSyntaxUid()));
        return syntaxes;
    }
}
