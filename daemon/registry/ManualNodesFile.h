#pragma once

#include "core/Outcome.h"
#include "model/NodeTree.h"

#include <QString>

namespace lmcf {

//! The nodes added through the API, kept beside the registry's state file
//! (`<state file>.manual-nodes.json`) in the `--config` tree format, so an operator can also
//! reuse the file as a `--config`. Written atomically (QSaveFile) on every edit.
class ManualNodesFile final {
public:
    explicit ManualNodesFile(QString path)
        : m_path(std::move(path)) {}

    //! The file that goes with a registry state file.
    static QString besideStateFile(const QString &stateFilePath) {
        return stateFilePath + QStringLiteral(".manual-nodes.json");
    }

    const QString &path() const { return m_path; }
    //! A missing file is an empty tree; an unreadable one fails with the parser's message.
    Outcome<NodeTree> load() const;
    Outcome<bool> save(const NodeTree &tree) const;
    //! The `--config` JSON for `tree`.
    static QByteArray encode(const NodeTree &tree);

private:
    QString m_path;
};

} // namespace lmcf
