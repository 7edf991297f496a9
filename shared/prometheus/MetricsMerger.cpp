#include "prometheus/MetricsMerger.h"

#include "prometheus/ExpositionParser.h"
#include "prometheus/ExpositionWriter.h"

#include <QHash>

#include <array>
#include <string_view>

namespace lmcf {

namespace {

struct Member {
    int node;
    const MetricFamily *family;
};

struct Group {
    QList<Member> members;
};

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

MetricType resolveType(const Group &group) {
    std::array<int, 5> votes{};
    for (const Member &member : group.members)
        ++votes[static_cast<size_t>(member.family->type)];
    votes[static_cast<size_t>(MetricType::Untyped)] = 0; // untyped yields to any declared type
    int best = 0;
    for (const int count : votes)
        best = std::max(best, count);
    if (best == 0)
        return MetricType::Untyped;
    for (const Member &member : group.members) // node order breaks ties
        if (votes[static_cast<size_t>(member.family->type)] == best)
            return member.family->type;
    return MetricType::Untyped;
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

class MergeWriter final {
public:
    explicit MergeWriter(const QList<NodeExposition> &nodes)
        : m_nodes(nodes)
        , m_out(m_result.text) {}

    MergeResult run(const Exposition &extra);

private:
    void collect();
    void writeGroup(const Group &group);
    qsizetype writeMember(const Member &member, MetricType type);
    void writeSample(const QByteArray &prefix, const Sample &sample, bool withProxy);

    const QList<NodeExposition> &m_nodes;
    QList<QByteArray> m_prefixes; // `{node="<escaped name>"` per node
    QList<Group> m_groups;
    QHash<QByteArray, int> m_byName;
    MergeResult m_result;
    TextOutput m_out; // writes into m_result.text
};

MergeResult MergeWriter::run(const Exposition &extra) {
    collect();
    for (const Group &group : std::as_const(m_groups))
        writeGroup(group);
    for (const MetricFamily &family : extra.families) {
        if (m_byName.contains(family.name)) {
            m_result.problems.append(
                {QString(), family.name,
                 QStringLiteral("extra family dropped: a node uses its name")});
            continue;
        }
        ExpositionWriter::appendHeader(m_out, family, family.type);
        for (const Sample &sample : family.samples)
            ExpositionWriter::appendSample(m_out, sample);
        m_result.sampleCount += family.samples.size();
    }
    m_out.finish();
    return std::move(m_result);
}

void MergeWriter::collect() {
    qsizetype bytes = 0;
    for (int node = 0; node < m_nodes.size(); ++node) {
        QByteArray prefix;
        {
            TextOutput out(prefix);
            out.append("{node=\"");
            ExpositionWriter::appendLabelValue(out, m_nodes[node].node.toUtf8());
            out.append('"');
            if (!m_nodes[node].proxy.isEmpty()) {
                out.append(",proxy=\"");
                ExpositionWriter::appendLabelValue(out, m_nodes[node].proxy.toUtf8());
                out.append('"');
            }
        }
        m_prefixes.append(prefix);
        for (const MetricFamily &family : m_nodes[node].exposition.families) {
            auto it = m_byName.constFind(family.name);
            if (it == m_byName.cend()) {
                it = m_byName.insert(family.name, int(m_groups.size()));
                m_groups.append(Group());
            }
            m_groups[*it].members.append({node, &family});
            for (const Sample &sample : family.samples) // exact size: no regrowth copies
                bytes += sample.name.size() + sample.labelText.size() + prefix.size() + 32;
        }
    }
    m_out.reserve(bytes + m_groups.size() * 160);
}

void MergeWriter::writeGroup(const Group &group) {
    const MetricType type = resolveType(group);
    MetricFamily header;
    header.name = group.members.front().family->name;
    for (const Member &member : group.members) {
        if (header.help.isEmpty())
            header.help = member.family->help;
        if (header.unit.isEmpty())
            header.unit = member.family->unit;
    }
    ExpositionWriter::appendHeader(m_out, header, type);
    for (const Member &member : group.members) {
        const qsizetype dropped = writeMember(member, type);
        if (member.family->type == type ||
            (member.family->type == MetricType::Untyped && dropped == 0))
            continue;
        m_result.problems.append(
            {m_nodes[member.node].node, header.name,
             QStringLiteral("TYPE %1 differs from %2 (chosen by majority); %3 sample(s) dropped")
                 .arg(QString::fromLatin1(metricTypeName(member.family->type)),
                      QString::fromLatin1(metricTypeName(type)))
                 .arg(dropped)});
    }
}

// Writes the member's samples; returns how many were dropped for not fitting `type`.
qsizetype MergeWriter::writeMember(const Member &member, MetricType type) {
    const QByteArray &prefix = m_prefixes[member.node];
    const MetricFamily &family = *member.family;
    const bool withProxy = !m_nodes[member.node].proxy.isEmpty();
    if (family.type == type) {
        for (const Sample &sample : family.samples)
            writeSample(prefix, sample, withProxy);
        m_result.sampleCount += family.samples.size();
        return 0;
    }
    qsizetype dropped = 0;
    for (const Sample &sample : family.samples) {
        if (fits(type, family.name, sample)) {
            writeSample(prefix, sample, withProxy);
            ++m_result.sampleCount;
        } else {
            ++dropped;
        }
    }
    return dropped;
}

void MergeWriter::writeSample(const QByteArray &prefix, const Sample &sample, bool withProxy) {
    m_out.append(sample.name);
    m_out.append(prefix);
    if (!sample.labelText.isEmpty()) {
        m_out.append(',');
        const std::string_view labels(sample.labelText.constData(),
                                      size_t(sample.labelText.size()));
        const bool clash =
            hasLabelText(labels, "node") || (withProxy && hasLabelText(labels, "proxy"));
        m_out.append(clash ? renameOurLabels(sample, withProxy) : sample.labelText);
    }
    m_out.append('}');
    ExpositionWriter::appendValueAndTimestamp(m_out, sample);
}

} // namespace

MergeResult MetricsMerger::merge(const QList<NodeExposition> &nodes, const Exposition &extra) {
    return MergeWriter(nodes).run(extra);
}

MergeResult MetricsMerger::mergeText(const QList<NodeText> &nodes, const Exposition &extra) {
    QList<NodeExposition> parsed;
    QList<MergeProblem> skipped;
    for (const NodeText &node : nodes) {
        auto outcome = ExpositionParser::parse(
            node.text, ExpositionParser::formatFromContentType(node.contentType));
        if (outcome.ok())
            parsed.append({node.node, std::move(outcome).value()});
        else
            skipped.append(
                {node.node, QByteArray(), QStringLiteral("not merged: ") + outcome.error()});
    }
    MergeResult result = merge(parsed, extra);
    result.problems = skipped + result.problems;
    return result;
}

} // namespace lmcf
