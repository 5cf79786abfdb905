#include "language.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>
#include <memory>

namespace scdesk {

namespace {

std::unique_ptr<QTranslator> g_app;
std::unique_ptr<QTranslator> g_qt;

} // namespace

QStringList availableLanguages()
{
    QStringList languages;
    for (const QString& file : QDir(QStringLiteral(":/i18n")).entryList({QStringLiteral("scdesk_*.qm")}))
        languages << file.mid(7, file.size() - 10);
    return languages;
}

bool installLanguage(const QString& language)
{
    for (auto* t : {g_app.get(), g_qt.get()})
        if (t)
            QCoreApplication::removeTranslator(t);
    g_app.reset();
    g_qt.reset();
    if (language == QLatin1String("en")) {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        return true;
    }
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    QLocale::setDefault(locale); // numbers and sizes follow the chosen language too
    auto app = std::make_unique<QTranslator>();
    if (!app->load(locale, QStringLiteral("scdesk"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        return language.isEmpty(); // no translation for the system language is normal
    QCoreApplication::installTranslator(app.get());
    g_app = std::move(app);
    auto qt = std::make_unique<QTranslator>();
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt.get());
        g_qt = std::move(qt);
    }
    return true;
}

} // namespace scdesk
