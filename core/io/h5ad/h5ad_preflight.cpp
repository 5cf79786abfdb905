#include "io/h5ad/h5ad_preflight.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <thread>

#include "util/cancel_token.h"
#include "util/errors.h"

extern char** environ;

namespace scdesk {

namespace {

std::mutex g_mutex;
std::string g_executable;

// The child's own error message: its last "scdesk-cli: error: " line (libhdf5 may print its own
// diagnostics to stderr too; those are not for users).
std::string childMessage(const std::string& text)
{
    const std::string prefix = "scdesk-cli: error: ";
    const auto at = text.rfind(prefix);
    if (at == std::string::npos || (at > 0 && text[at - 1] != '\n'))
        return {};
    const auto end = text.find('\n', at);
    return text.substr(at + prefix.size(), end == std::string::npos ? std::string::npos : end - at - prefix.size());
}

} // namespace

void setH5adPreflightExecutable(std::string executable)
{
    const std::lock_guard lock(g_mutex);
    g_executable = std::move(executable);
}

const std::string& h5adPreflightExecutable()
{
    const std::lock_guard lock(g_mutex);
    return g_executable;
}

void preflightH5ad(const std::string& path, const CancelToken& cancel)
{
    const std::string exe = h5adPreflightExecutable();
    if (exe.empty())
        return;
    int pipeFds[2];
    if (::pipe2(pipeFds, O_CLOEXEC) != 0)
        throw IoError("cannot check '" + path + "': " + std::strerror(errno));
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, pipeFds[1], STDERR_FILENO);
    std::string command = "check-h5ad";
    std::string file = path;
    char* argv[] = {const_cast<char*>(exe.c_str()), command.data(), file.data(), nullptr};
    pid_t pid = 0;
    const int rc = posix_spawn(&pid, exe.c_str(), &actions, nullptr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(pipeFds[1]);
    if (rc != 0) {
        ::close(pipeFds[0]);
        throw IoError("cannot check '" + path + "': cannot start " + exe + ": " + std::strerror(rc));
    }

    // Drain stderr on a thread so a chatty child never blocks on a full pipe.
    std::string errors;
    std::thread reader([fd = pipeFds[0], &errors] {
        char buf[4096];
        ssize_t n;
        while ((n = ::read(fd, buf, sizeof buf)) > 0)
            if (errors.size() < 65536)
                errors.append(buf, static_cast<std::size_t>(n));
        ::close(fd);
    });
    // Reading structure and strings takes seconds even for large files; a damaged length field can
    // make libhdf5 loop or clear memory for much longer.
    std::error_code ec;
    const auto fileBytes = std::filesystem::file_size(path, ec);
    const auto limit = std::chrono::seconds(60 + (ec ? 0 : static_cast<long>(fileBytes >> 30) * 20));
    const auto start = std::chrono::steady_clock::now();
    int status = 0;
    bool cancelled = false, timedOut = false;
    for (;;) {
        const pid_t done = ::waitpid(pid, &status, WNOHANG);
        if (done == pid || (done < 0 && errno != EINTR))
            break;
        if (!cancelled && !timedOut && cancel.isCancelled()) {
            ::kill(pid, SIGKILL);
            cancelled = true;
        }
        if (!cancelled && !timedOut && std::chrono::steady_clock::now() - start > limit) {
            ::kill(pid, SIGKILL);
            timedOut = true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    reader.join();
    if (cancelled)
        throw Cancelled();
    if (timedOut)
        throw IoError("'" + path + "' looks damaged: checking its structure did not finish within "
                      + std::to_string(limit.count()) + " s. The file was not opened; try an intact copy.");
    if (WIFSIGNALED(status))
        throw IoError("'" + path + "' is damaged: reading its structure crashed the HDF5 library (signal "
                      + std::to_string(WTERMSIG(status)) + "). The file was not opened; try an intact copy.");
    if (WIFEXITED(status) && WEXITSTATUS(status) != 0) {
        const std::string message = childMessage(errors);
        throw IoError(message.empty() ? "'" + path + "' is damaged: the HDF5 library failed while reading its structure."
                                      : message);
    }
}

} // namespace scdesk
