#pragma once
// The limits of what the engine accepts, one place for all of them (docs/limits.md explains
// each and how it was chosen). Every limit is reported as FILE:LINE:COL: error:, exit 2.
// They are chosen so that the largest accepted model stays under 1 GB and 30 s
// (test/hostile/gen_limits.py builds models at each limit).
#include <cstddef>

namespace pf::limits {

/// Bytes of one input file (a model, a rule, a template).
inline constexpr std::size_t kMaxInputBytes = 8u << 20;  // 8 MiB
/// Nesting of block or flow collections; yaml-cpp recurses once per level.
inline constexpr int kMaxDepth = 64;
/// Nodes visited while reading one file, every use of an alias counted again ("billion laughs").
inline constexpr std::size_t kMaxNodes = 2'000'000;
/// Bytes of one scalar (a name, a description, any text).
inline constexpr std::size_t kMaxScalarBytes = 64u << 10;  // 64 KiB
/// Items of one list (steps of a flow, ledgers, states, ...).
inline constexpr std::size_t kMaxListItems = 10'000;
/// Elements of one model: ledgers, invariants, integrations, operations, events, flows, steps,
/// compensations, lifecycles, states, transitions, operations, jobs and breaches together.
/// The benchmark's 10,000-step model holds 15,450.
inline constexpr std::size_t kMaxElements = 16'000;
/// Unknown references that get a "did you mean" hint; later ones get the error alone.
inline constexpr int kMaxHints = 20;
/// Candidates compared for one "did you mean" hint (the rest are not considered).
inline constexpr std::size_t kMaxHintCandidates = 1'000;
/// Length of a word for which a hint is looked for at all.
inline constexpr std::size_t kMaxHintWordBytes = 64;

}  // namespace pf::limits

namespace pf {
struct Model;
class Diagnostics;
/// Reports (once, at the first element past the limit) a model with more than kMaxElements
/// elements; false when it has too many.
bool check_element_limit(const Model& m, Diagnostics& diags);
}  // namespace pf
