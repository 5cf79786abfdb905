#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <fstream>
#include <sstream>

#include "io/table_writer.h"
#include "util/errors.h"

using namespace scdesk;

namespace {

ResultTable sample()
{
    ResultTable t{"t", {}, {}, {}};
    t.addColumn("feature", std::vector<std::string>{"A,1", "say \"hi\"", "tab\there"});
    t.addColumn("value", std::vector<double>{0.1, std::nan(""), -INFINITY});
    return t;
}

std::string readAll(const QString& path)
{
    std::ifstream in(path.toStdString());
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace

class TestTableWriter : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void csvQuotesLikeRfc4180()
    {
        std::ostringstream out;
        writeTable(sample(), out, TableFormat::Csv);
        QCOMPARE(QString::fromStdString(out.str()),
                 QStringLiteral("feature,value\n\"A,1\",0.10000000000000001\n\"say \"\"hi\"\"\",NA\ntab\there,-Inf\n"));
    }

    void tsvReplacesTabs()
    {
        std::ostringstream out;
        writeTable(sample(), out, TableFormat::Tsv);
        QVERIFY(out.str().find("tab here\t-Inf\n") != std::string::npos);
    }

    void formatFromSuffix()
    {
        QCOMPARE(tableFormatForPath("a.tsv"), TableFormat::Tsv);
        QCOMPARE(tableFormatForPath("a.csv"), TableFormat::Csv);
        QCOMPARE(tableFormatForPath("a"), TableFormat::Csv);
    }

    void fileWriteIsAtomic()
    {
        QTemporaryDir dir;
        const QString path = dir.path() + QStringLiteral("/out.tsv");
        writeTableFile(sample(), path.toStdString());
        QVERIFY(readAll(path).rfind("feature\tvalue\n", 0) == 0);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1);
        // Unwritable target: a clear error, nothing left behind.
        QVERIFY_THROWS_EXCEPTION(IoError, writeTableFile(sample(), (dir.path() + QStringLiteral("/no/such/dir/x.csv")).toStdString()));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1);
    }

    void mismatchedColumnIsRejected()
    {
        ResultTable t;
        t.addColumn("a", std::vector<double>{1, 2});
        QVERIFY_THROWS_EXCEPTION(Error, t.addColumn("b", std::vector<double>{1}));
    }
};

QTEST_APPLESS_MAIN(TestTableWriter)
#include "tst_tablewriter.moc"
