#include "io/h5ad/h5ad_writer.h"

#include <filesystem>
#include <functional>
#include <set>
#include <system_error>

#include "io/atomic_file.h"
#include "io/h5ad/filters.h"
#include "io/h5ad/h5ad_write_elements.h"
#include "io/h5ad/h5_group.h"
#include "io/h5ad/hdf5_handle.h"
#include "util/cancel_token.h"
#include "util/errors.h"
#include "util/progress_sink.h"

namespace scdesk {

namespace {

using h5::Handle;

const std::set<std::string> kKnownRoot = {"X", "obs", "var", "raw", "layers", "obsm", "varm", "obsp", "varp", "uns"};


// Rows of a source frame (length of its index member), or -1 when it cannot be told.
std::int64_t sourceFrameRows(hid_t source, const char* frame)
{
    if (!h5::linkExists(source, frame))
        return -1;
    Handle g(H5Gopen2(source, frame, H5P_DEFAULT));
    if (!g)
        return -1;
    std::string index = h5::readStringAttr(g.get(), "_index");
    if (index.empty() || !h5::linkExists(g.get(), index))
        return -1;
    if (H5Oexists_by_name(g.get(), (index + "/values").c_str(), H5P_DEFAULT) > 0)
        index += "/values"; // nullable-string-array index (anndata 0.13 with pandas 3)
    Handle ds(H5Dopen2(g.get(), index.c_str(), H5P_DEFAULT));
    if (!ds)
        return -1;
    Handle space(H5Dget_space(ds.get()));
    hsize_t dims[H5S_MAX_RANK];
    if (H5Sget_simple_extent_ndims(space.get()) != 1 || H5Sget_simple_extent_dims(space.get(), dims, nullptr) != 1)
        return -1;
    return static_cast<std::int64_t>(dims[0]);
}

// True when the attribute is a scalar variable-length string, as h5py (Python anndata) writes it.
bool isH5pyStringAttr(hid_t obj, const char* name)
{
    if (H5Aexists(obj, name) <= 0)
        return false;
    Handle attr(H5Aopen(obj, name, H5P_DEFAULT));
    Handle type(H5Aget_type(attr.get()));
    Handle space(H5Aget_space(attr.get()));
    return attr && H5Tis_variable_str(type.get()) > 0 && H5Sget_simple_extent_type(space.get()) == H5S_SCALAR;
}

class H5adWriter {
public:
    H5adWriter(const Dataset& d, const std::string& path, ProgressSink& progress, const CancelToken& cancel,
               const h5::WriteOptions& options)
        : m_d(d), m_path(path), m_progress(progress), m_cancel(cancel), m_w(path, options, progress, cancel)
    {
    }

    void write(hid_t file)
    {
        m_file = file;
        openSource();
        m_w.setSource(m_source.get());
        m_progress.setRange(10);
        std::int64_t step = 0;
        auto next = [&](const char* what) {
            m_cancel.throwIfCancelled();
            m_progress.setProgress(step++, std::string("writing ") + what);
        };
        if (!tagRoot())
            m_w.fail("", "the root attributes could not be written");

        next("X");
        if (!isModified("X") && hasSource("X"))
            copy("X");
        else if (!m_d.X.isNone())
            m_w.writeMatrix(m_file, "X", m_d.X, "X");

        next("obs");
        writeFrameSlot("obs", m_d.obs);
        next("var");
        writeFrameSlot("var", m_d.var);

        next("layers");
        writeMapping("layers", m_d.layers, [&](hid_t g, const std::string& k, const Matrix& m, const std::string& p) {
            m_w.writeMatrix(g, k, m, p);
        });
        next("obsm");
        writeMapping("obsm", m_d.obsm, [&](hid_t g, const std::string& k, const AxisArray& a, const std::string& p) {
            m_w.writeAxisArray(g, k, a, p);
        });
        next("varm");
        writeMapping("varm", m_d.varm, [&](hid_t g, const std::string& k, const AxisArray& a, const std::string& p) {
            m_w.writeAxisArray(g, k, a, p);
        });
        next("obsp");
        writeMapping("obsp", m_d.obsp, [&](hid_t g, const std::string& k, const Matrix& m, const std::string& p) {
            m_w.writeMatrix(g, k, m, p);
        });
        next("varp");
        writeMapping("varp", m_d.varp, [&](hid_t g, const std::string& k, const Matrix& m, const std::string& p) {
            m_w.writeMatrix(g, k, m, p);
        });
        next("uns");
        std::map<std::string, const nlohmann::json*> uns;
        if (m_d.uns.is_object())
            for (const auto& [k, v] : m_d.uns.items())
                uns[k] = &v;
        writeMapping("uns", uns, [&](hid_t g, const std::string& k, const nlohmann::json* v, const std::string& p) {
            m_w.writeJson(g, k, *v, p);
        });

        next("raw");
        if (hasSource("raw") && !anyModifiedUnder("raw"))
            copy("raw");
        else if (m_d.raw)
            m_w.writeRaw(m_file, *m_d.raw, "raw");

        // Anything else at the root of the source (written by a newer anndata or another tool).
        if (m_source)
            for (const auto& name : h5::memberNames(m_source.get()))
                if (!kKnownRoot.count(name) && !isModified(name))
                    copy(name);
        m_progress.setProgress(10, "written");
    }

private:
    bool tagRoot()
    {
        Handle type = h5::utf8StringType();
        Handle space(H5Screate(H5S_SCALAR));
        for (const auto& [name, value] : {std::pair{"encoding-type", "anndata"}, std::pair{"encoding-version", "0.1.0"}}) {
            Handle attr(H5Acreate2(m_file, name, type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT));
            if (!attr || H5Awrite(attr.get(), type.get(), &value) < 0)
                return false;
        }
        return true;
    }

    // The source is used for copying only when it is an anndata >= 0.8 file whose obs and var
    // match the dataset's: copying elements of an older layout would mix eras in one file
    // (untagged or object-reference elements next to tagged ones), so those are written from
    // the model instead.
    void openSource()
    {
        if (m_d.sourcePath.empty())
            return;
        std::error_code ec;
        if (!std::filesystem::exists(m_d.sourcePath, ec))
            return;
        h5::registerFilters(); // copying keeps compressed chunks as they are, but HDF5 checks the filters
        Handle f(H5Fopen(m_d.sourcePath.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
        if (!f) {
            m_w.warn("the source file '" + m_d.sourcePath + "' cannot be opened; everything is written from memory");
            return;
        }
        if (h5::readStringAttr(f.get(), "encoding-type") != "anndata") {
            m_progress.log(LogLevel::Info, "'" + m_d.sourcePath
                                               + "' uses an anndata < 0.8 layout: every element is written from memory "
                                                 "in the anndata >= 0.8 layout");
            return;
        }
        if (!isH5pyStringAttr(f.get(), "encoding-type")) {
            // Julia / R writers (fixed-length or 1-element array attributes): copies would keep
            // attributes anndata 0.8 cannot read.
            m_progress.log(LogLevel::Info, "'" + m_d.sourcePath
                                               + "' was written with non-standard string attributes: every element is "
                                                 "written from memory");
            return;
        }
        if (sourceFrameRows(f.get(), "obs") != m_d.nObs() || sourceFrameRows(f.get(), "var") != m_d.nVars()) {
            m_w.warn("the cells or genes differ from '" + m_d.sourcePath + "'; everything is written from memory");
            return;
        }
        m_source = std::move(f);
    }

    bool isModified(const std::string& path) const { return m_d.modified.count(path) > 0; }
    bool anyModifiedUnder(const std::string& slot) const
    {
        if (isModified(slot))
            return true;
        const std::string prefix = slot + "/";
        auto it = m_d.modified.lower_bound(prefix);
        return it != m_d.modified.end() && it->compare(0, prefix.size(), prefix) == 0;
    }
    bool hasSource(const std::string& path) const
    {
        return m_source && H5Oexists_by_name(m_source.get(), path.c_str(), H5P_DEFAULT) > 0;
    }
    void copy(const std::string& path, hid_t parent = -1, const std::string& name = {})
    {
        m_cancel.throwIfCancelled();
        if (!h5::copyElement(m_source.get(), path, parent < 0 ? m_file : parent, name.empty() ? path : name))
            m_w.fail(path, "copying the element from '" + m_d.sourcePath + "' failed");
    }

    void writeFrameSlot(const std::string& slot, const DataFrame& df)
    {
        if (!hasSource(slot) || isModified(slot)) {
            m_w.writeFrame(m_file, slot, df, slot);
            return;
        }
        copy(slot);
        if (!anyModifiedUnder(slot))
            return;
        // Copied frame plus the changed columns: replace those members, keep the column order
        // of the file and append new columns in the dataset's order.
        Handle g(H5Gopen2(m_file, slot.c_str(), H5P_DEFAULT));
        const std::string indexMember = h5::readStringAttr(g.get(), "_index");
        const std::string prefix = slot + "/";
        for (auto it = m_d.modified.lower_bound(prefix);
             it != m_d.modified.end() && it->compare(0, prefix.size(), prefix) == 0; ++it) {
            const std::string name = it->substr(prefix.size());
            if (name == indexMember || name == "_index")
                throw InvalidInput("cannot write '" + m_path + "': /" + *it + ": the column is named like the index of "
                                   + slot + " ('" + indexMember + "')");
            if (h5::linkExists(g.get(), name) && H5Ldelete(g.get(), name.c_str(), H5P_DEFAULT) < 0)
                m_w.fail(*it, "the previous column could not be replaced");
            if (const Column* c = df.find(name))
                m_w.writeColumn(g.get(), *c, df.rows(), *it);
        }
        std::vector<std::string> order;
        std::set<std::string> seen;
        for (const auto& name : h5::readStringArrayAttr(g.get(), "column-order"))
            if (df.find(name) && seen.insert(name).second)
                order.push_back(name);
        for (const auto& c : df.columns)
            if (seen.insert(c.name).second)
                order.push_back(c.name);
        m_w.writeStringArrayAttr(g.get(), "column-order", order, slot);
    }

    // layers/obsm/varm/obsp/varp/uns: each key is copied from the source unless it was changed
    // (then written from the dataset, or left out when the dataset no longer has it).
    template <class Map, class WriteOne>
    void writeMapping(const std::string& slot, const Map& model, WriteOne writeOne)
    {
        if (hasSource(slot) && !anyModifiedUnder(slot)) {
            copy(slot);
            return;
        }
        Handle g = m_w.createGroup(m_file, slot, "dict", "0.1.0", slot);
        std::set<std::string> keys;
        for (const auto& [k, v] : model)
            keys.insert(k);
        const bool fromSource = hasSource(slot) && !isModified(slot);
        if (fromSource) {
            Handle sg(H5Gopen2(m_source.get(), slot.c_str(), H5P_DEFAULT));
            for (const auto& k : h5::memberNames(sg.get()))
                keys.insert(k);
        }
        for (const auto& k : keys) {
            const std::string path = slot + "/" + k;
            auto it = model.find(k);
            if (fromSource && !anyModifiedUnder(path) && hasSource(path))
                copy(path, g.get(), k);
            else if (it != model.end())
                writeOne(g.get(), k, it->second, path);
        }
    }

    const Dataset& m_d;
    std::string m_path;
    ProgressSink& m_progress;
    const CancelToken& m_cancel;
    h5::ElementWriter m_w;
    hid_t m_file = H5I_INVALID_HID;
    Handle m_source;
};

void checkShapes(const Dataset& d, const std::string& path)
{
    auto bad = [&](const std::string& what, std::int64_t r, std::int64_t c) {
        throw InvalidInput("cannot write '" + path + "': " + what + " is " + std::to_string(r) + " × " + std::to_string(c)
                           + ", the dataset is " + std::to_string(d.nObs()) + " × " + std::to_string(d.nVars()));
    };
    if (!d.X.isNone() && (d.X.rows() != d.nObs() || d.X.cols() != d.nVars()))
        bad("X", d.X.rows(), d.X.cols());
    for (const auto& [k, m] : d.layers)
        if (m.rows() != d.nObs() || m.cols() != d.nVars())
            bad("layer '" + k + "'", m.rows(), m.cols());
    for (const auto& [k, a] : d.obsm)
        if (axisArrayRows(a) != d.nObs())
            bad("obsm '" + k + "'", axisArrayRows(a), axisArrayCols(a));
    for (const auto& [k, a] : d.varm)
        if (axisArrayRows(a) != d.nVars())
            bad("varm '" + k + "'", axisArrayRows(a), axisArrayCols(a));
    if (d.raw && !d.raw->X.isNone() && (d.raw->X.rows() != d.nObs() || d.raw->X.cols() != static_cast<std::int64_t>(d.raw->var.rows())))
        bad("raw/X", d.raw->X.rows(), d.raw->X.cols());
}

} // namespace

void writeH5ad(const Dataset& dataset, const std::string& path, ProgressSink& progress, const CancelToken& cancel)
{
    writeH5ad(dataset, path, progress, cancel, h5::WriteOptions{});
}

void writeH5ad(const Dataset& dataset, const std::string& path, ProgressSink& progress, const CancelToken& cancel,
               const h5::WriteOptions& options)
{
    checkShapes(dataset, path);
    h5::ErrorSilencer silence;
    const std::string tmp = temporarySiblingPath(path);
    try {
        {
            Handle file(H5Fcreate(tmp.c_str(), H5F_ACC_EXCL, H5P_DEFAULT, H5P_DEFAULT));
            if (!file)
                throw IoError("cannot create '" + path + "' (does the folder exist, and is it writable?)");
            H5adWriter writer(dataset, path, progress, cancel, options);
            writer.write(file.get());
            cancel.throwIfCancelled();
            if (H5Fclose(file.release()) < 0)
                throw IoError("cannot write '" + path + "' (disk full?)");
        }
        commitTemporaryFile(tmp, path);
    } catch (...) {
        std::error_code ec;
        std::filesystem::remove(tmp, ec);
        throw;
    }
}

} // namespace scdesk
