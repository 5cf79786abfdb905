#include "io/h5ad/h5ad_reader.h"
#include "io/h5ad/h5ad_preflight.h"

#include <cstdlib>
#include <filesystem>

#include "io/h5ad/filters.h"
#include "io/h5ad/h5_attributes.h"
#include "io/h5ad/h5_values.h"
#include "io/h5ad/h5ad_context.h"
#include "io/h5ad/h5ad_frames.h"
#include "io/h5ad/h5ad_matrices.h"
#include "io/h5ad/h5ad_uns.h"
#include "util/cancel_token.h"
#include "util/progress_sink.h"

namespace scdesk {

namespace {

using h5::Handle;
using h5ad::Context;
using h5ad::Era;

// Opens read-only; on file-system locking failures (NFS, FUSE, another writer) retries with
// HDF5 file locking disabled.
Handle openFile(const std::string& path)
{
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        throw IoError("cannot open '" + path + "': no such file");
    if (std::filesystem::is_directory(path, ec))
        throw IoError("cannot open '" + path + "': it is a folder, not an .h5ad file");
    const htri_t isHdf5 = H5Fis_hdf5(path.c_str());
    if (isHdf5 <= 0)
        throw IoError("cannot open '" + path + "': not an HDF5 file (an .h5ad file is HDF5; this one is not, or its "
                      "header is damaged)");
    Handle file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
    if (file)
        return file;
    std::string detail = h5::lastHdf5Error();
#if H5_VERSION_GE(1, 10, 7)
    Handle fapl(H5Pcreate(H5P_FILE_ACCESS));
    H5Pset_file_locking(fapl.get(), false, true);
    file = Handle(H5Fopen(path.c_str(), H5F_ACC_RDONLY, fapl.get()));
#else
    // Older libhdf5 reads the setting from the environment when a file is opened.
    setenv("HDF5_USE_FILE_LOCKING", "FALSE", 0);
    file = Handle(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
#endif
    if (file)
        return file;
    throw IoError("cannot open '" + path + "': HDF5 could not open it (" + (detail.empty() ? "unknown error" : detail)
                  + "); the file may be truncated or still being written");
}

Era detectEra(Context& ctx, hid_t root)
{
    const std::string enc = h5::encodingType(root, ctx.where("/"));
    if (enc == "anndata")
        return Era::L2;
    if (h5ad::childExists(root, "obs")) {
        Handle obs = h5ad::openObject(root, "obs", ctx.where("/obs"));
        if (h5ad::isDataset(obs.get()))
            return Era::L0;
    }
    return Era::L1;
}

const char* eraName(Era e)
{
    switch (e) {
    case Era::L0: return "anndata < 0.7";
    case Era::L1: return "anndata 0.7";
    default: return "anndata >= 0.8";
    }
}

DataFrame readRequiredFrame(Context& ctx, hid_t root, const char* name)
{
    const std::string path = std::string("/") + name;
    if (!h5ad::childExists(root, name))
        throw InvalidInput(ctx.where(path) + ": missing; every .h5ad file has obs and var data frames");
    try {
        return h5ad::readDataFrame(ctx, root, name, path, std::nullopt);
    } catch (const h5ad::UnsupportedElement& e) {
        throw InvalidInput(e.what());
    }
}

// Reads every member of a mapping group, skipping (with a warning) what cannot be read.
template <class Fn>
void forEachMember(Context& ctx, hid_t root, const std::string& groupName, Fn fn)
{
    if (!h5ad::childExists(root, groupName))
        return;
    const std::string path = "/" + groupName;
    Handle g = h5ad::openObject(root, groupName, ctx.where(path));
    if (!h5ad::isGroup(g.get())) {
        ctx.warn(ctx.where(path) + ": expected a group; skipped");
        return;
    }
    for (const std::string& key : h5ad::childNames(g.get())) {
        try {
            fn(g.get(), key, path + "/" + key);
        } catch (const h5ad::UnsupportedElement& e) {
            ctx.warn(std::string("skipped: ") + e.what());
        }
    }
}

// anndata < 0.7 obsm/varm: one compound dataset, one field per key (sub-arrays such as f4[50]).
void readLegacyAxisArrays(Context& ctx, hid_t root, const std::string& name, std::int64_t rows,
                          std::map<std::string, AxisArray>& out)
{
    const std::string where = ctx.where("/" + name);
    Handle ds = h5ad::openObject(root, name, where);
    Handle type(H5Dget_type(ds.get()));
    const int n = H5Tget_nmembers(type.get());
    for (int i = 0; i < n; ++i) {
        char* fname = H5Tget_member_name(type.get(), static_cast<unsigned>(i));
        const std::string field = fname ? fname : "";
        H5free_memory(fname);
        const h5::Source s{ds.get(), false, field, where + " (field '" + field + "')"};
        if (s.count() != rows)
            throw InvalidInput(s.where + ": has " + std::to_string(s.count()) + " rows, expected " + std::to_string(rows));
        Handle ft = s.fileType();
        std::int64_t cols = 1;
        Handle mem;
        if (H5Tget_class(ft.get()) == H5T_ARRAY) {
            const int rank = H5Tget_array_ndims(ft.get());
            std::vector<hsize_t> d(static_cast<std::size_t>(std::max(rank, 0)));
            H5Tget_array_dims2(ft.get(), d.data());
            for (auto x : d)
                cols *= static_cast<std::int64_t>(x);
            mem = Handle(H5Tarray_create2(H5T_NATIVE_FLOAT, static_cast<unsigned>(rank), d.data()));
        } else if (h5::isNumeric(ft.get())) {
            mem = Handle(H5Tcopy(H5T_NATIVE_FLOAT));
        } else {
            ctx.warn("skipped: " + s.where + ": not a numeric field");
            continue;
        }
        DenseMatrix m(rows, cols);
        s.read(mem.get(), m.data());
        out[field] = std::move(m);
    }
}

// anndata < 0.7 kept category labels in uns/<col>_categories; attach them as anndata does.
void attachLegacyCategories(Context& ctx, Dataset& d)
{
    std::vector<std::string> used;
    for (auto it = d.uns.begin(); it != d.uns.end(); ++it) {
        const std::string key = it.key();
        const std::string suffix = "_categories";
        if (key.size() <= suffix.size() || key.compare(key.size() - suffix.size(), suffix.size(), suffix) != 0)
            continue;
        const std::string col = key.substr(0, key.size() - suffix.size());
        std::vector<std::string> labels;
        if (it->is_array()) {
            for (const auto& v : *it)
                labels.push_back(v.is_string() ? v.get<std::string>() : v.dump());
        } else if (it->is_string()) {
            labels.push_back(it->get<std::string>());
        } else {
            continue;
        }
        for (DataFrame* df : {&d.obs, &d.var})
            for (Column& c : df->columns) {
                auto* n = std::get_if<NumericColumn>(&c.data);
                if (c.name != col || !n || !n->integer)
                    continue;
                bool fits = true;
                for (double v : n->values)
                    fits = fits && v < static_cast<double>(labels.size());
                if (!fits)
                    continue;
                CategoricalColumn cat;
                cat.categories = labels;
                for (double v : n->values)
                    cat.codes.push_back(v < 0 ? -1 : static_cast<std::int32_t>(v));
                c.data = std::move(cat);
                used.push_back(key);
                ctx.warn(ctx.where("/uns/" + key) + ": attached as the categories of column '" + col
                         + "' (anndata < 0.7 layout)");
            }
    }
    for (const auto& key : used)
        d.uns.erase(key);
}

std::int64_t mainArrayElements(hid_t root, const std::string& file)
{
    std::int64_t total = 0;
    auto add = [&](hid_t parent, const std::string& name) {
        total += h5ad::inspectMatrix(parent, name, file).arrayElements;
    };
    for (const char* slot : {"X", "raw.X"})
        if (h5ad::childExists(root, slot))
            add(root, slot);
    for (const char* group : {"layers", "raw"})
        if (h5ad::childExists(root, group)) {
            Handle g(H5Oopen(root, group, H5P_DEFAULT));
            if (g && h5ad::isGroup(g.get()))
                for (const auto& key : h5ad::childNames(g.get()))
                    if (std::string(group) == "layers" || key == "X")
                        add(g.get(), key);
        }
    return total;
}

Dataset readFile(Context& ctx, hid_t root)
{
    Dataset d;
    ctx.era = detectEra(ctx, root);
    ctx.report.era = eraName(ctx.era);
    ctx.progress.setRange(mainArrayElements(root, ctx.file));
    ctx.progress.setProgress(0, "reading obs and var");

    d.obs = readRequiredFrame(ctx, root, "obs");
    d.var = readRequiredFrame(ctx, root, "var");
    const std::int64_t nObs = d.nObs();
    const std::int64_t nVars = d.nVars();
    ctx.cancel.throwIfCancelled();

    const bool matrices = ctx.options.loadMatrices;
    if (matrices && h5ad::childExists(root, "X")) {
        try {
            d.X = h5ad::readMatrix(ctx, root, "X", "/X", nObs, nVars);
        } catch (const h5ad::UnsupportedElement& e) {
            throw InvalidInput(e.what());
        }
    }
    if (matrices)
        forEachMember(ctx, root, "layers", [&](hid_t g, const std::string& key, const std::string& path) {
            d.layers[key] = h5ad::readMatrix(ctx, g, key, path, nObs, nVars);
        });

    // raw: a group (>= 0.7) or the top-level raw.X / raw.var / raw.varm (< 0.7).
    const bool rawGroup = h5ad::childExists(root, "raw");
    const bool rawLegacy = h5ad::childExists(root, "raw.X") || h5ad::childExists(root, "raw.var");
    if (rawGroup && rawLegacy)
        ctx.warn(ctx.where("/") + ": has both raw and raw.X/raw.var; used raw");
    if (rawGroup || rawLegacy) {
        RawData raw;
        Handle rawG;
        hid_t parent = root;
        std::string prefix = "/raw.";
        std::string xName = "X", varName = "var", varmName = "varm";
        if (rawGroup) {
            rawG = h5ad::openObject(root, "raw", ctx.where("/raw"));
            parent = rawG.get();
            prefix = "/raw/";
        } else {
            xName = "raw.X", varName = "raw.var", varmName = "raw.varm";
            prefix = "/";
        }
        std::optional<std::int64_t> rawVars;
        if (h5ad::childExists(parent, varName)) {
            raw.var = h5ad::readDataFrame(ctx, parent, varName, prefix + varName, std::nullopt);
            rawVars = static_cast<std::int64_t>(raw.var.rows());
        }
        if (matrices && h5ad::childExists(parent, xName)) {
            raw.X = h5ad::readMatrix(ctx, parent, xName, prefix + xName, nObs, rawVars.value_or(-1));
            if (!rawVars) {
                for (std::int64_t i = 0; i < raw.X.cols(); ++i)
                    raw.var.index.push_back(std::to_string(i));
                ctx.warn(ctx.where(prefix + xName) + ": raw has no var data frame; numbered its variables");
            }
        }
        if (h5ad::childExists(parent, varmName) && rawVars) {
            Handle varm = h5ad::openObject(parent, varmName, ctx.where(prefix + varmName));
            if (h5ad::isGroup(varm.get())) {
                for (const auto& key : h5ad::childNames(varm.get())) {
                    try {
                        raw.varm[key] = h5ad::readAxisArray(ctx, varm.get(), key, prefix + varmName + "/" + key, *rawVars);
                    } catch (const h5ad::UnsupportedElement& e) {
                        ctx.warn(std::string("skipped: ") + e.what());
                    }
                }
            } else {
                readLegacyAxisArrays(ctx, parent, varmName, *rawVars, raw.varm);
            }
        }
        if (rawVars || !raw.X.isNone())
            d.raw = std::move(raw);
    }

    for (const auto& [name, rows, target] :
         {std::tuple{"obsm", nObs, &d.obsm}, std::tuple{"varm", nVars, &d.varm}}) {
        if (!h5ad::childExists(root, name))
            continue;
        Handle g = h5ad::openObject(root, name, ctx.where(std::string("/") + name));
        if (h5ad::isDataset(g.get())) {
            readLegacyAxisArrays(ctx, root, name, rows, *target);
            continue;
        }
        auto* out = target;
        const std::int64_t n = rows;
        forEachMember(ctx, root, name, [&](hid_t grp, const std::string& key, const std::string& path) {
            (*out)[key] = h5ad::readAxisArray(ctx, grp, key, path, n);
        });
    }
    if (matrices) {
        forEachMember(ctx, root, "obsp", [&](hid_t g, const std::string& key, const std::string& path) {
            d.obsp[key] = h5ad::readMatrix(ctx, g, key, path, nObs, nObs);
        });
        forEachMember(ctx, root, "varp", [&](hid_t g, const std::string& key, const std::string& path) {
            d.varp[key] = h5ad::readMatrix(ctx, g, key, path, nVars, nVars);
        });
    }
    if (h5ad::childExists(root, "uns")) {
        Handle uns = h5ad::openObject(root, "uns", ctx.where("/uns"));
        if (h5ad::isGroup(uns.get()))
            d.uns = h5ad::readUns(ctx, uns.get(), "/uns");
        else
            ctx.warn(ctx.where("/uns") + ": expected a group; skipped");
    }
    if (ctx.era == Era::L0)
        attachLegacyCategories(ctx, d);
    return d;
}

} // namespace

Dataset readH5ad(const std::string& path, ProgressSink& progress, const CancelToken& cancel, H5adReadReport* report,
                 const H5adReadOptions& options)
{
    progress.setProgress(0, "checking the file's structure");
    preflightH5ad(path, cancel); // a child process takes the crash if libhdf5 cannot cope
    h5::registerFilters();
    H5adReadReport localReport;
    H5adReadReport& rep = report ? *report : localReport;
    rep = H5adReadReport{};
    const h5::ErrorSilencer silence;
    Handle file = openFile(path);
    Context ctx{path, Era::L2, rep, options, progress, cancel};
    Handle root(H5Gopen2(file.get(), "/", H5P_DEFAULT));
    if (!root)
        throw IoError(ctx.where("/") + ": cannot open the root group (" + h5::lastHdf5Error() + ")");
    const h5::Utf8RepairLog utf8Repairs;
    Dataset d = readFile(ctx, root.get());
    for (const std::string& element : utf8Repairs.elements())
        ctx.warn(element + ": text that is not valid UTF-8 (probably Latin-1) was shown with U+FFFD in place of the "
                 "undecodable bytes; saving writes the repaired text");
    d.sourcePath = path;
    return d;
}

} // namespace scdesk
