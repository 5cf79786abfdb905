#include "preferences.h"

#include <QSettings>
#include <QThread>

namespace scdesk {

Preferences Preferences::load(const QSettings& settings)
{
    Preferences p;
    p.workerThreads = settings.value(QStringLiteral("preferences/workerThreads"), 0).toInt();
    p.computeDevice = settings.value(QStringLiteral("preferences/computeDevice"), QStringLiteral("auto")).toString();
    p.theme = static_cast<Theme>(settings.value(QStringLiteral("preferences/theme"), 0).toInt());
    p.language = settings.value(QStringLiteral("preferences/language")).toString();
    return p;
}

void Preferences::save(QSettings& settings) const
{
    settings.setValue(QStringLiteral("preferences/workerThreads"), workerThreads);
    settings.setValue(QStringLiteral("preferences/computeDevice"), computeDevice);
    settings.setValue(QStringLiteral("preferences/theme"), static_cast<int>(theme));
    settings.setValue(QStringLiteral("preferences/language"), language);
}

int Preferences::effectiveThreads() const
{
    return workerThreads > 0 ? workerThreads : QThread::idealThreadCount();
}

} // namespace scdesk
