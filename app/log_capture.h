#pragma once
// Routes every Qt log message (any thread) into a LogModel on the GUI thread, and still prints it
// to stderr.
namespace scdesk {

class LogModel;

void installLogCapture(LogModel* model);
void removeLogCapture();

} // namespace scdesk
