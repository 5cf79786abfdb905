#include "math/diffusion_map.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>
#include <vector>

#include <Eigen/Eigenvalues>

#include "math/knn.h"
#include "math/random.h"
#include "util/cancel_token.h"
#include "util/errors.h"

namespace scdesk {

namespace {

using SparseRows = Eigen::SparseMatrix<double, Eigen::RowMajor>;

// Fixed row blocks for every parallel loop and reduction: partial results are combined in block
// order, so the thread count never changes a rounding.
constexpr Eigen::Index kRowBlock = 1024;

Eigen::Index blockCount(Eigen::Index n)
{
    return (n + kRowBlock - 1) / kRowBlock;
}

// y = S x
void multiply(const SparseRows& s, const Eigen::VectorXd& x, Eigen::VectorXd& y)
{
    const Eigen::Index n = s.rows();
    y.resize(n);
#pragma omp parallel for schedule(static)
    for (Eigen::Index b = 0; b < blockCount(n); ++b) {
        const Eigen::Index r1 = std::min(n, (b + 1) * kRowBlock);
        for (Eigen::Index r = b * kRowBlock; r < r1; ++r) {
            double sum = 0;
            for (SparseRows::InnerIterator it(s, r); it; ++it)
                sum += it.value() * x[it.index()];
            y[r] = sum;
        }
    }
}

// Vᵀw over the first `cols` columns of V.
Eigen::VectorXd project(const Eigen::MatrixXd& v, Eigen::Index cols, const Eigen::VectorXd& w)
{
    const Eigen::Index n = v.rows(), nb = blockCount(n);
    Eigen::MatrixXd partial(cols, nb);
#pragma omp parallel for schedule(static)
    for (Eigen::Index b = 0; b < nb; ++b) {
        const Eigen::Index r0 = b * kRowBlock, len = std::min(kRowBlock, n - r0);
        partial.col(b).noalias() = v.block(r0, 0, len, cols).transpose() * w.segment(r0, len);
    }
    Eigen::VectorXd h = Eigen::VectorXd::Zero(cols);
    for (Eigen::Index b = 0; b < nb; ++b)
        h += partial.col(b);
    return h;
}

// w −= V h over the first h.size() columns of V.
void subtractCombination(const Eigen::MatrixXd& v, const Eigen::VectorXd& h, Eigen::VectorXd& w)
{
    const Eigen::Index n = v.rows();
#pragma omp parallel for schedule(static)
    for (Eigen::Index b = 0; b < blockCount(n); ++b) {
        const Eigen::Index r0 = b * kRowBlock, len = std::min(kRowBlock, n - r0);
        w.segment(r0, len).noalias() -= v.block(r0, 0, len, h.size()) * h;
    }
}

// V(:, 0..cols) Y, by row blocks (Eigen's own GEMM threading would make the rounding depend on
// the thread count; inside a parallel region it runs single-threaded).
Eigen::MatrixXd combine(const Eigen::MatrixXd& v, Eigen::Index cols, const Eigen::MatrixXd& y)
{
    const Eigen::Index n = v.rows();
    Eigen::MatrixXd out(n, y.cols());
#pragma omp parallel for schedule(static)
    for (Eigen::Index b = 0; b < blockCount(n); ++b) {
        const Eigen::Index r0 = b * kRowBlock, len = std::min(kRowBlock, n - r0);
        out.middleRows(r0, len).noalias() = v.block(r0, 0, len, cols) * y;
    }
    return out;
}

double norm(const Eigen::VectorXd& w)
{
    const Eigen::Index n = w.size(), nb = blockCount(n);
    double sum = 0;
    for (Eigen::Index b = 0; b < nb; ++b) {
        const Eigen::Index r0 = b * kRowBlock, len = std::min(kRowBlock, n - r0);
        sum += w.segment(r0, len).squaredNorm();
    }
    return std::sqrt(sum);
}

// Orthogonalises w against the first `cols` columns of V twice (classical Gram–Schmidt, twice is
// enough); returns the accumulated coefficients.
Eigen::VectorXd orthogonalise(const Eigen::MatrixXd& v, Eigen::Index cols, Eigen::VectorXd& w)
{
    Eigen::VectorXd h = project(v, cols, w);
    subtractCombination(v, h, w);
    const Eigen::VectorXd h2 = project(v, cols, w);
    subtractCombination(v, h2, w);
    return h + h2;
}

// Eigenpairs of the symmetric S, `k` of largest |λ|, in that order.
struct SymmetricEigenpairs {
    Eigen::VectorXd values;
    Eigen::MatrixXd vectors;
    std::int64_t restarts = 0;
};

// Indices of `theta` by |θ| descending (then θ descending, then index): ARPACK's "LM" order.
std::vector<Eigen::Index> byMagnitude(const Eigen::VectorXd& theta)
{
    std::vector<Eigen::Index> order(static_cast<std::size_t>(theta.size()));
    std::iota(order.begin(), order.end(), Eigen::Index{0});
    std::stable_sort(order.begin(), order.end(), [&](Eigen::Index a, Eigen::Index b) {
        const double ma = std::abs(theta[a]), mb = std::abs(theta[b]);
        if (ma != mb)
            return ma > mb;
        return theta[a] > theta[b];
    });
    return order;
}

SymmetricEigenpairs denseEigenpairs(const SparseRows& s, Eigen::Index k)
{
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(Eigen::MatrixXd(s.toDense()));
    const auto order = byMagnitude(eig.eigenvalues());
    SymmetricEigenpairs out;
    out.values.resize(k);
    out.vectors.resize(s.rows(), k);
    for (Eigen::Index i = 0; i < k; ++i) {
        out.values[i] = eig.eigenvalues()[order[static_cast<std::size_t>(i)]];
        out.vectors.col(i) = eig.eigenvectors().col(order[static_cast<std::size_t>(i)]);
    }
    return out;
}

// A random unit vector orthogonal to the first `cols` columns of V.
Eigen::VectorXd randomOrthogonal(const Eigen::MatrixXd& v, Eigen::Index cols, Rng& rng)
{
    Eigen::VectorXd w(v.rows());
    for (Eigen::Index i = 0; i < w.size(); ++i)
        w[i] = rng.normal();
    if (cols > 0)
        orthogonalise(v, cols, w);
    return w / norm(w);
}

// Thick-restart (Krylov–Schur) Lanczos with full reorthogonalisation for the k eigenpairs of
// largest |λ| of the symmetric S (‖S‖ ≤ 1). S V = V H + β v_{m+1} e_mᵀ is kept; at a restart the
// `keep` Ritz vectors of largest |θ| and the residual vector start the next basis, H becoming
// diag(θ) plus the coupling row β·Y(m−1, :). Converged when every wanted Ritz pair has ‖Su − θu‖ ≤ tol, first by
// the cheap estimate |β·y_m|, then recomputed explicitly.
SymmetricEigenpairs lanczosEigenpairs(const SparseRows& s, Eigen::Index k, Eigen::Index krylov, double tol,
                                      Rng& rng, const CancelToken* cancel)
{
    const Eigen::Index n = s.rows();
    const Eigen::Index m = std::min<Eigen::Index>(n - 1, krylov);
    const Eigen::Index keep = std::min<Eigen::Index>(m - 2, k + (m - k) / 2);
    constexpr std::int64_t kMaxRestarts = 3000;
    Eigen::MatrixXd v(n, m + 1);
    Eigen::MatrixXd h = Eigen::MatrixXd::Zero(m + 1, m);
    v.col(0) = randomOrthogonal(v, 0, rng);
    Eigen::Index start = 0; // columns 0..start−1 come from the last restart
    Eigen::VectorXd w;
    SymmetricEigenpairs out;
    double targetTol = tol;
    for (std::int64_t restart = 0;; ++restart) {
        throwIfCancelled(cancel);
        for (Eigen::Index j = start; j < m; ++j) {
            throwIfCancelled(cancel);
            multiply(s, v.col(j), w);
            h.block(0, j, j + 1, 1) = orthogonalise(v, j + 1, w);
            const double beta = norm(w);
            // An invariant subspace (β ≈ 0): continue with a fresh direction, decoupled.
            if (beta <= 1e-12) {
                h(j + 1, j) = 0;
                v.col(j + 1) = randomOrthogonal(v, j + 1, rng);
            } else {
                h(j + 1, j) = beta;
                v.col(j + 1) = w / beta;
            }
        }
        const Eigen::MatrixXd hm = 0.5 * (h.topRows(m) + h.topRows(m).transpose());
        const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(hm);
        const auto order = byMagnitude(eig.eigenvalues());
        const double betaM = h(m, m - 1);
        bool estimatedConverged = true;
        for (Eigen::Index i = 0; i < k; ++i)
            estimatedConverged = estimatedConverged
                                 && std::abs(betaM * eig.eigenvectors()(m - 1, order[static_cast<std::size_t>(i)]))
                                        <= targetTol;
        if (estimatedConverged || restart >= kMaxRestarts) {
            Eigen::MatrixXd y(m, k);
            out.values.resize(k);
            for (Eigen::Index i = 0; i < k; ++i) {
                out.values[i] = eig.eigenvalues()[order[static_cast<std::size_t>(i)]];
                y.col(i) = eig.eigenvectors().col(order[static_cast<std::size_t>(i)]);
            }
            out.vectors = combine(v, m, y);
            double worst = 0;
            for (Eigen::Index i = 0; i < k; ++i) {
                out.vectors.col(i) /= norm(out.vectors.col(i));
                multiply(s, out.vectors.col(i), w);
                w -= out.values[i] * out.vectors.col(i);
                worst = std::max(worst, norm(w));
            }
            out.restarts = restart;
            // The estimate trusts an orthonormal basis; when rounding has spoiled that, iterate on
            // with a tighter target.
            if (worst <= tol || restart >= kMaxRestarts || targetTol < 1e-15)
                return out;
            targetTol *= 0.1;
        }
        // Thick restart on the `keep` Ritz pairs of largest |θ|.
        Eigen::MatrixXd y(m, keep);
        Eigen::VectorXd theta(keep);
        for (Eigen::Index i = 0; i < keep; ++i) {
            theta[i] = eig.eigenvalues()[order[static_cast<std::size_t>(i)]];
            y.col(i) = eig.eigenvectors().col(order[static_cast<std::size_t>(i)]);
        }
        const Eigen::VectorXd residualVector = v.col(m);
        v.leftCols(keep) = combine(v, m, y);
        v.col(keep) = residualVector;
        h.setZero();
        for (Eigen::Index i = 0; i < keep; ++i) {
            h(i, i) = theta[i];
            h(keep, i) = betaM * y(m - 1, i);
        }
        start = keep;
    }
}

// Connected components of the graph of K's positive entries, labelled in order of their first cell.
std::vector<std::int64_t> componentLabels(const SparseRows& k, std::int64_t& count)
{
    const Eigen::Index n = k.rows();
    std::vector<std::int64_t> label(static_cast<std::size_t>(n), -1);
    std::vector<Eigen::Index> stack;
    count = 0;
    for (Eigen::Index seed = 0; seed < n; ++seed) {
        if (label[static_cast<std::size_t>(seed)] >= 0)
            continue;
        label[static_cast<std::size_t>(seed)] = count;
        stack.push_back(seed);
        while (!stack.empty()) {
            const Eigen::Index r = stack.back();
            stack.pop_back();
            for (SparseRows::InnerIterator it(k, r); it; ++it)
                if (it.value() > 0 && label[static_cast<std::size_t>(it.index())] < 0) {
                    label[static_cast<std::size_t>(it.index())] = count;
                    stack.push_back(it.index());
                }
        }
        ++count;
    }
    return label;
}

void checkInput(const Eigen::MatrixXd& x, std::int64_t knn, std::int64_t nComponents)
{
    if (knn < 2)
        throw InvalidParameter("diffusion map: knn must be at least 2, got " + std::to_string(knn));
    if (nComponents < 1)
        throw InvalidParameter("diffusion map: n_components must be at least 1, got " + std::to_string(nComponents));
    if (x.rows() <= knn || x.rows() <= nComponents + 1)
        throw InvalidInput("a diffusion map with " + std::to_string(knn) + " neighbours and "
                           + std::to_string(nComponents) + " components needs more than "
                           + std::to_string(std::max(knn, nComponents + 1)) + " cells; there are "
                           + std::to_string(x.rows()));
    if (x.cols() < 1)
        throw InvalidInput("a diffusion map needs at least one input dimension");
    if (!x.allFinite())
        throw InvalidInput("the diffusion map input contains NaN or infinite values");
}

} // namespace

SparseRows diffusionKernel(const Eigen::MatrixXd& x, std::int64_t knn, double alpha, const CancelToken* cancel)
{
    checkInput(x, knn, 1);
    const Eigen::Index n = x.rows();
    const KnnResult nn = exactKnn(x, x, knn, cancel);
    throwIfCancelled(cancel);
    // scanpy drops the cell itself from its knn neighbours; with exact duplicates the cell may be
    // listed after them, or not at all, so drop it by index (or else the farthest).
    const std::int64_t others = knn - 1;
    const std::int64_t adaptive = std::max<std::int64_t>(1, knn / 3); // 1-based rank among others
    std::vector<Eigen::Triplet<double>> triplets;
    triplets.reserve(static_cast<std::size_t>(2 * n * others));
    std::vector<std::int64_t> idx(static_cast<std::size_t>(others));
    std::vector<double> dist(static_cast<std::size_t>(others));
    for (Eigen::Index i = 0; i < n; ++i) {
        std::int64_t c = 0;
        for (std::int64_t j = 0; j < knn && c < others; ++j) {
            if (nn.index(i, j) == i)
                continue;
            idx[static_cast<std::size_t>(c)] = nn.index(i, j);
            dist[static_cast<std::size_t>(c)] = nn.distance(i, j);
            ++c;
        }
        double sigma = dist[static_cast<std::size_t>(adaptive - 1)];
        if (sigma <= 0) { // duplicates: the nearest positive distance (Palantir gives NaN here)
            for (double d : dist)
                if (d > 0) {
                    sigma = d;
                    break;
                }
        }
        for (std::int64_t j = 0; j < others; ++j) {
            const double d = dist[static_cast<std::size_t>(j)];
            const double wij = d == 0 ? 1.0 : (sigma > 0 ? std::exp(-d / sigma) : 0.0);
            triplets.emplace_back(i, idx[static_cast<std::size_t>(j)], wij);
            triplets.emplace_back(idx[static_cast<std::size_t>(j)], i, wij); // + Wᵀ
        }
    }
    SparseRows kernel(n, n);
    kernel.setFromTriplets(triplets.begin(), triplets.end()); // sums duplicates: W + Wᵀ
    if (alpha > 0) {
        Eigen::VectorXd scale(n);
        for (Eigen::Index r = 0; r < n; ++r) {
            const double d = kernel.row(r).sum();
            scale[r] = d != 0 ? std::pow(d, -alpha) : 0.0;
        }
        for (Eigen::Index r = 0; r < n; ++r)
            for (SparseRows::InnerIterator it(kernel, r); it; ++it)
                it.valueRef() *= scale[r] * scale[it.index()];
    }
    return kernel;
}

DiffusionMap diffusionMap(const Eigen::MatrixXd& x, const DiffusionMapOptions& options, const CancelToken* cancel)
{
    checkInput(x, options.knn, options.nComponents);
    const Eigen::Index n = x.rows(), k = options.nComponents;
    // At least k + 2 so that a restart keeps every wanted pair plus one.
    const Eigen::Index krylov = std::max<Eigen::Index>(
        k + 2, options.krylovSize > 0 ? options.krylovSize : std::max<Eigen::Index>(4 * k, 60));
    const SparseRows kernel = diffusionKernel(x, options.knn, options.alpha, cancel);
    Eigen::VectorXd invSqrtDegree(n);
    for (Eigen::Index r = 0; r < n; ++r) {
        const double d = kernel.row(r).sum();
        invSqrtDegree[r] = d != 0 ? 1.0 / std::sqrt(d) : 0.0; // Palantir: D⁻¹ = 0 where D = 0
    }

    DiffusionMap out;
    const std::vector<std::int64_t> label = componentLabels(kernel, out.graphComponents);
    std::vector<std::vector<Eigen::Index>> members(static_cast<std::size_t>(out.graphComponents));
    for (Eigen::Index i = 0; i < n; ++i)
        members[static_cast<std::size_t>(label[static_cast<std::size_t>(i)])].push_back(i);

    // Candidate eigenpairs of T from every component, φ on the component's cells.
    struct Candidate {
        double value;
        std::int64_t component;
        Eigen::VectorXd phi;
        double residual;
    };
    std::vector<Candidate> candidates;
    std::vector<Eigen::Index> local(static_cast<std::size_t>(n));
    for (std::int64_t c = 0; c < out.graphComponents; ++c) {
        throwIfCancelled(cancel);
        const auto& rows = members[static_cast<std::size_t>(c)];
        const auto nc = static_cast<Eigen::Index>(rows.size());
        for (Eigen::Index i = 0; i < nc; ++i)
            local[static_cast<std::size_t>(rows[static_cast<std::size_t>(i)])] = i;
        // S_c = D^−½ K D^−½ on this component.
        std::vector<Eigen::Triplet<double>> triplets;
        for (Eigen::Index i = 0; i < nc; ++i) {
            const Eigen::Index r = rows[static_cast<std::size_t>(i)];
            for (SparseRows::InnerIterator it(kernel, r); it; ++it)
                if (it.value() > 0)
                    triplets.emplace_back(i, local[static_cast<std::size_t>(it.index())],
                                          invSqrtDegree[r] * it.value() * invSqrtDegree[it.index()]);
        }
        SparseRows s(nc, nc);
        s.setFromTriplets(triplets.begin(), triplets.end());
        // ‖Tφ − λφ‖/‖φ‖ ≤ √(d_max/d_min)·‖Sψ − λψ‖ for φ = D^−½ψ: tighten the S target accordingly.
        double minInv = std::numeric_limits<double>::infinity(), maxInv = 0;
        for (Eigen::Index r : rows)
            if (invSqrtDegree[r] > 0) {
                minInv = std::min(minInv, invSqrtDegree[r]);
                maxInv = std::max(maxInv, invSqrtDegree[r]);
            }
        const double tolS = maxInv > 0 ? options.tolerance * minInv / maxInv : options.tolerance;
        const Eigen::Index kc = std::min<Eigen::Index>(k, nc);
        SymmetricEigenpairs pairs;
        if (nc <= std::max<Eigen::Index>(options.denseLimit, krylov + 1)) {
            pairs = denseEigenpairs(s, kc);
        } else {
            Rng rng(options.seed, static_cast<std::uint64_t>(c));
            pairs = lanczosEigenpairs(s, kc, krylov, tolS, rng, cancel);
            out.lanczosRestarts += pairs.restarts;
        }
        for (Eigen::Index i = 0; i < kc; ++i) {
            Candidate cand{pairs.values[i], c, Eigen::VectorXd(), 0.0};
            Eigen::VectorXd phiLocal(nc);
            for (Eigen::Index j = 0; j < nc; ++j)
                phiLocal[j] = invSqrtDegree[rows[static_cast<std::size_t>(j)]] * pairs.vectors(j, i);
            if (phiLocal.norm() == 0) // isolated cells (zero degree): T e_i = 0
                phiLocal = pairs.vectors.col(i);
            phiLocal /= phiLocal.norm();
            // The residual in T itself: (Tφ)_r = Σ K_rj φ_j / d_r.
            double r2 = 0;
            for (Eigen::Index j = 0; j < nc; ++j) {
                const Eigen::Index r = rows[static_cast<std::size_t>(j)];
                double tphi = 0;
                for (SparseRows::InnerIterator it(kernel, r); it; ++it)
                    tphi += it.value() * phiLocal[local[static_cast<std::size_t>(it.index())]];
                tphi *= invSqrtDegree[r] * invSqrtDegree[r];
                r2 += (tphi - cand.value * phiLocal[j]) * (tphi - cand.value * phiLocal[j]);
            }
            cand.residual = std::sqrt(r2);
            // Sign: the largest-magnitude entry (the first of equals) positive.
            Eigen::Index arg = 0;
            for (Eigen::Index j = 1; j < nc; ++j)
                if (std::abs(phiLocal[j]) > std::abs(phiLocal[arg]))
                    arg = j;
            if (phiLocal[arg] < 0)
                phiLocal = -phiLocal;
            cand.phi = std::move(phiLocal);
            candidates.push_back(std::move(cand));
        }
    }

    // ARPACK's selection (largest |λ|), then Palantir's order (λ descending). Eigenvalues equal to
    // 12 digits (λ = 1 of several graph components) keep the order of their components.
    auto rounded = [](double v) { return std::llround(v * 1e12); };
    std::vector<std::size_t> order(candidates.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const auto ma = rounded(std::abs(candidates[a].value)), mb = rounded(std::abs(candidates[b].value));
        if (ma != mb)
            return ma > mb;
        return candidates[a].component < candidates[b].component;
    });
    order.resize(static_cast<std::size_t>(k));
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const auto va = rounded(candidates[a].value), vb = rounded(candidates[b].value);
        if (va != vb)
            return va > vb;
        return candidates[a].component < candidates[b].component;
    });
    out.eigenvectors = Eigen::MatrixXd::Zero(n, k);
    out.eigenvalues.resize(k);
    for (Eigen::Index i = 0; i < k; ++i) {
        const Candidate& cand = candidates[order[static_cast<std::size_t>(i)]];
        out.eigenvalues[i] = cand.value;
        const auto& rows = members[static_cast<std::size_t>(cand.component)];
        for (std::size_t j = 0; j < rows.size(); ++j)
            out.eigenvectors(rows[j], i) = cand.phi[static_cast<Eigen::Index>(j)];
        out.maxResidual = std::max(out.maxResidual, cand.residual);
    }
    out.converged = out.maxResidual <= options.tolerance;
    return out;
}

double estimateDiffusionMapSeconds(std::int64_t nCells, std::int64_t nDims, std::int64_t knn)
{
    const double n = static_cast<double>(nCells), d = static_cast<double>(nDims);
    // Calibrated 2026-11-21 on the 2-core development machine under load from other builds:
    // 20,000 × 50 clustered cells took 10 s for the exact kNN search (GEMM plus a heap test per
    // pair) and ~1.5 s for kernel and eigenvectors (4 restarts); 5,000 × 50 took 0.9 s in all.
    const double knnSeconds = n * n * (2.0 * d + 50.0) / 6.0e9;
    const double eigenSeconds = n * (1.0e-4 + 1.0e-6 * static_cast<double>(knn));
    return knnSeconds + eigenSeconds;
}

double estimateDiffusionMapBytes(std::int64_t nCells, std::int64_t nDims, std::int64_t knn, std::int64_t nComponents)
{
    const double n = static_cast<double>(nCells);
    const double krylov = static_cast<double>(std::max<std::int64_t>(4 * nComponents, 60) + 1);
    // input copy, kNN lists, kernel and S (CSR, both directions), Lanczos basis, candidates
    return 8.0 * n * static_cast<double>(nDims) + 16.0 * n * static_cast<double>(knn)
           + 2.0 * 24.0 * n * 2.0 * static_cast<double>(knn) + 8.0 * n * krylov
           + 8.0 * n * 2.0 * static_cast<double>(nComponents);
}

} // namespace scdesk
