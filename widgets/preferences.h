#pragma once
// User preferences, persisted with QSettings under "preferences/".
#include <QString>

class QSettings;

namespace scdesk {

enum class Theme { System, Light, Dark };

struct Preferences {
    int workerThreads = 0;             // 0 = all cores
    QString computeDevice = QStringLiteral("auto"); // "auto", "cpu" or "cuda"
    Theme theme = Theme::System;
    QString language;                  // "" = system, else "en", "de", "zh_CN"

    static Preferences load(const QSettings& settings);
    void save(QSettings& settings) const;
    int effectiveThreads() const;      // workerThreads, or the core count when 0
};

} // namespace scdesk
