#include "prometheus/PreparedNode.h"

#include "prometheus/ExpositionWriter.h"

#include <string_view>

namespace lmcf {

namespace {

constexpr MetricType kAllTypes[] = {MetricType::Counter, MetricType::Gauge, MetricType::Histogram,
                                    MetricType::Summary, MetricType::Untyped};

// Whether `sample` can be written under `type` family `name` without breaking 0.0.4 rules.
bool fits(MetricType type, QByteArrayView name, const Sample &sample) {
    const QByteArrayView sampleName = sample.name;
    if (sampleName == name)
        return type != MetricType::Histogram &&
               (type != MetricType::Summary || sample.hasLabel("quantile"));
    if (type != MetricType::Histogram && type != MetricType::Summary)
        return false;
    if (!sampleName.startsWith(name))
        return false;
    const QByteArrayView suffix = sampleName.sliced(name.size());
    if (suffix == "_sum" || suffix == "_count")
        return true;
    return type == MetricType::Histogram && suffix == "_bucket" && sample.hasLabel("le");
}

char fitsMask(QByteArrayView name, const Sample &sample) {
    quint8 mask = 0;
    for (const MetricType type : kAllTypes)
        if (fits(type, name, sample))
            mask |= quint8(1u << int(type));
    return char(mask);
}

// True when the canonical label text has a label called `name`. `name="` cannot occur inside a
// canonical value (its quote would be escaped).
bool hasLabelText(std::string_view labels, std::string_view name) {
    const std::string prefix = std::string(name) + "=\"";
    return labels.starts_with(prefix) || labels.find("," + prefix) != std::string_view::npos;
}

// The labels with the input labels called like ours (`node`, and `proxy` when we add it)
// renamed to the first `exported_…<name>` not taken.
QByteArray renameOurLabels(const Sample &sample, bool withProxy) {
    QList<Label> labels = sample.labels();
    for (const QByteArray &ours : {QByteArrayLiteral("node"), QByteArrayLiteral("proxy")}) {
        if (ours == "proxy" && !withProxy)
            continue;
        QByteArray renamed = "exported_" + ours;
        while (sample.hasLabel(renamed))
            renamed.prepend("exported_");
        for (Label &label : labels)
            if (label.name == ours)
                label.name = renamed;
    }
    return Sample::encodeLabels(labels);
}

// `{node="<escaped name>"[,proxy="<escaped proxy>"]`: what every line starts its labels with.
QByteArray labelPrefix(const NodeExposition &node) {
    QByteArray prefix;
    TextOutput out(prefix);
    out.append("{node=\"");
    ExpositionWriter::appendLabelValue(out, node.node.toUtf8());
    out.append('"');
    if (!node.proxy.isEmpty()) {
        out.append(",proxy=\"");
        ExpositionWriter::appendLabelValue(out, node.proxy.toUtf8());
        out.append('"');
    }
    return prefix;
}

void writeSample(TextOutput &out, const QByteArray &prefix, const Sample &sample, bool withProxy) {
    out.append(sample.name);
    out.append(prefix);
    if (!sample.labelText.isEmpty()) {
        out.append(',');
        const std::string_view labels(sample.labelText.constData(),
                                      size_t(sample.labelText.size()));
        const bool clash =
            hasLabelText(labels, "node") || (withProxy && hasLabelText(labels, "proxy"));
        out.append(clash ? renameOurLabels(sample, withProxy) : sample.labelText);
    }
    out.append('}');
    ExpositionWriter::appendValueAndTimestamp(out, sample);
}

PreparedFamily prepareFamily(const MetricFamily &family, const QByteArray &prefix, bool withProxy) {
    PreparedFamily prepared{family.name, family.type, family.help, family.unit, {}, 0, {}};
    qsizetype bytes = 0;
    for (const Sample &sample : family.samples) // exact size: no regrowth copies
        bytes += sample.name.size() + sample.labelText.size() + prefix.size() + 32;
    prepared.fitsTypes.resize(family.samples.size());
    {
        TextOutput out(prepared.lines);
        out.reserve(bytes);
        for (qsizetype i = 0; i < family.samples.size(); ++i) {
            writeSample(out, prefix, family.samples[i], withProxy);
            prepared.fitsTypes[i] = fitsMask(family.name, family.samples[i]);
        }
    }
    prepared.sampleCount = family.samples.size();
    return prepared;
}

} // namespace

PreparedNode PreparedNode::prepare(const NodeExposition &node) {
    PreparedNode prepared{node.node, node.proxy, {}};
    const QByteArray prefix = labelPrefix(node);
    const bool withProxy = !node.proxy.isEmpty();
    prepared.families.reserve(node.exposition.families.size());
    for (const MetricFamily &family : node.exposition.families)
        prepared.families.append(prepareFamily(family, prefix, withProxy));
    return prepared;
}

qsizetype PreparedNode::textBytes() const {
    qsizetype bytes = 0;
    for (const PreparedFamily &family : families)
        bytes += family.lines.size() + family.fitsTypes.size() + family.help.size();
    return bytes;
}

} // namespace lmcf
