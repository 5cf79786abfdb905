#include "log_capture.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QMetaObject>
#include <QPointer>

#include "log_model.h"

namespace scdesk {

namespace {

QPointer<LogModel> g_model;
QtMessageHandler g_previous = nullptr;

void handler(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    if (g_previous)
        g_previous(type, context, message);
    LogModel* model = g_model.data();
    if (!model)
        return;
    LogEntry entry{QDateTime::currentDateTime(), type,
                   QString::fromLatin1(context.category ? context.category : "default"), message};
    // Queued even on the GUI thread: a message logged inside a model update must not re-enter it.
    QMetaObject::invokeMethod(
        model, [model, entry] { model->append(entry); }, Qt::QueuedConnection);
}

} // namespace

void installLogCapture(LogModel* model)
{
    g_model = model;
    QtMessageHandler previous = qInstallMessageHandler(handler);
    if (previous != handler)
        g_previous = previous;
}

void removeLogCapture()
{
    g_model = nullptr;
    qInstallMessageHandler(g_previous);
    g_previous = nullptr;
}

} // namespace scdesk
