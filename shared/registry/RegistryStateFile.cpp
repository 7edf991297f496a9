#include "registry/RegistryStateFile.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace lmcf {

namespace {

const QString formatName = u"lmcache-fleet-registry"_s;

} // namespace

RegistryStateFile::RegistryStateFile(QString path)
    : m_path(std::move(path)) {}

RegistryStateFile::~RegistryStateFile() = default;

QString RegistryStateFile::defaultPath() {
    QString base = qEnvironmentVariable("XDG_STATE_HOME");
    if (base.isEmpty() || QDir::isRelativePath(base))
        base = QDir::homePath() + u"/.local/state"_s;
    return base + u"/lmcache-fleet/registry.json"_s;
}

QByteArray RegistryStateFile::encode(const RegistryState &state) {
    QJsonArray array;
    for (const RegistryEntry &entry : state.entries)
        array.append(entry.toJson());
    const QJsonObject root{{u"format"_s, formatName},
                           {u"version"_s, 1},
                           {u"index"_s, static_cast<qint64>(state.index)},
                           {u"entries"_s, array}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

Outcome<RegistryState> RegistryStateFile::decode(const QByteArray &bytes) {
    using R = Outcome<RegistryState>;
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError)
        return R::failure(
            u"not valid JSON at offset %1: %2"_s.arg(error.offset).arg(error.errorString()));
    const QJsonObject root = document.object();
    if (root.value(u"format"_s).toString() != formatName || root.value(u"version"_s) != 1 ||
        !root.value(u"entries"_s).isArray())
        return R::failure(u"not a version 1 lmcache-fleet registry file"_s);
    RegistryState state;
    state.index = static_cast<quint64>(std::max<qint64>(0, root.value(u"index"_s).toInteger()));
    for (const QJsonValue value : root.value(u"entries"_s).toArray()) {
        if (const auto entry = RegistryEntry::fromJson(value.toObject()))
            state.entries.append(*entry);
    }
    return R::success(state);
}

bool RegistryStateFile::isSpecial(const QString &path) {
    const QFileInfo info(path);
    return info.exists() && !info.isFile();
}

Outcome<RegistryState> RegistryStateFile::load() {
    using R = Outcome<RegistryState>;
    QFile file(m_path);
    if (!file.exists() || isSpecial(m_path))
        return R::success({});
    if (!file.open(QIODevice::ReadOnly))
        return R::failure(m_path + u": cannot read: "_s + file.errorString());
    const QByteArray bytes = file.readAll();
    file.close();
    if (bytes.trimmed().isEmpty())
        return R::success({});
    auto state = decode(bytes);
    if (state)
        return state;
    const QString aside =
        m_path + u".corrupt-"_s + QDateTime::currentDateTime().toString(u"yyyyMMdd-hhmmss"_s);
    QFile::remove(aside);
    const bool moved = QFile::rename(m_path, aside);
    return R::failure(m_path + u": "_s + state.error() +
                      (moved ? u"; moved aside to "_s + aside : u"; could not move it aside"_s));
}

Outcome<bool> RegistryStateFile::save(const RegistryState &state) {
    using R = Outcome<bool>;
    if (isSpecial(m_path))
        return R::success(true);
    if (!QDir().mkpath(QFileInfo(m_path).absolutePath()))
        return R::failure(m_path + u": cannot create its directory"_s);
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly))
        return R::failure(m_path + u": cannot write: "_s + file.errorString());
    file.write(encode(state));
    if (!file.commit())
        return R::failure(m_path + u": cannot write: "_s + file.errorString());
    return R::success(true);
}

} // namespace lmcf
