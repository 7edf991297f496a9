#pragma once

#include <functional>

namespace lmcf::test {

//! Processes events until `condition` holds or `timeoutMs` passes; returns the last value of
//! `condition`. The way tests wait for asynchronous work without sleeping blindly.
bool waitUntil(const std::function<bool()> &condition, int timeoutMs = 5000);

//! Processes events for `ms` milliseconds.
void processEventsFor(int ms);

} // namespace lmcf::test
