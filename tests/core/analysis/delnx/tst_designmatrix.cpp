// Design matrices as delnx/patsy name them, and the checks glmGamPoi makes before fitting.
#include <QtTest>
#include <cmath>
#include <limits>

#include "analysis/delnx/design_matrix.h"
#include "analysis/param_schema.h"
#include "util/errors.h"

using namespace scdesk;
using namespace scdesk::delnx;

namespace {

CategoricalColumn cat(std::vector<std::string> categories, std::vector<std::int32_t> codes)
{
    return CategoricalColumn{std::move(codes), std::move(categories), false};
}

DataFrame frame(std::size_t n)
{
    DataFrame f;
    for (std::size_t i = 0; i < n; ++i)
        f.index.push_back(std::string("s").append(std::to_string(i))); // not "s" + …: GCC 12 -Wrestrict false positive
    return f;
}

// Runs buildDesign expecting InvalidInput; returns the message.
QString designError(const DataFrame& obs, const DesignSpec& spec)
{
    try {
        buildDesign(obs, spec);
    } catch (const InvalidInput& e) {
        return QString::fromStdString(e.what());
    }
    return QStringLiteral("<no error>");
}

std::vector<std::string> names(const Design& d) { return d.columnNames; }

} // namespace

class TestDesignMatrix : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void categoricalConditionNamesAndReference()
    {
        DataFrame obs = frame(6);
        obs.set({"cond", cat({"A", "B", "C"}, {0, 1, 2, 0, 1, 2})});
        const Design d = buildDesign(obs, {"cond", "B", {}});
        QCOMPARE(names(d), (std::vector<std::string>{"Intercept", "cond[T.A]", "cond[T.C]"}));
        QCOMPARE(d.conditionColumns, (std::vector<std::string>{"cond[T.A]", "cond[T.C]"}));
        QCOMPARE(d.conditionLevels, (std::vector<std::string>{"B", "A", "C"}));
        QCOMPARE(d.matrix.rows(), 6);
        for (int i = 0; i < 6; ++i) {
            QCOMPARE(d.matrix(i, 0), 1.0);
            QCOMPARE(d.matrix(i, 1), i % 3 == 0 ? 1.0 : 0.0);
            QCOMPARE(d.matrix(i, 2), i % 3 == 2 ? 1.0 : 0.0);
        }
    }

    void stringConditionKeepsFirstAppearanceOrder()
    {
        DataFrame obs = frame(6);
        obs.set({"cond", StringColumn{.values = {"treat2", "ctrl", "treat1", "ctrl", "treat1", "treat2"}}});
        const Design d = buildDesign(obs, {"cond", "ctrl", {}});
        // delnx: [reference] + other levels in order of first appearance.
        QCOMPARE(names(d), (std::vector<std::string>{"Intercept", "cond[T.treat2]", "cond[T.treat1]"}));
    }

    void boolConditionUsesPythonNames()
    {
        DataFrame obs = frame(4);
        obs.set({"ko", BoolColumn{.values = {1, 0, 1, 0}}});
        const Design d = buildDesign(obs, {"ko", "True", {}});
        QCOMPARE(names(d), (std::vector<std::string>{"Intercept", "ko[T.False]"}));
        QCOMPARE(d.matrix(1, 1), 1.0);
        QCOMPARE(d.matrix(0, 1), 0.0);
    }

    void covariateCoding()
    {
        DataFrame obs = frame(8);
        obs.set({"cond", cat({"ctrl", "stim"}, {0, 0, 0, 0, 1, 1, 1, 1})});
        // Categorical: category order, first level dropped (even when it is not the first seen).
        obs.set({"batch", cat({"b1", "b2", "b3"}, {2, 1, 0, 2, 1, 0, 1, 2})});
        // Text: sorted unique values, so "x" is the baseline.
        obs.set({"donor", StringColumn{.values = {"z", "y", "x", "y", "x", "z", "y", "x"}}});
        obs.set({"age", NumericColumn{.values = {31, 45, 52, 60, 28, 39, 47, 55}}});
        const Design d = buildDesign(obs, {"cond", "ctrl", {"batch", "donor", "age"}});
        QCOMPARE(names(d), (std::vector<std::string>{"Intercept", "cond[T.stim]", "batch[T.b2]", "batch[T.b3]",
                                                     "donor[T.y]", "donor[T.z]", "age"}));
        QCOMPARE(d.matrix(0, 3), 1.0); // batch b3
        QCOMPARE(d.matrix(0, 2), 0.0);
        QCOMPARE(d.matrix(0, 5), 1.0); // donor z
        QCOMPARE(d.matrix(2, 4), 0.0); // donor x: baseline
        QCOMPARE(d.matrix(2, 5), 0.0);
        QCOMPARE(d.matrix(3, 6), 60.0);
    }

    void unusedCategoriesAreDropped()
    {
        DataFrame obs = frame(4);
        obs.set({"cond", cat({"ctrl", "unused", "stim"}, {0, 2, 0, 2})});
        const Design d = buildDesign(obs, {"cond", "ctrl", {}});
        QCOMPARE(names(d), (std::vector<std::string>{"Intercept", "cond[T.stim]"}));
    }

    void rankDeficiencyNamesAliasedColumns()
    {
        DataFrame obs = frame(8);
        obs.set({"cond", cat({"ctrl", "stim"}, {0, 0, 0, 0, 1, 1, 1, 1})});
        obs.set({"batch", StringColumn{.values = {"p", "p", "p", "p", "q", "q", "q", "q"}}}); // = condition
        obs.set({"dose", NumericColumn{.values = {1, 2, 3, 4, 1, 2, 3, 4}}});
        obs.set({"dose2", NumericColumn{.values = {2, 4, 6, 8, 2, 4, 6, 8}}}); // 2 × dose
        const QString msg = designError(obs, {"cond", "ctrl", {"batch", "dose", "dose2"}});
        QVERIFY2(msg.contains("rank-deficient"), qPrintable(msg));
        QVERIFY2(msg.contains("'batch[T.q]'"), qPrintable(msg));
        QVERIFY2(msg.contains("'dose2'"), qPrintable(msg));
        QVERIFY2(!msg.contains("'dose'"), qPrintable(msg));
        QVERIFY2(!msg.contains("'cond[T.stim]'"), qPrintable(msg));
    }

    void aliasedColumnsTolerance()
    {
        Eigen::MatrixXd m(4, 3);
        m << 1, 0, 1, 1, 0, 1, 1, 1, 2, 1, 1, 2 + 1e-9;
        QCOMPARE(aliasedColumns(m), (std::vector<std::size_t>{2})); // 1e-9 is below the 1e-7 tolerance
        m(3, 2) = 2.1;
        QVERIFY(aliasedColumns(m).empty());
        Eigen::MatrixXd zero = Eigen::MatrixXd::Zero(3, 1);
        QCOMPARE(aliasedColumns(zero), (std::vector<std::size_t>{0}));
    }

    void missingValuesAreCountedAndNamed()
    {
        DataFrame obs = frame(6);
        obs.set({"cond", cat({"ctrl", "stim"}, {0, 0, 0, 1, 1, 1})});
        obs.set({"batch", cat({"b1", "b2"}, {0, -1, 1, 0, 1, -1})});
        QString msg = designError(obs, {"cond", "ctrl", {"batch"}});
        QVERIFY2(msg.contains("'batch'") && msg.contains("2 missing values"), qPrintable(msg));

        const double nan = std::numeric_limits<double>::quiet_NaN();
        obs.set({"age", NumericColumn{.values = {1, 2, nan, 4, 5, 6}}});
        msg = designError(obs, {"cond", "ctrl", {"age"}});
        QVERIFY2(msg.contains("'age'") && msg.contains("1 missing value"), qPrintable(msg));

        obs.set({"cond2", cat({"ctrl", "stim"}, {0, 0, -1, 1, 1, 1})});
        msg = designError(obs, {"cond2", "ctrl", {}});
        QVERIFY2(msg.contains("'cond2'") && msg.contains("1 missing value"), qPrintable(msg));

        obs.set({"label", StringColumn{.values = {"a", "b", "a", "b", "a", "b"}, .mask = {0, 0, 0, 1, 0, 0}}});
        msg = designError(obs, {"cond", "ctrl", {"label"}});
        QVERIFY2(msg.contains("'label'") && msg.contains("1 missing value"), qPrintable(msg));
    }

    void oneLevelIsAnError()
    {
        DataFrame obs = frame(4);
        obs.set({"cond", cat({"ctrl", "stim"}, {0, 0, 0, 0})}); // "stim" never occurs
        const QString msg = designError(obs, {"cond", "ctrl", {}});
        QVERIFY2(msg.contains("'cond'") && msg.contains("only one level") && msg.contains("'ctrl'"), qPrintable(msg));
    }

    void badReferenceListsLevels()
    {
        DataFrame obs = frame(4);
        obs.set({"cond", cat({"ctrl", "stim"}, {0, 1, 0, 1})});
        const QString msg = designError(obs, {"cond", "control", {}});
        QVERIFY2(msg.contains("'control' is not a level") && msg.contains("'ctrl', 'stim'"), qPrintable(msg));
    }

    void numericConditionIsAnError()
    {
        DataFrame obs = frame(4);
        obs.set({"dose", NumericColumn{.values = {0, 1, 0, 1}}});
        const QString msg = designError(obs, {"dose", "0", {}});
        QVERIFY2(msg.contains("'dose' is numeric"), qPrintable(msg));
    }

    void fewerSamplesThanCoefficients()
    {
        DataFrame obs = frame(4);
        obs.set({"cond", cat({"a", "b", "c"}, {0, 1, 2, 0})});
        obs.set({"batch", cat({"x", "y"}, {0, 0, 1, 1})});
        const QString msg = designError(obs, {"cond", "a", {"batch"}});
        QVERIFY2(msg.contains("4 coefficients") && msg.contains("only 4 samples"), qPrintable(msg));
    }

    void splitsCovariateLists()
    {
        QCOMPARE(splitCommaList(" batch, donor ,,age "), (std::vector<std::string>{"batch", "donor", "age"}));
        QVERIFY(splitCommaList("").empty());
        QVERIFY(splitCommaList(" , ").empty());
    }
};

QTEST_APPLESS_MAIN(TestDesignMatrix)
#include "tst_designmatrix.moc"
