#pragma once
// A wizard generated from an analysis's parameter schema: an introduction, one page per schema
// page, and a review page showing the equivalent scdesk-cli command and, for analyses that can
// price themselves (Analysis::estimateCost), the expected run time and memory. Finishing yields a
// JobSpec; the wizard itself runs nothing.
#include <QWizard>
#include <map>
#include <memory>

#include "analysis/analysis.h"
#include "analysis/job_spec.h"

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace scdesk {

struct Dataset;

// Looks up a core string (analysis titles, parameter labels and help) in the translations.
QString translateCore(const std::string& text);

class AnalysisWizard : public QWizard {
    Q_OBJECT
public:
    AnalysisWizard(std::shared_ptr<const Analysis> analysis, std::shared_ptr<const Dataset> dataset,
                   InputRef input, const ParamValues& initial = {}, QWidget* parent = nullptr);

    // Values from the fields, resolved against the schema (throws InvalidParameter).
    ParamValues values() const;
    JobSpec jobSpec() const;
    // The editor widget for one parameter (objectName = parameter name), for tests.
    QWidget* editorFor(const std::string& name) const;

    bool validateCurrentPage() override;

    // The review page's cost line ("Estimated: 2 min 10 s, 1.2 GiB (available 14 GiB)"), the data
    // problem that prevents an estimate, or empty for analyses that are always quick.
    QString costText() const;
    // True when the estimate does not fit in the available memory or could not be made.
    bool costIsWarning() const;

private:
    QWidget* makeEditor(const ParamSpec& spec, const nlohmann::json& value, QWidget* parent);
    nlohmann::json editorValue(const ParamSpec& spec) const;
    void updateReview();
    void updateCostEstimate();
    // Data checks (Analysis::validate) on leaving a page that chooses a layer: the message is
    // shown in the page, with a button for the layer it names.
    bool checkDataOnPage(int pageId);
    void showPageMessage(int pageId, const QString& message);
    void clearPageMessage(int pageId);

    std::shared_ptr<const Analysis> m_analysis;
    std::shared_ptr<const Dataset> m_dataset;
    InputRef m_input;
    std::map<std::string, QWidget*> m_editors;
    int m_reviewPageId = -1;
    QPlainTextEdit* m_command = nullptr;
    QLabel* m_cost = nullptr;
    bool m_costWarning = false;
    struct PageInfo {
        std::vector<const ParamSpec*> params;
        QComboBox* layerBox = nullptr; // the page's Layer editor, if any
        QLabel* message = nullptr;
        QPushButton* useLayer = nullptr;
    };
    std::map<int, PageInfo> m_pages;
};

} // namespace scdesk
