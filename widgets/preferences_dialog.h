#pragma once
#include <QDialog>

#include "compute/device_info.h"
#include "preferences.h"

#include <vector>

class QComboBox;
class QSpinBox;

namespace scdesk {

// Edits Preferences; the caller applies and saves them when the dialog is accepted.
class PreferencesDialog : public QDialog {
    Q_OBJECT
public:
    PreferencesDialog(const Preferences& current, const std::vector<DeviceInfo>& devices, QWidget* parent = nullptr);
    Preferences preferences() const;

private:
    QSpinBox* m_threads;
    QComboBox* m_device;
    QComboBox* m_theme;
    QComboBox* m_language;
};

} // namespace scdesk
