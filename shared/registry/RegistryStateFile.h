#pragma once

#include "registry/RegistryStore.h"

#include <QString>

namespace lmcf {

//! The registry in a JSON file:
//! `{"format":"lmcache-fleet-registry","version":1,"index":N,"entries":[{"api_address","pid","version",
//! "other_info","client_address","start_time_ms","last_report_ms","interval_ms"}]}`.
//! States are not stored: NodeRegistry::restore() re-evaluates them against the clock.
class RegistryStateFile final : public RegistryStore {
public:
    explicit RegistryStateFile(QString path);
    ~RegistryStateFile() override;

    const QString &path() const { return m_path; }

    //! `$XDG_STATE_HOME/lmcache-fleet/registry.json`, or `~/.local/state/lmcache-fleet/
    //! registry.json` when XDG_STATE_HOME is unset or relative (Qt 6.4 has no StateLocation).
    static QString defaultPath();

    //! True when `path` exists but is not a regular file (e.g. `/dev/null`): persistence is
    //! then off — load() gives an empty state and save() writes nothing, so a device is never
    //! renamed aside or replaced.
    static bool isSpecial(const QString &path);

    //! Missing or empty file → empty state. A file that cannot be parsed is renamed aside to
    //! `<path>.corrupt-<yyyyMMdd-hhmmss>` (so the next save does not destroy the evidence) and
    //! reported as a failure that names the new path. Entries whose api_address is invalid
    //! are skipped.
    Outcome<RegistryState> load() override;
    //! Writes through QSaveFile (temp file + rename), creating the directory if needed.
    Outcome<bool> save(const RegistryState &state) override;

    //! The file's bytes for `state`.
    static QByteArray encode(const RegistryState &state);
    //! Parses a state file's bytes; fails on anything that is not the format above.
    static Outcome<RegistryState> decode(const QByteArray &bytes);

private:
    QString m_path;
};

} // namespace lmcf
