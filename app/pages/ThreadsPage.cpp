#include "pages/ThreadsPage.h"

#include "net/DaemonClient.h"
#include "pages/RecordTable.h"

#include <QFontDatabase>
#include <QHeaderView>
#include <QJsonObject>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace lmcf {

namespace {

QString text(const QJsonValue &value) {
    if (value.isDouble())
        return QString::number(value.toDouble(), 'f', 0);
    if (value.isBool())
        return value.toBool() ? QStringLiteral("yes") : QStringLiteral("no");
    return value.toString();
}

//! The stack of a thread entry, whatever key and shape the node used.
QString stackOf(const QJsonObject &thread) {
    for (const char *key : {"stack", "stack_trace", "stacktrace", "traceback", "frames"}) {
        const QJsonValue value = thread.value(QLatin1String(key));
        if (value.isString())
            return value.toString();
        if (value.isArray()) {
            QStringList lines;
            for (const QJsonValue &frame : value.toArray()) {
                if (frame.isObject()) {
                    const QJsonObject f = frame.toObject();
                    QString function = text(f.value(QLatin1String("function_name")));
                    if (function.isEmpty())
                        function = text(f.value(QLatin1String("name")));
                    lines << QStringLiteral("%1:%2 in %3")
                                 .arg(text(f.value(QLatin1String("filename"))),
                                      text(f.value(QLatin1String("lineno"))), function);
                } else {
                    lines << frame.toString().trimmed();
                }
            }
            return lines.join(u'\n');
        }
    }
    return {};
}

} // namespace

ThreadsPage::ThreadsPage(FleetConnection *connection, QWidget *parent)
    : NodePage(QStringLiteral("Threads"), connection, parent)
    , m_search(new QLineEdit(this))
    , m_table(new QTableWidget(this))
    , m_stack(new QPlainTextEdit(this)) {
    m_search->setPlaceholderText(QStringLiteral("Filter threads by name, state or function…"));
    m_search->setClearButtonEnabled(true);
    setUpRecordTable(m_table, {QStringLiteral("Thread id"), QStringLiteral("Name"),
                               QStringLiteral("State"), QStringLiteral("Function")});
    m_table->setSortingEnabled(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_stack->setReadOnly(true);
    m_stack->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_stack->setPlaceholderText(QStringLiteral("Select a thread to see its stack"));
    auto *splitter = new QSplitter(Qt::Vertical, this);
    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(m_search);
    topLayout->addWidget(m_table);
    splitter->addWidget(top);
    splitter->addWidget(m_stack);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    contentLayout()->addWidget(splitter);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &ThreadsPage::showStack);
    connect(m_search, &QLineEdit::textChanged, this, &ThreadsPage::applyFilter);
}

ThreadsPage::~ThreadsPage() = default;

void ThreadsPage::clear() {
    m_threads = {};
    m_table->setRowCount(0);
    m_stack->clear();
}

int ThreadsPage::threadCount() const {
    return m_table->rowCount();
}

void ThreadsPage::load() {
    get(QStringLiteral("threads"), [this](const DaemonReply &reply) {
        if (!reply.ok()) {
            showReplyProblem(reply, QStringLiteral("Threads unavailable"));
            return;
        }
        QJsonArray threads = reply.json.array();
        // Some builds wrap the list: {"threads": [...]}.
        if (reply.json.isObject())
            threads = reply.json.object().value(QLatin1String("threads")).toArray();
        showThreads(threads);
        showReady(QStringLiteral("%1 threads").arg(threads.size()));
    });
}

void ThreadsPage::showThreads(const QJsonArray &threads) {
    m_threads = threads;
    m_table->setSortingEnabled(false);
    m_table->setRowCount(int(threads.size()));
    for (int row = 0; row < threads.size(); ++row) {
        const QJsonObject thread = threads[row].toObject();
        const QStringList cells = {text(thread.value(QLatin1String("thread_id"))),
                                   text(thread.value(QLatin1String("name"))),
                                   text(thread.value(QLatin1String("state"))),
                                   text(thread.value(QLatin1String("function_name")))};
        for (int column = 0; column < cells.size(); ++column) {
            auto *item = new QTableWidgetItem(cells[column]);
            item->setData(Qt::UserRole, row);
            m_table->setItem(row, column, item);
        }
    }
    m_table->setSortingEnabled(true);
    applyFilter();
    if (m_table->rowCount() > 0 && m_table->selectedItems().isEmpty())
        m_table->selectRow(0); // a stack on screen at once, not an empty pane
}

void ThreadsPage::showStack() {
    const QList<QTableWidgetItem *> selected = m_table->selectedItems();
    if (selected.isEmpty())
        return m_stack->clear();
    const QJsonObject thread =
        m_threads.at(selected.first()->data(Qt::UserRole).toInt()).toObject();
    const QString stack = stackOf(thread);
    m_stack->setPlainText(stack.isEmpty() ? QStringLiteral("(this node reports no stack for %1)")
                                                .arg(text(thread.value(QLatin1String("name"))))
                                          : stack);
}

void ThreadsPage::applyFilter() {
    const QString needle = m_search->text().trimmed();
    for (int row = 0; row < m_table->rowCount(); ++row) {
        bool match = needle.isEmpty();
        for (int column = 0; !match && column < m_table->columnCount(); ++column)
            match = m_table->item(row, column)->text().contains(needle, Qt::CaseInsensitive);
        m_table->setRowHidden(row, !match);
    }
}

} // namespace lmcf
