#include "io/atomic_file.h"

#include <atomic>
#include <filesystem>
#include <fstream>
#include <system_error>

#include <unistd.h>

#include "util/errors.h"

namespace scdesk {

std::string temporarySiblingPath(const std::string& path)
{
    static std::atomic<unsigned> counter{0};
    const std::filesystem::path target(path);
    std::string name = ".";
    name += target.filename().string();
    name += ".tmp-";
    name += std::to_string(::getpid());
    name += '-';
    name += std::to_string(counter++);
    return (target.parent_path() / name).string();
}

void commitTemporaryFile(const std::string& temporaryPath, const std::string& path)
{
    std::error_code ec;
    std::filesystem::rename(temporaryPath, path, ec);
    if (ec) {
        std::filesystem::remove(temporaryPath, ec);
        throw IoError("cannot write '" + path + "': " + ec.message());
    }
}

void writeFileAtomically(const std::string& path, const std::function<void(std::ostream&)>& write)
{
    const std::string tmp = temporarySiblingPath(path);
    try {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out)
            throw IoError("cannot create '" + path + "' (is the folder writable?)");
        write(out);
        out.flush();
        if (!out)
            throw IoError("cannot write '" + path + "' (disk full?)");
        out.close();
    } catch (...) {
        std::error_code ec;
        std::filesystem::remove(tmp, ec);
        throw;
    }
    commitTemporaryFile(tmp, path);
}

} // namespace scdesk
