#include "preferences_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>
#include <QThread>
#include <QVBoxLayout>

namespace scdesk {

PreferencesDialog::PreferencesDialog(const Preferences& current, const std::vector<DeviceInfo>& devices, QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("preferencesDialog"));
    setWindowTitle(tr("Preferences"));
    auto* form = new QFormLayout;

    m_threads = new QSpinBox(this);
    m_threads->setObjectName(QStringLiteral("workerThreads"));
    m_threads->setRange(0, 1024);
    m_threads->setSpecialValueText(tr("All cores (%1)").arg(QThread::idealThreadCount()));
    m_threads->setValue(current.workerThreads);
    form->addRow(tr("Worker threads:"), m_threads);

    m_device = new QComboBox(this);
    m_device->setObjectName(QStringLiteral("computeDevice"));
    m_device->addItem(tr("Automatic (CUDA when available)"), QStringLiteral("auto"));
    m_device->addItem(tr("CPU"), QStringLiteral("cpu"));
    bool haveCuda = false;
    for (const auto& d : devices)
        if (d.kind == "cuda" && !haveCuda) {
            m_device->addItem(tr("CUDA: %1").arg(QString::fromStdString(d.name)), QStringLiteral("cuda"));
            haveCuda = true;
        }
    m_device->setCurrentIndex(std::max(0, m_device->findData(current.computeDevice)));
    form->addRow(tr("Compute device:"), m_device);
    if (!haveCuda) {
        auto* note = new QLabel(tr("No CUDA device found; analyses run on the CPU."), this);
        note->setEnabled(false);
        form->addRow(QString(), note);
    }

    m_theme = new QComboBox(this);
    m_theme->setObjectName(QStringLiteral("theme"));
    m_theme->addItem(tr("System"), static_cast<int>(Theme::System));
    m_theme->addItem(tr("Light"), static_cast<int>(Theme::Light));
    m_theme->addItem(tr("Dark"), static_cast<int>(Theme::Dark));
    m_theme->setCurrentIndex(m_theme->findData(static_cast<int>(current.theme)));
    form->addRow(tr("Theme:"), m_theme);

    m_language = new QComboBox(this);
    m_language->setObjectName(QStringLiteral("language"));
    m_language->addItem(tr("System language"), QString());
    // Language names in their own language, so a user can always find theirs.
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("Deutsch"), QStringLiteral("de"));
    m_language->addItem(QString::fromUtf8("简体中文"), QStringLiteral("zh_CN"));
    m_language->setCurrentIndex(std::max(0, m_language->findData(current.language)));
    form->addRow(tr("Language:"), m_language);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    auto* hint = new QLabel(tr("Language changes apply to newly opened windows and after a restart."), this);
    hint->setWordWrap(true);
    hint->setEnabled(false);
    layout->addWidget(hint);
    layout->addWidget(buttons);
}

Preferences PreferencesDialog::preferences() const
{
    Preferences p;
    p.workerThreads = m_threads->value();
    p.computeDevice = m_device->currentData().toString();
    p.theme = static_cast<Theme>(m_theme->currentData().toInt());
    p.language = m_language->currentData().toString();
    return p;
}

} // namespace scdesk
