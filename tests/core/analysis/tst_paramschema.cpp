// The parameter schema is the single definition behind the wizard, the CLI and the JSON spec:
// these tests pin the conversions between those forms and the validation messages.
#include <QtTest>

#include "analysis/param_schema.h"
#include "data/dataset.h"
#include "util/errors.h"

using namespace scdesk;

namespace {

ParamSchema exampleSchema()
{
    return ParamSchema({
        {.name = "condition_key", .type = ParamType::ObsColumn, .required = true, .page = "Design"},
        {.name = "min_cells", .type = ParamType::Int, .defaultValue = 3, .min = 0, .max = 1000, .page = "Filter"},
        {.name = "alpha", .type = ParamType::Double, .defaultValue = 0.05, .min = 0, .max = 1, .page = "Filter"},
        {.name = "method", .type = ParamType::Choice, .defaultValue = "wald", .choices = {"wald", "lrt", "ql"}, .page = "Design"},
        {.name = "shrink", .type = ParamType::Bool, .defaultValue = true, .page = "Filter"},
        {.name = "layer", .type = ParamType::Layer, .defaultValue = "X", .page = "Design"},
    });
}

} // namespace

class TestParamSchema : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void flagsAreDashedNames()
    {
        QCOMPARE(QString::fromStdString(exampleSchema().find("condition_key")->cliFlag()), QStringLiteral("--condition-key"));
    }

    void pagesInFirstAppearanceOrder()
    {
        const auto pages = exampleSchema().pages();
        QCOMPARE(pages.size(), std::size_t(2));
        QCOMPARE(QString::fromStdString(pages[0]), QStringLiteral("Design"));
        QCOMPARE(QString::fromStdString(pages[1]), QStringLiteral("Filter"));
    }

    void resolveFillsDefaultsAndConvertsTypes()
    {
        const auto v = exampleSchema().resolve({{"condition_key", "condition"}, {"min_cells", "7"}, {"alpha", "0.1"}});
        QCOMPARE(v.at("min_cells").get<int>(), 7);
        QVERIFY(v.at("min_cells").is_number_integer());
        QCOMPARE(v.at("alpha").get<double>(), 0.1);
        QCOMPARE(QString::fromStdString(v.at("method").get<std::string>()), QStringLiteral("wald"));
        QCOMPARE(v.at("shrink").get<bool>(), true);
    }

    void resolveRejectsBadValues_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("missing required") << R"({})" << "condition_key";
        QTest::newRow("unknown name") << R"({"condition_key":"c","nope":1})" << "unknown parameter 'nope'";
        QTest::newRow("int text") << R"({"condition_key":"c","min_cells":"abc"})" << "expected an integer";
        QTest::newRow("int fraction") << R"({"condition_key":"c","min_cells":2.5})" << "expected an integer";
        QTest::newRow("int range") << R"({"condition_key":"c","min_cells":5000})" << "outside";
        QTest::newRow("double range") << R"({"condition_key":"c","alpha":2})" << "outside";
        QTest::newRow("double text") << R"({"condition_key":"c","alpha":"0.1x"})" << "expected a number";
        QTest::newRow("choice") << R"({"condition_key":"c","method":"t"})" << "'t' is not one of: wald, lrt, ql";
        QTest::newRow("bool") << R"({"condition_key":"c","shrink":"maybe"})" << "expected true or false";
    }

    void resolveRejectsBadValues()
    {
        QFETCH(QString, json);
        QFETCH(QString, expected);
        try {
            exampleSchema().resolve(nlohmann::json::parse(json.toStdString()));
            QFAIL("no exception");
        } catch (const InvalidParameter& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(expected), e.what());
        }
    }

    void cliRoundTrip()
    {
        const ParamSchema schema = exampleSchema();
        std::vector<std::string> rest;
        const auto v = schema.parseCli({"data.h5ad", "--condition-key", "condition", "--min-cells=10", "--alpha", "0.01",
                                        "--no-shrink", "--method", "lrt"},
                                       &rest);
        QCOMPARE(rest.size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(rest[0]), QStringLiteral("data.h5ad"));
        QCOMPARE(v.at("min_cells").get<int>(), 10);
        QCOMPARE(v.at("shrink").get<bool>(), false);
        // Values → flags → values gives the same values; defaults are not repeated.
        const auto args = schema.toCli(v);
        QVERIFY(std::find(args.begin(), args.end(), "--layer") == args.end());
        QCOMPARE(schema.parseCli(args, nullptr), v);
    }

    void jsonRoundTripThroughText()
    {
        const ParamSchema schema = exampleSchema();
        const auto v = schema.resolve({{"condition_key", "condition"}, {"alpha", 0.123456789012345}});
        const auto back = schema.resolve(nlohmann::json::parse(v.dump()));
        QCOMPARE(back, v);
        // Doubles survive the CLI form bit for bit.
        QCOMPARE(schema.parseCli(schema.toCli(v), nullptr).at("alpha").get<double>(), 0.123456789012345);
    }

    void unknownFlagWithoutRestIsAnError()
    {
        QVERIFY_THROWS_EXCEPTION(InvalidParameter, exampleSchema().parseCli({"--bogus", "1"}, nullptr));
        QVERIFY_THROWS_EXCEPTION(InvalidParameter, exampleSchema().parseCli({"--min-cells"}, nullptr));
    }

    void validateAgainstDatasetNamesTheColumn()
    {
        Dataset d;
        d.obs.index = {"a", "b"};
        d.obs.set({"condition", CategoricalColumn{{0, 1}, {"ctrl", "stim"}, false}});
        const ParamSchema schema = exampleSchema();
        schema.validateAgainst(schema.resolve({{"condition_key", "condition"}}), d);
        try {
            schema.validateAgainst(schema.resolve({{"condition_key", "donor"}}), d);
            QFAIL("no exception");
        } catch (const InvalidParameter& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("no obs column named 'donor'")), e.what());
        }
        QVERIFY_THROWS_EXCEPTION(InvalidParameter,
                                 schema.validateAgainst(schema.resolve({{"condition_key", "condition"}, {"layer", "counts"}}), d));
    }

    void helpListsEveryFlag()
    {
        const ParamSchema schema = exampleSchema();
        const std::string help = schema.cliHelp();
        for (const auto& p : schema.params())
            QVERIFY2(help.find(p.cliFlag()) != std::string::npos, p.cliFlag().c_str());
    }
};

QTEST_APPLESS_MAIN(TestParamSchema)
#include "tst_paramschema.moc"
