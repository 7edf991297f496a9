#include "pages/OverviewPage.h"

#include "charts/SeriesStore.h"
#include "fleet/FleetConnection.h"
#include "models/NodeStateStyle.h"
#include "net/DaemonClient.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

namespace lmcf {

namespace {

QString bytesText(double bytes) {
    return QLocale().formattedDataSize(qint64(bytes), 1, QLocale::DataSizeTraditionalFormat);
}

QString valueText(const QJsonValue &value) {
    if (value.isBool())
        return value.toBool() ? QStringLiteral("yes") : QStringLiteral("no");
    if (value.isDouble())
        return QLocale().toString(value.toDouble(), 'f',
                                  value.toDouble() == std::trunc(value.toDouble()) ? 0 : 2);
    if (value.isString())
        return value.toString();
    if (value.isUndefined() || value.isNull())
        return QStringLiteral("–");
    return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
}

} // namespace

OverviewPage::OverviewPage(FleetConnection *connection, QWidget *parent)
    : NodePage(QStringLiteral("Overview"), connection, parent)
    , m_l1Bar(new QProgressBar(this))
    , m_l1Text(new QLabel(this))
    , m_contexts(new QTableWidget(this)) {
    auto *summary = new QGroupBox(QStringLiteral("Engine"), this);
    auto *left = new QFormLayout;
    auto *right = new QFormLayout;
    m_health = addField(left, QStringLiteral("Health"));
    m_engine = addField(left, QStringLiteral("Engine type"));
    m_chunk = addField(left, QStringLiteral("Chunk size"));
    m_hash = addField(left, QStringLiteral("Hash algorithm"));
    m_version = addField(left, QStringLiteral("Version"));
    m_gpus = addField(right, QStringLiteral("GPU ids"));
    m_sessions = addField(right, QStringLiteral("Active sessions"));
    m_prefetch = addField(right, QStringLiteral("Prefetch jobs"));
    m_hitRate = addField(right, QStringLiteral("Hit rate (30 s)"));
    auto *columns = new QHBoxLayout(summary);
    columns->addLayout(left, 1);
    columns->addSpacing(24);
    columns->addLayout(right, 1);

    auto *storage = new QGroupBox(QStringLiteral("Storage"), this);
    auto *storageForm = new QFormLayout(storage);
    m_l1Bar->setRange(0, 1000);
    m_l1Bar->setTextVisible(true);
    m_l1Bar->setMinimumWidth(260);
    auto *barRow = new QHBoxLayout;
    barRow->addWidget(m_l1Bar, 1);
    barRow->addWidget(m_l1Text);
    storageForm->addRow(QStringLiteral("L1 memory"), barRow);
    m_objects = addField(storageForm, QStringLiteral("L1 objects"));
    m_l2 = addField(storageForm, QStringLiteral("L2 adapters"));

    auto *contexts = new QGroupBox(QStringLiteral("GPU contexts"), this);
    auto *contextsLayout = new QVBoxLayout(contexts);
    m_contexts->setColumnCount(9);
    m_contexts->setHorizontalHeaderLabels(
        {QStringLiteral("GPU"), QStringLiteral("Model"), QStringLiteral("World size"),
         QStringLiteral("Layers"), QStringLiteral("Block size"), QStringLiteral("Dtype"),
         QStringLiteral("MLA"), QStringLiteral("Blocks"), QStringLiteral("Bytes/token")});
    m_contexts->verticalHeader()->hide();
    m_contexts->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_contexts->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_contexts->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_contexts->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    contextsLayout->addWidget(m_contexts);

    auto *vllm = new QGroupBox(QStringLiteral("vLLM process"), this);
    auto *vllmForm = new QFormLayout(vllm);
    for (const char *name : {"Instance", "Role", "Worker id", "World size", "Model",
                             "LMCache version", "vLLM version", "Tensor parallel"})
        m_vllmFields << addField(vllmForm, QString::fromLatin1(name));
    m_vllmHitRate = addField(vllmForm, QStringLiteral("Hit rate (30 s)"));
    m_vllmBox = vllm;
    m_engineBoxes = {summary, storage, contexts};

    contentLayout()->addWidget(summary);
    contentLayout()->addWidget(storage);
    contentLayout()->addWidget(contexts, 1);
    contentLayout()->addWidget(vllm);
    contentLayout()->addStretch(0);
    setVllmLayout(false);
    clear();
}

OverviewPage::~OverviewPage() = default;

QLabel *OverviewPage::addField(QFormLayout *form, const QString &name) {
    auto *value = new QLabel(QStringLiteral("–"), this);
    value->setTextFormat(Qt::PlainText);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(name + u':', value);
    return value;
}

void OverviewPage::clear() {
    for (QLabel *label : {m_health, m_engine, m_chunk, m_hash, m_gpus, m_sessions, m_prefetch,
                          m_version, m_hitRate, m_objects, m_l2, m_l1Text})
        label->setText(QStringLiteral("–"));
    m_health->setStyleSheet({});
    m_l1Bar->setValue(0);
    m_l1Bar->setFormat(QStringLiteral("unknown"));
    m_contexts->setRowCount(0);
    for (QLabel *label : std::as_const(m_vllmFields))
        label->setText(QStringLiteral("–"));
    m_vllmHitRate->setText(QStringLiteral("–"));
}

void OverviewPage::setVllmLayout(bool vllm) {
    m_isVllm = vllm;
    for (QWidget *box : std::as_const(m_engineBoxes))
        box->setVisible(!vllm);
    m_vllmBox->setVisible(vllm);
}

void OverviewPage::loadVllmProcess(const DaemonReply &statusReply) {
    // Neither status path: a process inside vLLM answers /meta instead (spec §3b).
    get(QStringLiteral("meta"), [this, statusReply](const DaemonReply &meta) {
        if (!meta.ok() || !meta.json.isObject()) {
            showReplyProblem(statusReply, QStringLiteral("Status unavailable"));
            return;
        }
        get(QStringLiteral("inference_info"), [this, meta](const DaemonReply &inference) {
            showVllmProcess(meta.json.object(), inference.json.object());
            showReady(QStringLiteral("vLLM process, %1 ms").arg(meta.elapsedMs));
        });
    });
}

void OverviewPage::showVllmProcess(const QJsonObject &meta, const QJsonObject &inference) {
    setVllmLayout(true);
    const QJsonObject parallel = inference.value(QLatin1String("parallel_config")).toObject();
    const QJsonObject model = inference.value(QLatin1String("model_config")).toObject();
    // Each answer may carry what the other lacks (builds differ).
    const auto either = [](const QJsonObject &first, const QJsonObject &second, const char *key) {
        const QJsonValue value = first.value(QLatin1String(key));
        return value.isUndefined() ? second.value(QLatin1String(key)) : value;
    };
    QJsonValue modelName = meta.value(QLatin1String("model_name"));
    if (modelName.isUndefined())
        modelName = model.value(QLatin1String("model"));
    const QList<QJsonValue> values = {meta.value(QLatin1String("instance_id")),
                                      meta.value(QLatin1String("role")),
                                      meta.value(QLatin1String("worker_id")),
                                      meta.value(QLatin1String("world_size")),
                                      modelName,
                                      either(meta, inference, "lmcache_version"),
                                      inference.value(QLatin1String("vllm_version")),
                                      parallel.value(QLatin1String("tensor_parallel_size"))};
    for (qsizetype i = 0; i < values.size() && i < m_vllmFields.size(); ++i)
        m_vllmFields[i]->setText(valueText(values[i]));
    showHitRate(m_vllmHitRate);
    Q_EMIT vllmProcessDetected(true);
}

void OverviewPage::load() {
    get(QStringLiteral("version"), [this](const DaemonReply &reply) {
        if (!reply.ok())
            return;
        QString version = QString::fromUtf8(reply.body).trimmed();
        if (version.startsWith(u'"') && version.endsWith(u'"') && version.size() >= 2)
            version = version.mid(1, version.size() - 2);
        m_version->setText(version);
    });
    getWithFallback(QStringLiteral("api/status"), QStringLiteral("status"),
                    [this](const DaemonReply &reply) {
                        if (reply.problem == DaemonReply::Problem::NotFound) {
                            loadVllmProcess(reply);
                            return;
                        }
                        if (!reply.ok() || !reply.json.isObject()) {
                            if (reply.status == 503)
                                m_health->setText(QStringLiteral("engine not initialized"));
                            showReplyProblem(reply, QStringLiteral("Status unavailable"));
                            return;
                        }
                        showStatus(reply.json.object());
                        showReady(QStringLiteral("%1 ms").arg(reply.elapsedMs));
                    });
}

void OverviewPage::showStatus(const QJsonObject &status) {
    setVllmLayout(false);
    Q_EMIT vllmProcessDetected(false);
    const bool healthy = status.value(QLatin1String("is_healthy")).toBool();
    m_health->setText(healthy ? QStringLiteral("● healthy") : QStringLiteral("● unhealthy"));
    m_health->setStyleSheet(
        QStringLiteral("color: %1; font-weight: bold;")
            .arg(NodeStateStyle::colour(healthy ? QStringLiteral("alive") : QStringLiteral("down"))
                     .name()));
    m_engine->setText(valueText(status.value(QLatin1String("engine_type"))));
    m_chunk->setText(valueText(status.value(QLatin1String("chunk_size"))) +
                     QStringLiteral(" tokens"));
    m_hash->setText(valueText(status.value(QLatin1String("hash_algorithm"))));
    QStringList gpus;
    for (const QJsonValue &id : status.value(QLatin1String("registered_gpu_ids")).toArray())
        gpus << valueText(id);
    m_gpus->setText(gpus.isEmpty() ? QStringLiteral("none") : gpus.join(QStringLiteral(", ")));
    m_sessions->setText(valueText(status.value(QLatin1String("active_sessions"))));
    m_prefetch->setText(valueText(status.value(QLatin1String("active_prefetch_jobs"))));
    showHitRate(m_hitRate);
    showL1(status);
    showGpuContexts(status);
}

void OverviewPage::showHitRate(QLabel *label) {
    const auto hit = connection()->store()->latest(ChartKind::HitRate, node(), 30000);
    label->setText(hit ? QStringLiteral("%1 %").arg(*hit * 100, 0, 'f', 1)
                       : QStringLiteral("no lookups yet"));
    label->setStyleSheet(hit && *hit >= 0.8 ? QStringLiteral("color: #2ea043;") : QString());
}

void OverviewPage::showL1(const QJsonObject &status) {
    const QJsonObject storage = status.value(QLatin1String("storage_manager")).toObject();
    const QJsonObject l1 = storage.value(QLatin1String("l1")).toObject();
    const double used = l1.value(QLatin1String("memory_used_bytes")).toDouble();
    const double total = l1.value(QLatin1String("memory_total_bytes")).toDouble();
    if (total > 0) {
        const double ratio = qBound(0.0, used / total, 1.0);
        m_l1Bar->setValue(int(ratio * 1000));
        m_l1Bar->setFormat(QStringLiteral("%1 %").arg(ratio * 100, 0, 'f', 1));
        m_l1Bar->setStyleSheet(QStringLiteral("QProgressBar::chunk { background: %1; }")
                                   .arg(NodeStateStyle::usageColour(ratio).name()));
        m_l1Text->setText(QStringLiteral("%1 of %2").arg(bytesText(used), bytesText(total)));
    }
    m_objects->setText(valueText(l1.value(QLatin1String("total_object_count"))));
    m_l2->setText(valueText(storage.value(QLatin1String("num_l2_adapters"))));
}

void OverviewPage::showGpuContexts(const QJsonObject &status) {
    const QJsonObject contexts = status.value(QLatin1String("gpu_context_meta")).toObject();
    m_contexts->setRowCount(int(contexts.size()));
    int row = 0;
    for (auto it = contexts.begin(); it != contexts.end(); ++it, ++row) {
        const QJsonObject context = it.value().toObject();
        const QJsonObject layout = context.value(QLatin1String("kv_cache_layout")).toObject();
        const QStringList cells = {it.key(),
                                   valueText(context.value(QLatin1String("model_name"))),
                                   valueText(context.value(QLatin1String("world_size"))),
                                   valueText(layout.value(QLatin1String("num_layers"))),
                                   valueText(layout.value(QLatin1String("block_size"))),
                                   valueText(layout.value(QLatin1String("dtype"))),
                                   valueText(layout.value(QLatin1String("is_mla"))),
                                   valueText(layout.value(QLatin1String("num_blocks"))),
                                   valueText(layout.value(QLatin1String("cache_size_per_token")))};
        for (int column = 0; column < cells.size(); ++column)
            m_contexts->setItem(row, column, new QTableWidgetItem(cells[column]));
    }
}

} // namespace lmcf
