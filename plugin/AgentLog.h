#pragma once

#include <QLoggingCategory>

//! The agent's one logging category, `lmcf.plugin`.
Q_DECLARE_LOGGING_CATEGORY(lcAgent)
