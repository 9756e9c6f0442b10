// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lumen.viewer.render.WindowPresets;

/** The F1 sheet and the README's key table name the preset keys exactly as the viewer binds them. */
class ShortcutsDialogTest {

    @Test
    void theF1SheetListsEveryPresetKeyAsBound() {
        String sheet = ShortcutsDialog.TEXT.replaceAll("\\s+", " ");
        for (String entry : boundPresetKeys()) {
            assertThat(sheet).as("F1 sheet").contains(entry);
        }
        assertThat(sheet).contains("Shift+1–9 the file's own windows");
    }

    @Test
    void theF1SheetListsEveryKeyOfEveryTable() {
        for (var key : EveryShortcut.all()) {
            assertThat(ShortcutsDialog.TEXT).as("%s", key).containsPattern(java.util.regex.Pattern.quote(key.keys()) + " +"
                    + java.util.regex.Pattern.quote(key.action()));
        }
    }

    @Test
    void everyWindowKeyParsesAsTheAcceleratorItNames() {
        for (WindowKey key : WindowKey.values()) {
            assertThat(key.combination().getName()).as("%s", key).isNotBlank();
            assertThat(key.keys()).doesNotContain("Shortcut");
        }
    }

    @Test
    void theReadmeListsEveryPresetKeyAsBound() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        String row = readme.lines().filter(l -> l.startsWith("| Window/level |")).findFirst().orElseThrow();
        for (String entry : boundPresetKeys()) {
            assertThat(row).as("README key table").contains(entry);
        }
        assertThat(row).contains("Shift+1–9 the file's own windows");
    }

    /** "1 lung", "2 mediastinum", … "9 full range": the CT keys, which include those of every modality. */
    private static List<String> boundPresetKeys() {
        List<String> names = WindowPresets.keyNames("CT");
        assertThat(names).doesNotContainNull();
        assertThat(WindowPresets.keyNames("MR").subList(WindowPresets.AUTO_KEY - 1, 9)).isEqualTo(names.subList(WindowPresets.AUTO_KEY - 1, 9));
        return java.util.stream.IntStream.range(0, names.size())
                .mapToObj(i -> (i + 1) + " " + names.get(i).replace('-', ' ')).toList();
    }
}
