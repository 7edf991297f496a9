#include "PluginFiles.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

namespace lmcf::PluginFiles {

bool runsOn(const QString &fileName, const QString &role, int workerId) {
    if (!fileName.endsWith(u".sh") && !fileName.endsWith(u".py"))
        return false;
    if (fileName.startsWith(u"all_"))
        return true;
    const QString upper = role.toUpper();
    if (upper == u"SCHEDULER")
        return fileName.startsWith(u"scheduler_");
    static const QRegularExpression worker(QStringLiteral("^worker_(\\d+)_"));
    const QRegularExpressionMatch match = worker.match(fileName);
    return upper == u"WORKER" && match.hasMatch() && match.captured(1).toInt() == workerId;
}

QStringList select(const QStringList &locations, const QString &role, int workerId) {
    QStringList files;
    for (const QString &location : locations) {
        const QFileInfo info(location);
        QFileInfoList candidates;
        if (info.isDir())
            candidates = QDir(location).entryInfoList(QDir::Files, QDir::Name);
        else if (info.isFile())
            candidates = {info};
        for (const QFileInfo &candidate : std::as_const(candidates)) {
            if (runsOn(candidate.fileName(), role, workerId))
                files << candidate.absoluteFilePath();
        }
    }
    files.sort();
    files.removeDuplicates();
    return files;
}

} // namespace lmcf::PluginFiles
