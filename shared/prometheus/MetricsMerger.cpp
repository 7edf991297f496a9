#include "prometheus/MetricsMerger.h"

#include "prometheus/ExpositionParser.h"
#include "prometheus/ExpositionWriter.h"

#include <QHash>

#include <array>

namespace lmcf {

namespace {

struct Member {
    int node;
    const PreparedFamily *family;
};

struct Group {
    QList<Member> members;
};

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

// Writes the merged text as pieces: each header and each filtered or extra part is a small new
// text, each member whose type was chosen is its node's prepared lines, shared.
class MergeWriter final {
public:
    MergeWriter(const QList<const PreparedNode *> &nodes, const MetricsMerger::FamilyFilter &wanted)
        : m_nodes(nodes)
        , m_wanted(wanted) {}

    MergeResult run(const Exposition &extra);

private:
    void collect();
    void writeGroup(const Group &group);
    qsizetype writeMember(const Member &member, MetricType type);
    void appendPiece(QByteArray piece);

    const QList<const PreparedNode *> &m_nodes;
    const MetricsMerger::FamilyFilter &m_wanted;
    QList<Group> m_groups;
    QHash<QByteArray, int> m_byName;
    MergeResult m_result;
};

MergeResult MergeWriter::run(const Exposition &extra) {
    collect();
    for (const Group &group : std::as_const(m_groups))
        writeGroup(group);
    QByteArray extraText;
    {
        TextOutput out(extraText);
        for (const MetricFamily &family : extra.families) {
            if (m_byName.contains(family.name)) {
                m_result.problems.append(
                    {QString(), family.name,
                     QStringLiteral("extra family dropped: a node uses its name")});
                continue;
            }
            ExpositionWriter::appendHeader(out, family, family.type);
            for (const Sample &sample : family.samples)
                ExpositionWriter::appendSample(out, sample);
            m_result.sampleCount += family.samples.size();
        }
    }
    appendPiece(std::move(extraText));
    return std::move(m_result);
}

void MergeWriter::collect() {
    qsizetype members = 0;
    for (int node = 0; node < m_nodes.size(); ++node) {
        for (const PreparedFamily &family : m_nodes[node]->families) {
            if (m_wanted && !m_wanted(family.name, family.type))
                continue;
            auto it = m_byName.constFind(family.name);
            if (it == m_byName.cend()) {
                it = m_byName.insert(family.name, int(m_groups.size()));
                m_groups.append(Group());
            }
            m_groups[*it].members.append({node, &family});
            ++members;
        }
    }
    m_result.pieces.reserve(members + m_groups.size() + 1);
}

void MergeWriter::appendPiece(QByteArray piece) {
    if (!piece.isEmpty())
        m_result.pieces.append(std::move(piece));
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
    QByteArray headerText;
    {
        TextOutput out(headerText);
        ExpositionWriter::appendHeader(out, header, type);
    }
    appendPiece(std::move(headerText));
    for (const Member &member : group.members) {
        const qsizetype dropped = writeMember(member, type);
        if (member.family->type == type ||
            (member.family->type == MetricType::Untyped && dropped == 0))
            continue;
        m_result.problems.append(
            {m_nodes[member.node]->node, header.name,
             QStringLiteral("TYPE %1 differs from %2 (chosen by majority); %3 sample(s) dropped")
                 .arg(QString::fromLatin1(metricTypeName(member.family->type)),
                      QString::fromLatin1(metricTypeName(type)))
                 .arg(dropped)});
    }
}

// Appends the member's lines; returns how many were dropped for not fitting `type`.
qsizetype MergeWriter::writeMember(const Member &member, MetricType type) {
    const PreparedFamily &family = *member.family;
    if (family.type == type) {
        appendPiece(family.lines);
        m_result.sampleCount += family.sampleCount;
        return 0;
    }
    qsizetype dropped = 0;
    qsizetype start = 0;
    QByteArray kept;
    {
        TextOutput out(kept);
        for (qsizetype i = 0; i < family.sampleCount; ++i) {
            // Every line ends with its only newline: label values escape theirs.
            const qsizetype end = family.lines.indexOf('\n', start) + 1;
            if (family.fits(i, type)) {
                out.append(family.lines.constData() + start, end - start);
                ++m_result.sampleCount;
            } else {
                ++dropped;
            }
            start = end;
        }
    }
    appendPiece(std::move(kept));
    return dropped;
}

QList<const PreparedNode *> present(const QList<std::shared_ptr<const PreparedNode>> &nodes) {
    QList<const PreparedNode *> result;
    result.reserve(nodes.size());
    for (const auto &node : nodes)
        if (node)
            result.append(node.get());
    return result;
}

} // namespace

MergeResult MetricsMerger::merge(const QList<NodeExposition> &nodes, const Exposition &extra) {
    QList<std::shared_ptr<const PreparedNode>> prepared;
    prepared.reserve(nodes.size());
    for (const NodeExposition &node : nodes)
        prepared.append(std::make_shared<const PreparedNode>(PreparedNode::prepare(node)));
    return mergePrepared(prepared, extra);
}

MergeResult MetricsMerger::mergePrepared(const QList<std::shared_ptr<const PreparedNode>> &nodes,
                                         const Exposition &extra, const FamilyFilter &wanted) {
    MergeResult result = mergePreparedPieces(nodes, extra, wanted);
    result.text = std::exchange(result.pieces, {}).join();
    return result;
}

MergeResult
MetricsMerger::mergePreparedPieces(const QList<std::shared_ptr<const PreparedNode>> &nodes,
                                   const Exposition &extra, const FamilyFilter &wanted) {
    const QList<const PreparedNode *> prepared = present(nodes);
    return MergeWriter(prepared, wanted).run(extra);
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
