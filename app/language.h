#pragma once
#include <QString>
#include <QStringList>

namespace scdesk {

// Installs scDesk's and Qt's translations for `language` ("de", "zh_CN"; "" = the system
// language, "en" = none). Replaces a previously installed language. Returns false if scDesk has
// no translation for it.
bool installLanguage(const QString& language);
QStringList availableLanguages(); // those compiled into the binary

} // namespace scdesk
