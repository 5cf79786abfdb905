#include "math/knn.h"

#include <algorithm>
#include <limits>

#include "util/cancel_token.h"
#include "util/errors.h"

namespace scdesk {

namespace {

constexpr std::int64_t kQueryBlock = 256;
constexpr std::int64_t kDataBlock = 4096;

struct Candidate {
    double d2;
    std::int64_t index;
    bool operator<(const Candidate& o) const { return d2 < o.d2 || (d2 == o.d2 && index < o.index); }
};

// Searches with k + `extra` candidates, excluding `self` when it is >= 0.
void searchBlock(const Eigen::MatrixXd& data, const Eigen::VectorXd& dataNorms, const Eigen::MatrixXd& queries,
                 std::int64_t q0, std::int64_t q1, std::int64_t k, bool excludeSelf, KnnResult& out)
{
    const std::int64_t nq = q1 - q0;
    const std::int64_t n = data.rows();
    const Eigen::MatrixXd q = queries.middleRows(q0, nq);
    const Eigen::VectorXd qNorms = q.rowwise().squaredNorm();
    std::vector<std::vector<Candidate>> best(static_cast<std::size_t>(nq));
    const std::int64_t keep = std::min<std::int64_t>(n, k + 2); // a little slack for rounding
    Eigen::MatrixXd d2;
    for (std::int64_t b0 = 0; b0 < n; b0 += kDataBlock) {
        const std::int64_t nb = std::min(kDataBlock, n - b0);
        d2.noalias() = -2.0 * q * data.middleRows(b0, nb).transpose();
        for (std::int64_t i = 0; i < nq; ++i) {
            auto& heap = best[i];
            for (std::int64_t j = 0; j < nb; ++j) {
                const std::int64_t idx = b0 + j;
                if (excludeSelf && idx == q0 + i)
                    continue;
                const Candidate c{std::max(0.0, d2(i, j) + qNorms[i] + dataNorms[idx]), idx};
                if (static_cast<std::int64_t>(heap.size()) < keep) {
                    heap.push_back(c);
                    std::push_heap(heap.begin(), heap.end());
                } else if (c < heap.front()) {
                    std::pop_heap(heap.begin(), heap.end());
                    heap.back() = c;
                    std::push_heap(heap.begin(), heap.end());
                }
            }
        }
    }
    for (std::int64_t i = 0; i < nq; ++i) {
        auto& cands = best[i];
        for (auto& c : cands) // exact distances for the survivors
            c.d2 = (data.row(c.index) - q.row(i)).squaredNorm();
        std::sort(cands.begin(), cands.end());
        for (std::int64_t j = 0; j < k; ++j) {
            out.indices[(q0 + i) * k + j] = cands[j].index;
            out.distances[(q0 + i) * k + j] = std::sqrt(cands[j].d2);
        }
    }
}

KnnResult search(const Eigen::MatrixXd& data, const Eigen::MatrixXd& queries, std::int64_t k, bool excludeSelf,
                 const CancelToken* cancel)
{
    if (data.cols() != queries.cols())
        throw InvalidParameter("kNN: data and queries differ in dimension");
    const std::int64_t available = data.rows() - (excludeSelf ? 1 : 0);
    if (k < 1 || k > available)
        throw InvalidParameter("kNN: k = " + std::to_string(k) + " but only " + std::to_string(available)
                               + " points to search");
    KnnResult out;
    out.k = k;
    out.indices.assign(static_cast<std::size_t>(queries.rows() * k), -1);
    out.distances.assign(static_cast<std::size_t>(queries.rows() * k), 0.0);
    const Eigen::VectorXd norms = data.rowwise().squaredNorm();
    const std::int64_t nBlocks = (queries.rows() + kQueryBlock - 1) / kQueryBlock;
    bool cancelled = false;
    // Inside the parallel loop Eigen's GEMM runs single-threaded: blocks are the unit of work, and
    // their results do not depend on which thread computes them.
#pragma omp parallel for schedule(dynamic)
    for (std::int64_t b = 0; b < nBlocks; ++b) {
        if (cancelled)
            continue;
        if (cancel && cancel->isCancelled()) {
            cancelled = true;
            continue;
        }
        const std::int64_t q0 = b * kQueryBlock;
        searchBlock(data, norms, queries, q0, std::min(queries.rows(), q0 + kQueryBlock), k, excludeSelf, out);
    }
    if (cancelled)
        throw Cancelled();
    return out;
}

} // namespace

KnnResult exactKnn(const Eigen::MatrixXd& data, const Eigen::MatrixXd& queries, std::int64_t k,
                   const CancelToken* cancel)
{
    return search(data, queries, k, false, cancel);
}

std::vector<double> nearestOtherDistances(const Eigen::MatrixXd& data, const CancelToken* cancel)
{
    const KnnResult r = search(data, data, 1, true, cancel);
    return r.distances;
}

} // namespace scdesk
