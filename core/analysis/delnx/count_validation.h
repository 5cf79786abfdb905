#pragma once
// Checks that a matrix holds counts (non-negative integers) before an NB fit, and names the
// layers that do when it does not (log-normalised X with raw counts in layers["counts"] is the
// most common mistake, delnx's own tutorial included).
#include <cstdint>
#include <string>
#include <vector>

#include "data/dataset.h"

namespace scdesk {
class CancelToken;
}

namespace scdesk::delnx {

struct CountCheck {
    std::int64_t negative = 0;   // stored values < 0
    std::int64_t nonInteger = 0; // stored values with a fractional part (or non-finite)
    double firstNegative = 0;    // an example of each, for the message
    double firstNonInteger = 0;
    bool ok() const { return negative == 0 && nonInteger == 0; }
};

// One pass over the stored values (only the non-zeros of a sparse matrix), parallel.
CountCheck checkCounts(const Matrix& matrix, const CancelToken& cancel);

// "X" and the layers whose values are non-negative integers, in that order.
std::vector<std::string> layersWithCounts(const Dataset& dataset, const CancelToken& cancel);

// Throws InvalidInput when `layer` ("X" or "" for X) is not counts: what was found (negative
// values, non-integer values such as 0.693 — "looks log-normalised") and which layers to choose.
void requireCounts(const Dataset& dataset, const std::string& layer, const CancelToken& cancel);

} // namespace scdesk::delnx
