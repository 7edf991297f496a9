#pragma once

// Lets GoogleTest print Qt values in failure messages instead of raw bytes.

#include <QByteArray>
#include <QString>
#include <QUrl>

#include <ostream>

QT_BEGIN_NAMESPACE
void PrintTo(const QString &value, std::ostream *os);
void PrintTo(const QByteArray &value, std::ostream *os);
void PrintTo(const QUrl &value, std::ostream *os);
QT_END_NAMESPACE
