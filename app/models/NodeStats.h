#pragma once

#include <optional>

namespace lmcf {

//! The live figures the fleet table shows for one node (unknown = nullopt).
struct NodeStats {
    std::optional<double> hitRate; //!< 0..1
    std::optional<double> l1UsedBytes;
    std::optional<double> l1TotalBytes;
    std::optional<double> evictionsPerSecond;
    std::optional<double> requestsPerSecond;

    //! used/total when both are known.
    std::optional<double> l1Ratio() const {
        if (!l1UsedBytes || !l1TotalBytes || *l1TotalBytes <= 0)
            return std::nullopt;
        return *l1UsedBytes / *l1TotalBytes;
    }
};

} // namespace lmcf
