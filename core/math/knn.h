#pragma once
// Exact k-nearest-neighbour search by blocked brute force: squared distances through one GEMM per
// block of queries, the k best kept per query, their distances then recomputed directly (the
// GEMM expansion loses digits for close pairs). O(n·q·D) flops; for the ≤ 50-D embeddings and
// ≤ ~100k points we search this beats a tree and parallelises without thread-dependent results.
#include <cstdint>
#include <vector>

#include <Eigen/Dense>

namespace scdesk {

class CancelToken;

struct KnnResult {
    // queries × k, row-major by query: neighbours ordered by (distance, index) so ties are stable.
    std::vector<std::int64_t> indices;
    std::vector<double> distances; // Euclidean
    std::int64_t k = 0;
    std::int64_t index(std::int64_t q, std::int64_t j) const { return indices[q * k + j]; }
    double distance(std::int64_t q, std::int64_t j) const { return distances[q * k + j]; }
};

// Rows are points. k ≤ data.rows(). A query that is also a data row finds itself (distance 0).
// Results do not depend on the thread count.
KnnResult exactKnn(const Eigen::MatrixXd& data, const Eigen::MatrixXd& queries, std::int64_t k,
                   const CancelToken* cancel = nullptr);

// Distance from each row to its nearest *other* row (by index; a duplicate row gives 0).
std::vector<double> nearestOtherDistances(const Eigen::MatrixXd& data, const CancelToken* cancel = nullptr);

} // namespace scdesk
