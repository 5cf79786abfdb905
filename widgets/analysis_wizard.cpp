#include "analysis_wizard.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QVBoxLayout>
#include <QWizardPage>
#include <algorithm>
#include <cmath>
#include <limits>

#include "data/dataset.h"
#include "util/build_info.h"
#include "util/errors.h"

namespace scdesk {

QString translateCore(const std::string& text)
{
    return QCoreApplication::translate("scdesk::Analysis", text.c_str());
}

namespace {

QStringList namesOf(const DataFrame& frame)
{
    QStringList names;
    for (const auto& c : frame.columns)
        names << QString::fromStdString(c.name);
    return names;
}

template <typename Map>
QStringList keysOf(const Map& map)
{
    QStringList keys;
    for (const auto& [key, value] : map)
        keys << QString::fromStdString(key);
    return keys;
}

} // namespace

AnalysisWizard::AnalysisWizard(std::shared_ptr<const Analysis> analysis, std::shared_ptr<const Dataset> dataset,
                               InputRef input, const ParamValues& initial, QWidget* parent)
    : QWizard(parent), m_analysis(std::move(analysis)), m_dataset(std::move(dataset)), m_input(std::move(input))
{
    setObjectName(QStringLiteral("analysisWizard"));
    setWindowTitle(translateCore(m_analysis->title()));
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnStartPage);

    const ParamSchema& schema = m_analysis->schema();
    ParamValues start = initial.is_object() ? initial : nlohmann::json::object();
    for (const auto& spec : schema.params())
        if (!start.contains(spec.name))
            start[spec.name] = spec.defaultValue;

    auto* steps = new QListWidget(this);
    steps->setObjectName(QStringLiteral("wizardSteps"));
    steps->setFocusPolicy(Qt::NoFocus);
    steps->setSelectionMode(QAbstractItemView::SingleSelection);
    steps->setMaximumWidth(180);

    auto* intro = new QWizardPage(this);
    intro->setTitle(translateCore(m_analysis->title()));
    auto* introLabel = new QLabel(translateCore(m_analysis->description()), intro);
    introLabel->setWordWrap(true);
    (new QVBoxLayout(intro))->addWidget(introLabel);
    addPage(intro);
    steps->addItem(tr("Introduction"));

    for (const std::string& pageName : schema.pages()) {
        auto* page = new QWizardPage(this);
        page->setTitle(translateCore(pageName));
        auto* pageLayout = new QVBoxLayout(page);
        auto* form = new QFormLayout;
        pageLayout->addLayout(form);
        PageInfo info;
        for (const auto& spec : schema.params()) {
            if (spec.page != pageName)
                continue;
            QWidget* editor = makeEditor(spec, start.value(spec.name, nlohmann::json()), page);
            editor->setToolTip(translateCore(spec.help));
            auto* label = new QLabel(translateCore(spec.label) + (spec.required ? QStringLiteral(" *") : QString()), page);
            label->setToolTip(translateCore(spec.help));
            label->setBuddy(editor);
            form->addRow(label, editor);
            m_editors[spec.name] = editor;
            info.params.push_back(&spec);
            if (spec.type == ParamType::Layer && !info.layerBox)
                info.layerBox = qobject_cast<QComboBox*>(editor);
        }
        // Problems with the data chosen here are shown on the page, next to the choice.
        info.message = new QLabel(page);
        info.message->setObjectName(QStringLiteral("pageMessage"));
        info.message->setWordWrap(true);
        info.message->setTextInteractionFlags(Qt::TextSelectableByMouse);
        info.message->setStyleSheet(QStringLiteral("color: #d9480f;")); // orange-red, reads on light and dark
        info.message->hide();
        info.useLayer = new QPushButton(page);
        info.useLayer->setObjectName(QStringLiteral("useLayerButton"));
        info.useLayer->hide();
        pageLayout->addWidget(info.message);
        pageLayout->addWidget(info.useLayer, 0, Qt::AlignLeft);
        pageLayout->addStretch(1);
        const int pageId = addPage(page);
        if (info.layerBox) {
            QComboBox* box = info.layerBox;
            connect(box, &QComboBox::currentIndexChanged, this, [this, pageId] { clearPageMessage(pageId); });
            connect(info.useLayer, &QPushButton::clicked, this, [this, box, pageId] {
                const int at = box->findData(box->property("offeredLayer"));
                if (at >= 0)
                    box->setCurrentIndex(at);
                clearPageMessage(pageId);
            });
        }
        m_pages[pageId] = info;
        steps->addItem(translateCore(pageName));
    }

    auto* review = new QWizardPage(this);
    review->setTitle(tr("Review"));
    review->setSubTitle(tr("The same job from the command line (Run starts it in the background):"));
    m_command = new QPlainTextEdit(review);
    m_command->setObjectName(QStringLiteral("commandPreview"));
    m_command->setReadOnly(true);
    // What the run will cost, computed when the page is entered (cheap by contract: no pass over the data).
    m_cost = new QLabel(review);
    m_cost->setObjectName(QStringLiteral("costEstimate"));
    m_cost->setWordWrap(true);
    m_cost->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_cost->hide();
    auto* reviewLayout = new QVBoxLayout(review);
    reviewLayout->addWidget(m_command);
    reviewLayout->addWidget(m_cost);
    m_reviewPageId = addPage(review);
    steps->addItem(tr("Review"));

    setSideWidget(steps);
    connect(this, &QWizard::currentIdChanged, this, [this, steps](int id) {
        steps->setCurrentRow(pageIds().indexOf(id));
        if (id == m_reviewPageId)
            updateReview();
    });
    steps->setCurrentRow(0);
    setButtonText(QWizard::FinishButton, tr("Run"));
}

QWidget* AnalysisWizard::makeEditor(const ParamSpec& spec, const nlohmann::json& value, QWidget* parent)
{
    QWidget* editor = nullptr;
    auto combo = [&](const QStringList& items) {
        auto* box = new QComboBox(parent);
        if (!spec.required && spec.defaultValue.is_null())
            box->addItem(tr("(none)"), QString());
        for (const QString& item : items)
            box->addItem(item, item);
        const int at = value.is_string() ? box->findData(QString::fromStdString(value.get<std::string>())) : -1;
        if (at >= 0)
            box->setCurrentIndex(at);
        return box;
    };
    switch (spec.type) {
    case ParamType::Bool: {
        auto* box = new QCheckBox(parent);
        box->setChecked(value.is_boolean() && value.get<bool>());
        editor = box;
        break;
    }
    case ParamType::Int: {
        auto* box = new QSpinBox(parent);
        box->setRange(spec.min ? static_cast<int>(*spec.min) : std::numeric_limits<int>::min(),
                      spec.max ? static_cast<int>(*spec.max) : std::numeric_limits<int>::max());
        if (value.is_number())
            box->setValue(value.get<int>());
        editor = box;
        break;
    }
    case ParamType::Double: {
        auto* box = new QDoubleSpinBox(parent);
        box->setDecimals(6);
        box->setRange(spec.min ? *spec.min : -1e12, spec.max ? *spec.max : 1e12);
        if (value.is_number())
            box->setValue(value.get<double>());
        editor = box;
        break;
    }
    case ParamType::String: {
        auto* edit = new QLineEdit(parent);
        if (value.is_string())
            edit->setText(QString::fromStdString(value.get<std::string>()));
        editor = edit;
        break;
    }
    case ParamType::Choice: {
        QStringList items;
        for (const auto& c : spec.choices)
            items << QString::fromStdString(c);
        editor = combo(items);
        break;
    }
    case ParamType::ObsColumn: editor = combo(m_dataset ? namesOf(m_dataset->obs) : QStringList()); break;
    case ParamType::VarColumn: editor = combo(m_dataset ? namesOf(m_dataset->var) : QStringList()); break;
    case ParamType::Layer: editor = combo(QStringList{QStringLiteral("X")} + (m_dataset ? keysOf(m_dataset->layers) : QStringList())); break;
    case ParamType::ObsmKey: {
        QStringList keys = m_dataset ? keysOf(m_dataset->obsm) : QStringList();
        // An entry the analysis computes when missing (Kompot's DM_EigenVectors) is still offered.
        if (spec.mayBeComputed && spec.defaultValue.is_string()) {
            const QString key = QString::fromStdString(spec.defaultValue.get<std::string>());
            if (!keys.contains(key))
                keys.prepend(key);
        }
        editor = combo(keys);
        break;
    }
    }
    editor->setObjectName(QString::fromStdString(spec.name));
    return editor;
}

nlohmann::json AnalysisWizard::editorValue(const ParamSpec& spec) const
{
    QWidget* w = m_editors.at(spec.name);
    if (auto* box = qobject_cast<QCheckBox*>(w))
        return box->isChecked();
    if (auto* box = qobject_cast<QSpinBox*>(w))
        return box->value();
    if (auto* box = qobject_cast<QDoubleSpinBox*>(w))
        return box->value();
    if (auto* edit = qobject_cast<QLineEdit*>(w))
        return edit->text().toStdString();
    if (auto* box = qobject_cast<QComboBox*>(w)) {
        const QString v = box->currentData().toString();
        return v.isEmpty() ? nlohmann::json() : nlohmann::json(v.toStdString());
    }
    return {};
}

QWidget* AnalysisWizard::editorFor(const std::string& name) const
{
    auto it = m_editors.find(name);
    return it == m_editors.end() ? nullptr : it->second;
}

ParamValues AnalysisWizard::values() const
{
    ParamValues given = nlohmann::json::object();
    for (const auto& spec : m_analysis->schema().params())
        given[spec.name] = editorValue(spec);
    return m_analysis->schema().resolve(given);
}

JobSpec AnalysisWizard::jobSpec() const
{
    JobSpec spec;
    spec.analysis = m_analysis->id();
    spec.params = values();
    spec.input = m_input;
    spec.scdeskVersion = scdeskVersion();
    return spec;
}

void AnalysisWizard::clearPageMessage(int pageId)
{
    auto it = m_pages.find(pageId);
    if (it == m_pages.end())
        return;
    it->second.message->clear();
    it->second.message->hide();
    it->second.useLayer->hide();
}

void AnalysisWizard::showPageMessage(int pageId, const QString& message)
{
    PageInfo& info = m_pages.at(pageId);
    info.message->setText(message);
    info.message->show();
    info.useLayer->hide();
    if (!info.layerBox)
        return;
    // The analysis names the layer that holds counts as: layer 'NAME'.
    static const QRegularExpression named(QStringLiteral("layer '([^']+)'"));
    auto matches = named.globalMatch(message);
    while (matches.hasNext()) {
        const QString layer = matches.next().captured(1);
        const int at = info.layerBox->findData(layer);
        if (at >= 0 && at != info.layerBox->currentIndex()) {
            info.layerBox->setProperty("offeredLayer", layer);
            info.useLayer->setText(tr("Use layer %1").arg(layer));
            info.useLayer->show();
            return;
        }
    }
}

bool AnalysisWizard::checkDataOnPage(int pageId)
{
    const auto it = m_pages.find(pageId);
    if (it == m_pages.end() || !it->second.layerBox || !m_dataset)
        return true;
    clearPageMessage(pageId);
    try {
        const ParamValues v = values();
        m_analysis->schema().validateAgainst(v, *m_dataset);
        m_analysis->validate(*m_dataset, v);
    } catch (const Error& e) {
        const QString message = QString::fromStdString(e.what());
        // Only problems with this page's choices stop here; others (a reference level chosen
        // on a later page, say) are for the review step.
        bool concernsPage = message.contains(QStringLiteral("layer"), Qt::CaseInsensitive) ||
                            message.contains(QStringLiteral("count"), Qt::CaseInsensitive);
        for (const ParamSpec* spec : it->second.params)
            concernsPage = concernsPage || message.contains(QString::fromStdString(spec->name));
        if (concernsPage) {
            showPageMessage(pageId, message);
            return false;
        }
    }
    return true;
}

bool AnalysisWizard::validateCurrentPage()
{
    if (!checkDataOnPage(currentId()))
        return false;
    try {
        const ParamValues v = values();
        if (currentId() == m_reviewPageId && m_dataset) {
            m_analysis->schema().validateAgainst(v, *m_dataset);
            m_analysis->validate(*m_dataset, v);
        }
    } catch (const Error& e) {
        QMessageBox::warning(this, windowTitle(), QString::fromStdString(e.what()));
        return false;
    }
    return QWizard::validateCurrentPage();
}

void AnalysisWizard::updateReview()
{
    try {
        m_command->setPlainText(QString::fromStdString(jobSpec().toCommandLine(m_analysis->schema())));
    } catch (const Error& e) {
        m_command->setPlainText(QString::fromStdString(e.what()));
    }
    updateCostEstimate();
}

namespace {

// Durations as a person reads them, translated (core's formatDuration is English only).
QString durationText(double seconds)
{
    if (!(seconds >= 1.0))
        return AnalysisWizard::tr("under a second");
    if (seconds < 90.0)
        return AnalysisWizard::tr("%1 s").arg(std::lround(seconds));
    if (seconds < 5400.0) {
        const auto total = std::lround(seconds);
        return AnalysisWizard::tr("%1 min %2 s").arg(total / 60).arg(total % 60);
    }
    return AnalysisWizard::tr("%1 h").arg(QLocale().toString(seconds / 3600.0, 'f', 1));
}

QString memoryText(double bytes)
{
    return QLocale().formattedDataSize(static_cast<qint64>(std::max(0.0, bytes)), 1);
}

} // namespace

void AnalysisWizard::updateCostEstimate()
{
    m_costWarning = false;
    m_cost->clear();
    m_cost->setToolTip(QString());
    std::optional<CostEstimate> cost;
    if (m_dataset) {
        try {
            cost = m_analysis->estimateCost(*m_dataset, values());
            if (cost) {
                const QString available = cost->availableBytes > 0 ? memoryText(cost->availableBytes) : tr("unknown");
                QString text = tr("Estimated: %1, %2 (available %3)")
                                   .arg(durationText(cost->seconds), memoryText(cost->bytes), available);
                if (!cost->memoryFits) {
                    m_costWarning = true;
                    text += QLatin1Char('\n')
                            + tr("This may not fit in memory: the run may swap or be stopped by the system. Fewer "
                                 "landmarks need less.");
                }
                m_cost->setText(text);
                m_cost->setToolTip(QString::fromStdString(cost->details));
            }
        } catch (const std::exception& e) {
            // The data problem that prevents an estimate is what the user needs to see here.
            m_costWarning = true;
            m_cost->setText(QString::fromUtf8(e.what()));
        }
    }
    m_cost->setStyleSheet(m_costWarning ? QStringLiteral("color: #d9480f;") : QString()); // as page messages
    m_cost->setVisible(!m_cost->text().isEmpty());
}

QString AnalysisWizard::costText() const
{
    return m_cost->text();
}

bool AnalysisWizard::costIsWarning() const
{
    return m_costWarning;
}

} // namespace scdesk
