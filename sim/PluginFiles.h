#pragma once

#include <QString>
#include <QStringList>

namespace lmcf {

//! How LMCache's plugin launcher picks the runtime plugins a process runs (spec §3, §3b).
namespace PluginFiles {

//! True when LMCache in vLLM mode runs the plugin file `fileName` (a base name) in the process
//! of `role` ("SCHEDULER" or "WORKER", any case) and `workerId`: `*.sh` or `*.py` named
//! `scheduler_<desc>` (scheduler only), `worker_<id>_<desc>` (that worker only) or `all_<desc>`
//! (every process). Any other name runs nowhere.
bool runsOn(const QString &fileName, const QString &role, int workerId);

//! The plugin files under `locations` (files, or directories read one level deep) that run in
//! that process, sorted by path; missing locations are skipped.
QStringList select(const QStringList &locations, const QString &role, int workerId);

} // namespace PluginFiles
} // namespace lmcf
