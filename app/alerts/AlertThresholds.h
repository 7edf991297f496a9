#pragma once

class QSettings;

namespace lmcf {

//! When the app raises an alert. Stored in QSettings under `alerts/`.
struct AlertThresholds {
    bool nodeDown = true;       //!< a node's state becomes "down"
    double hitRateBelow = 0.20; //!< 0..1; only while the node has lookups
    double l1UsageAbove = 0.90; //!< 0..1 of the L1 total

    static AlertThresholds load(QSettings &settings);
    void save(QSettings &settings) const;
    bool operator==(const AlertThresholds &) const = default;
};

} // namespace lmcf
