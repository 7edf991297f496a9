#pragma once

#include <QPointer>
#include <QWidget>

#include <functional>

class QLabel;
class QProgressBar;
class QPushButton;
class QVBoxLayout;

namespace lmcf {

class FleetConnection;
struct DaemonReply;

//! Base of every per-node page: a header (title, busy bar, status line, Refresh) and a content
//! area. Requests go through the daemon's `/proxy2/<node>/...` and are tied to the current
//! load: switching node or reloading abandons them, so a slow node never blocks anything.
class NodePage : public QWidget {
    Q_OBJECT
public:
    NodePage(const QString &title, FleetConnection *connection, QWidget *parent = nullptr);
    ~NodePage() override;

    //! Shows `node`; loads now, or (loadNow false) on the next ensureLoaded().
    void setNode(const QString &node, bool loadNow = true);
    //! Loads if the node changed since the last load.
    void ensureLoaded();
    const QString &node() const { return m_node; }
    const QString &title() const { return m_title; }
    //! Abandons requests in flight and loads the page again.
    void reload();
    //! True once the last load ended (with data or with an error).
    bool isSettled() const { return m_settled; }

Q_SIGNALS:
    void settled();

protected:
    //! Issues the page's requests (use get()/post()); ends with showReady() or showProblem().
    virtual void load() = 0;
    //! Called when the node changes, before load(): drop what the old node showed.
    virtual void clear() {}

    //! GET `/proxy2/<node>/<path>`; the callback runs only if this load is still current.
    void get(const QString &path, std::function<void(const DaemonReply &)> done);
    //! GET `path`, and on 404 `fallback` (spec §4: older and newer node API paths).
    void getWithFallback(const QString &path, const QString &fallback,
                         std::function<void(const DaemonReply &)> done);
    void post(const QString &path, const QByteArray &body,
              std::function<void(const DaemonReply &)> done);

    void showReady(const QString &info = {});
    void showProblem(const QString &message);
    //! showProblem() with the reply's message, noting 403s on the connection.
    void showReplyProblem(const DaemonReply &reply, const QString &what);
    QVBoxLayout *contentLayout() const { return m_content; }
    FleetConnection *connection() const { return m_connection; }

private:
    void setBusy(bool busy);

    QString m_title;
    FleetConnection *m_connection;
    QString m_node;
    QPointer<QObject> m_load;
    bool m_settled = false;
    bool m_stale = false;
    QLabel *m_heading;
    QProgressBar *m_busy;
    QLabel *m_status;
    QPushButton *m_refresh;
    QVBoxLayout *m_content;
};

} // namespace lmcf
