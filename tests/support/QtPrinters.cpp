#include "QtPrinters.h"

QT_BEGIN_NAMESPACE
void PrintTo(const QString &value, std::ostream *os) {
    *os << '"' << value.toStdString() << '"';
}

void PrintTo(const QByteArray &value, std::ostream *os) {
    *os << '"' << value.toStdString() << '"';
}

void PrintTo(const QUrl &value, std::ostream *os) {
    *os << value.toString().toStdString();
}
QT_END_NAMESPACE
