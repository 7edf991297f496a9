#include "model/NodeName.h"

using namespace Qt::StringLiterals;

namespace lmcf::NodeName {

Outcome<QString> validate(const QString &name) {
    using R = Outcome<QString>;
    const QString rule =
        u" (a node name is a URL path segment: no '/', '\\', '%', '?', '#', '..', spaces or "
        u"control characters)"_s;
    if (name.isEmpty())
        return R::failure(u"must not be empty"_s);
    if (name.size() > maxLength)
        return R::failure(u"is longer than %1 characters"_s.arg(maxLength));
    if (name.contains(u".."_s) || name == u"."_s)
        return R::failure(u"\"%1\" contains '..'"_s.arg(name) + rule);
    for (QChar c : name) {
        if (c.isSpace() || c.category() == QChar::Other_Control || c == u'/' || c == u'\\' ||
            c == u'%' || c == u'?' || c == u'#') {
            const QString shown = c.isPrint() && !c.isSpace()
                                      ? u"'"_s + c + u"'"_s
                                      : u"U+%1"_s.arg(c.unicode(), 4, 16, QChar(u'0'));
            return R::failure(u"\"%1\" contains %2"_s.arg(name, shown) + rule);
        }
    }
    return R::success(name);
}

} // namespace lmcf::NodeName
