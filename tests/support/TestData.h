#pragma once

#include <QByteArray>
#include <QFile>
#include <QString>

namespace lmcf::test {

//! Absolute path of a fixture under tests/data/.
inline QString dataPath(const QString &relative) {
    return QStringLiteral(LMCF_TEST_DATA_DIR "/") + relative;
}

//! Contents of a fixture under tests/data/ (empty if missing, and the test will say so).
inline QByteArray readData(const QString &relative) {
    QFile file(dataPath(relative));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

} // namespace lmcf::test
