#include "pages/JsonTreePage.h"

#include "net/DaemonClient.h"

#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>
#include <QLineEdit>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace lmcf {

namespace {

QString scalarText(const QJsonValue &value) {
    switch (value.type()) {
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return QString::number(value.toDouble(), 'g', 15);
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Array:
        return QStringLiteral("[%1 items]").arg(value.toArray().size());
    case QJsonValue::Object:
        return QStringLiteral("{%1 keys}").arg(value.toObject().size());
    default:
        return {};
    }
}

} // namespace

JsonTreePage::JsonTreePage(const QString &title, const QString &path, FleetConnection *connection,
                           QWidget *parent)
    : NodePage(title, connection, parent)
    , m_path(path)
    , m_search(new QLineEdit(this))
    , m_tree(new QTreeWidget(this)) {
    m_search->setPlaceholderText(QStringLiteral("Search keys and values…"));
    m_search->setClearButtonEnabled(true);
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({QStringLiteral("Key"), QStringLiteral("Value")});
    m_tree->setAlternatingRowColors(true);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Interactive);
    m_tree->header()->resizeSection(0, 320);
    contentLayout()->addWidget(m_search);
    contentLayout()->addWidget(m_tree, 1);
    connect(m_search, &QLineEdit::textChanged, this, &JsonTreePage::applyFilter);
}

JsonTreePage::~JsonTreePage() = default;

void JsonTreePage::clear() {
    m_tree->clear();
}

int JsonTreePage::topLevelCount() const {
    return m_tree->topLevelItemCount();
}

void JsonTreePage::enableNamesQuery() {
    if (m_names)
        return;
    m_names = new QLineEdit(this);
    m_names->setPlaceholderText(
        QStringLiteral("Only these keys (names=a,b; the node filters, vLLM mode), Return loads"));
    m_names->setClearButtonEnabled(true);
    contentLayout()->insertWidget(0, m_names);
    connect(m_names, &QLineEdit::returnPressed, this, &NodePage::reload);
}

QString JsonTreePage::requestPath() const {
    const QString names = m_names ? m_names->text().simplified().remove(u' ') : QString();
    if (names.isEmpty())
        return m_path;
    return m_path + QStringLiteral("?names=") +
           QString::fromUtf8(QUrl::toPercentEncoding(names, ","));
}

void JsonTreePage::load() {
    get(requestPath(), [this](const DaemonReply &reply) {
        if (reply.problem == DaemonReply::Problem::NotFound) {
            clear();
            showProblem(
                QStringLiteral("This node does not serve /%1 (404): only vLLM-mode instances have "
                               "/meta and /inference_info.")
                    .arg(m_path));
            return;
        }
        if (!reply.ok()) {
            showReplyProblem(reply, title() + QStringLiteral(" unavailable"));
            return;
        }
        if (reply.json.isNull()) {
            showProblem(QStringLiteral("The node's answer is not JSON."));
            return;
        }
        showJson(reply.json.isArray() ? QJsonValue(reply.json.array())
                                      : QJsonValue(reply.json.object()));
        showReady(QStringLiteral("%1 entries").arg(topLevelCount()));
    });
}

void JsonTreePage::showJson(const QJsonValue &value) {
    m_tree->clear();
    addChildren(m_tree->invisibleRootItem(), value);
    m_tree->expandToDepth(0);
    applyFilter();
}

void JsonTreePage::addChildren(QTreeWidgetItem *parent, const QJsonValue &value) {
    const auto add = [&](const QString &key, const QJsonValue &child) {
        auto *item = new QTreeWidgetItem(parent, {key, scalarText(child)});
        item->setToolTip(1, item->text(1));
        if (child.isObject() || child.isArray()) {
            item->setForeground(1, m_tree->palette().brush(QPalette::PlaceholderText));
            addChildren(item, child);
        }
    };
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            add(it.key(), it.value());
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            add(QStringLiteral("[%1]").arg(i), array.at(i));
    }
}

bool JsonTreePage::filterItem(QTreeWidgetItem *item, const QString &needle) {
    bool anyChild = false;
    for (int i = 0; i < item->childCount(); ++i)
        anyChild = filterItem(item->child(i), needle) || anyChild;
    const bool self = needle.isEmpty() || item->text(0).contains(needle, Qt::CaseInsensitive) ||
                      item->text(1).contains(needle, Qt::CaseInsensitive);
    item->setHidden(!(self || anyChild));
    if (!needle.isEmpty() && anyChild)
        item->setExpanded(true);
    return self || anyChild;
}

void JsonTreePage::applyFilter() {
    const QString needle = m_search->text().trimmed();
    QTreeWidgetItem *root = m_tree->invisibleRootItem();
    for (int i = 0; i < root->childCount(); ++i)
        filterItem(root->child(i), needle);
}

} // namespace lmcf
