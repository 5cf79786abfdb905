// Matrix slots: CSR ↔ CSC conversion against a dense reference, validation messages, sizes,
// and the Dataset edits that record what changed (what the writer relies on).
#include <QtTest>
#include <random>

#include "data/dataset.h"
#include "util/errors.h"

using namespace scdesk;

namespace {

CsrMatrix randomCsr(int rows, int cols, unsigned seed)
{
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> u(0, 1);
    CsrMatrix m{rows, cols, {0}, {}, {}};
    for (int r = 0; r < rows; ++r) {
        for (int c = 0; c < cols; ++c)
            if (u(rng) < 0.3f) {
                m.indices.push_back(c);
                m.data.push_back(1 + std::floor(10 * u(rng)));
            }
        m.indptr.push_back(static_cast<std::int64_t>(m.data.size()));
    }
    return m;
}

DenseMatrix dense(const CsrMatrix& m)
{
    DenseMatrix d = DenseMatrix::Zero(m.rows, m.cols);
    for (std::int64_t r = 0; r < m.rows; ++r)
        for (auto k = m.indptr[r]; k < m.indptr[r + 1]; ++k)
            d(r, m.indices[k]) = m.data[k];
    return d;
}

DenseMatrix dense(const CscMatrix& m)
{
    DenseMatrix d = DenseMatrix::Zero(m.rows, m.cols);
    for (std::int64_t c = 0; c < m.cols; ++c)
        for (auto k = m.indptr[c]; k < m.indptr[c + 1]; ++k)
            d(m.indices[k], c) = m.data[k];
    return d;
}

} // namespace

class TestMatrix : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void cscConversionsKeepEveryValue()
    {
        const CsrMatrix csr = randomCsr(37, 23, 1);
        const CscMatrix csc = toCsc(csr);
        csc.validate();
        QCOMPARE(dense(csc), dense(csr));
        const CsrMatrix back = toCsr(csc);
        back.validate();
        QCOMPARE(back.indptr, csr.indptr); // sorted rows in, sorted rows out
        QCOMPARE(back.indices, csr.indices);
        QCOMPARE(back.data, csr.data);
    }

    void emptyShapesConvert()
    {
        const CscMatrix csc = toCsc(CsrMatrix{0, 5, {}, {}, {}});
        QCOMPARE(csc.indptr.size(), std::size_t(6));
        const CsrMatrix csr = toCsr(CscMatrix{4, 0, {}, {}, {}});
        QCOMPARE(csr.indptr.size(), std::size_t(5));
    }

    void validationNamesTheFault()
    {
        CscMatrix m = toCsc(randomCsr(5, 4, 2));
        m.indices[0] = 9;
        try {
            m.validate();
            QFAIL("no exception");
        } catch (const InvalidInput& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("row index 9")), e.what());
        }
        m.indptr[2] = m.indptr[3] + 1;
        QVERIFY_THROWS_EXCEPTION(InvalidInput, m.validateStructure());
    }

    void matrixReportsKindShapeAndSize()
    {
        QCOMPARE(QString::fromLatin1(Matrix().kindName()), QStringLiteral("none"));
        const Matrix sparse(randomCsr(10, 6, 3), "int64");
        QCOMPARE(QString::fromLatin1(sparse.kindName()), QStringLiteral("csr"));
        QCOMPARE(QString::fromStdString(sparse.dtype()), QStringLiteral("int64"));
        QCOMPARE(sparse.rows(), std::int64_t(10));
        QCOMPARE(sparse.cols(), std::int64_t(6));
        const Matrix d(DenseMatrix(DenseMatrix::Ones(3, 4)));
        QCOMPARE(d.storedValues(), std::int64_t(12));
        QCOMPARE(d.bytes(), std::int64_t(48));
    }

    void editsRecordWhatChanged()
    {
        Dataset ds;
        ds.obs.index = {"a", "b"};
        ds.var.index = {"g1", "g2", "g3"};
        QVERIFY_THROWS_EXCEPTION(InvalidInput, ds.matrix("X")); // no X
        ds.setVarColumn({"score", NumericColumn{.values = {1, 2, 3}}});
        ds.setObsColumn({"group", CategoricalColumn{.codes = {0, -1}, .categories = {"x"}}});
        ds.setLayer("counts", Matrix(DenseMatrix(DenseMatrix::Zero(2, 3))));
        ds.setObsm("X_pca", DenseMatrix(DenseMatrix::Zero(2, 2)));
        ds.setUns("params", {{"k", 1}});
        QCOMPARE(ds.modified, (std::set<std::string>{"var/score", "obs/group", "layers/counts", "obsm/X_pca", "uns/params"}));
        QVERIFY_THROWS_EXCEPTION(InvalidInput, ds.setLayer("bad", Matrix(DenseMatrix(DenseMatrix::Zero(3, 3)))));
        QVERIFY_THROWS_EXCEPTION(InvalidInput, ds.setObsm("bad", DenseMatrix(DenseMatrix::Zero(5, 2))));
        QVERIFY_THROWS_EXCEPTION(InvalidInput, ds.setVarColumn({"short", NumericColumn{.values = {1}}}));
    }
};

QTEST_APPLESS_MAIN(TestMatrix)
#include "tst_matrix.moc"
