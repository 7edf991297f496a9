#include "NodeJumpDialog.h"

#include <QKeyEvent>
#include <QLineEdit>
#include <QListView>
#include <QSortFilterProxyModel>
#include <QStringListModel>
#include <QVBoxLayout>

namespace lmcf {

NodeJumpDialog::NodeJumpDialog(const QStringList &names, QWidget *parent)
    : QDialog(parent)
    , m_search(new QLineEdit(this))
    , m_list(new QListView(this))
    , m_names(new QStringListModel(names, this))
    , m_filter(new QSortFilterProxyModel(this)) {
    setWindowTitle(QStringLiteral("Jump to node"));
    m_filter->setSourceModel(m_names);
    m_filter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_search->setPlaceholderText(QStringLiteral("Node name…"));
    m_list->setModel(m_filter);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_search);
    layout->addWidget(m_list);
    resize(420, 360);
    m_search->installEventFilter(this);
    connect(m_search, &QLineEdit::textChanged, this, &NodeJumpDialog::setSearchText);
    connect(m_search, &QLineEdit::returnPressed, this, &NodeJumpDialog::accept);
    connect(m_list, &QListView::activated, this, &NodeJumpDialog::accept);
    setSearchText({});
}

NodeJumpDialog::~NodeJumpDialog() = default;

void NodeJumpDialog::setSearchText(const QString &text) {
    if (m_search->text() != text)
        m_search->setText(text);
    m_filter->setFilterFixedString(text.trimmed());
    if (m_filter->rowCount() > 0)
        m_list->setCurrentIndex(m_filter->index(0, 0));
}

void NodeJumpDialog::accept() {
    const QModelIndex current = m_list->currentIndex();
    if (!current.isValid())
        return;
    m_chosen = current.data().toString();
    QDialog::accept();
}

bool NodeJumpDialog::eventFilter(QObject *watched, QEvent *event) {
    // Up/Down in the search box move through the list, so the hands stay on the keyboard.
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Down || key == Qt::Key_Up) {
            const int row = m_list->currentIndex().row() + (key == Qt::Key_Down ? 1 : -1);
            if (row >= 0 && row < m_filter->rowCount())
                m_list->setCurrentIndex(m_filter->index(row, 0));
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

} // namespace lmcf
