// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.export;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lumen.annotation.catalog.AuditAction;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.annotation.deid.KeyedIdentities;
import org.lumen.annotation.export.DatasetExport;
import org.lumen.annotation.export.ExportRequest;
import org.lumen.annotation.export.ExportSummary;
import org.lumen.annotation.export.SeriesVolumes;
import org.lumen.app.services.LumenServices;
import org.lumen.task.BackgroundTask;
import org.lumen.viewer.indexing.Indexer;

/**
 * A dataset export as the command line and the window run it alike: the engine over the catalog, the site's
 * de-identification key and the process's pools and loader, and, when it is done, the audit trail's entry of
 * what left the workstation.
 */
public final class DatasetExports {

    private DatasetExports() { }

    public static BackgroundTask<ExportSummary> task(LumenServices services, Catalog catalog, ExportRequest request) throws IOException {
        KeyedIdentities identities = KeyedIdentities.fromKeyFile(services.dataFolder().ensureExists().deidKey());
        var pools = services.pools();
        SeriesVolumes volumes = new SeriesVolumes(catalog.studies(), new Indexer(pools.io(), pools.decodeThreads()), services.loader());
        DatasetExport export = new DatasetExport(catalog, identities, volumes, pools.decode(), pools.decodeThreads());
        BackgroundTask<ExportSummary> inner = export.task(request);
        return BackgroundTask.of(inner.name(), context -> {
            ExportSummary summary = inner.run(context);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("dataset", request.dataset());
            detail.put("format", request.format().word());
            detail.put("cases", summary.cases().size());
            detail.put("leftOut", summary.leftOut().size());
            detail.put("out", summary.out().toAbsolutePath().toString());
            detail.put("deidentification", "PS3.15 Basic Application Level Confidentiality Profile, site key");
            catalog.audit().append(AuditAction.EXPORT, null, null, detail);
            return summary;
        });
    }
}
