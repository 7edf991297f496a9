#pragma once

#include "pages/NodePage.h"

#include <functional>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace lmcf {

//! Clears a node's KV cache (`POST /api/clear-cache`, or `/cache/clear` on 404). Operator
//! only: a confirmation dialog names the node; the node's answer is shown. Shows what the L1
//! holds now so the operator knows what will go.
class ClearCachePage final : public NodePage {
    Q_OBJECT
public:
    explicit ClearCachePage(FleetConnection *connection, QWidget *parent = nullptr);
    ~ClearCachePage() override;

    //! Replaces the confirmation dialog (tests). Gets the node name; true = go ahead.
    void setConfirmation(std::function<bool(const QString &node)> confirm);
    //! Asks for confirmation, then clears.
    void requestClear();
    QString resultText() const;

Q_SIGNALS:
    void clearFinished(bool ok);

protected:
    void load() override;
    void clear() override;

private:
    void clearAt(const QString &path, bool lastTry);
    void updateControls();

    QLabel *m_holding;
    QPushButton *m_clear;
    QPlainTextEdit *m_result;
    std::function<bool(const QString &)> m_confirm;
};

} // namespace lmcf
