#include "io/h5ad/h5ad_matrices.h"

#include <algorithm>
#include <limits>

#include "io/h5ad/array_reader.h"
#include "io/h5ad/h5_attributes.h"
#include "io/h5ad/h5_values.h"
#include "io/h5ad/h5ad_frames.h"
#include "util/cancel_token.h"
#include "util/progress_sink.h"

namespace scdesk::h5ad {

namespace {

using h5::Handle;

// Forwards one array's element counts to the reader's overall progress.
class OffsetProgress final : public ProgressSink {
public:
    OffsetProgress(ProgressSink& parent, std::int64_t offset) : m_parent(parent), m_offset(offset) {}
    void setRange(std::int64_t) override {}
    void setProgress(std::int64_t done, std::string_view text) override { m_parent.setProgress(m_offset + done, text); }
    void log(LogLevel level, std::string_view message) override { m_parent.log(level, message); }

private:
    ProgressSink& m_parent;
    std::int64_t m_offset;
};

template <class T>
void readBig(Context& ctx, hid_t dataset, std::vector<T>& out, const std::string& where)
{
    ctx.cancel.throwIfCancelled();
    OffsetProgress progress(ctx.progress, ctx.progressDone);
    h5::readArray(dataset, out, where, ctx.cancel, &progress);
    ctx.progressDone += static_cast<std::int64_t>(out.size());
    ctx.progress.setProgress(ctx.progressDone, "reading matrices");
}

std::string shapeText(std::int64_t r, std::int64_t c)
{
    return std::to_string(r) + " x " + std::to_string(c);
}

enum class SparseFormat { Unknown, Csr, Csc };

SparseFormat sparseFormatOf(hid_t group, const std::string& encoding, const std::string& where)
{
    if (encoding == "csr_matrix")
        return SparseFormat::Csr;
    if (encoding == "csc_matrix")
        return SparseFormat::Csc;
    if (auto f = h5::stringAttribute(group, "h5sparse_format", where)) {
        if (*f == "csr")
            return SparseFormat::Csr;
        if (*f == "csc")
            return SparseFormat::Csc;
        throw InvalidInput(where + ": unknown h5sparse_format '" + *f + "' (expected csr or csc)");
    }
    return SparseFormat::Unknown;
}

bool looksSparse(hid_t group)
{
    return childExists(group, "data") && childExists(group, "indices") && childExists(group, "indptr");
}

// Reads indices of any integer width as int32 (what CsrMatrix/CscMatrix hold), checking range.
std::vector<std::int32_t> readIndices(Context& ctx, hid_t ds, const std::string& where, std::int64_t minor)
{
    if (minor > std::numeric_limits<std::int32_t>::max())
        throw InvalidInput(where + ": the minor dimension (" + std::to_string(minor)
                           + ") does not fit 32-bit indices; scDesk cannot hold this matrix");
    Handle type(H5Dget_type(ds));
    if (!h5::isInteger(type.get()))
        throw InvalidInput(where + ": expected integer indices, found " + h5::numpyDtypeName(type.get()));
    const std::size_t size = H5Tget_size(type.get());
    const bool isSigned = H5Tget_sign(type.get()) == H5T_SGN_2;
    std::vector<std::int32_t> out;
    auto badIndex = [&](std::size_t i, std::int64_t v) {
        return InvalidInput(where + ": index " + std::to_string(v) + " at position " + std::to_string(i)
                            + " is outside [0, " + std::to_string(minor) + ")");
    };
    if (size < 4 || (size == 4 && isSigned)) {
        readBig(ctx, ds, out, where);
    } else {
        // uint32, int64, uint64: read wide, then narrow.
        std::vector<std::int64_t> wide;
        readBig(ctx, ds, wide, where);
        out.resize(wide.size());
        for (std::size_t i = 0; i < wide.size(); ++i) {
            if (wide[i] < 0 || wide[i] >= minor)
                throw badIndex(i, wide[i]);
            out[i] = static_cast<std::int32_t>(wide[i]);
        }
        return out;
    }
    for (std::size_t i = 0; i < out.size(); ++i)
        if (out[i] < 0 || out[i] >= minor)
            throw badIndex(i, out[i]);
    return out;
}

void validateIndptr(const std::vector<std::int64_t>& indptr, std::int64_t nnz, const std::string& where)
{
    if (indptr.empty())
        throw InvalidInput(where + ": indptr is empty");
    if (indptr.front() != 0)
        throw InvalidInput(where + ": indptr starts at " + std::to_string(indptr.front()) + ", expected 0");
    for (std::size_t i = 1; i < indptr.size(); ++i)
        if (indptr[i] < indptr[i - 1])
            throw InvalidInput(where + ": indptr decreases at position " + std::to_string(i) + " ("
                               + std::to_string(indptr[i - 1]) + " -> " + std::to_string(indptr[i])
                               + "); expected non-decreasing offsets (32-bit overflow in the writer?)");
    if (indptr.back() != nnz)
        throw InvalidInput(where + ": indptr ends at " + std::to_string(indptr.back()) + ", expected " + std::to_string(nnz)
                           + " (the length of data and indices)");
}

// Checks a stored shape against the slot's; names the swapped case explicitly.
void checkShape(const std::string& where, std::int64_t r, std::int64_t c, std::int64_t rows, std::int64_t cols)
{
    if (r == rows && (cols < 0 || c == cols))
        return;
    if (cols >= 0 && r == cols && c == rows)
        throw InvalidInput(where + ": stored as " + shapeText(r, c) + " (genes x cells); expected cells x genes "
                           + shapeText(rows, cols) + " from the obs and var lengths. The writer did not transpose "
                           "the matrix; scDesk does not guess the orientation");
    throw InvalidInput(where + ": shape " + shapeText(r, c) + " does not match the expected "
                       + (cols < 0 ? std::to_string(rows) + " rows" : shapeText(rows, cols))
                       + " (from the obs and var lengths)");
}

Handle openMember(hid_t group, const char* name, const std::string& where)
{
    if (!childExists(group, name))
        throw InvalidInput(where + ": sparse matrix has no member '" + name + "' (expected data, indices and indptr)");
    return openObject(group, name, where + "/" + name);
}

std::int64_t datasetLength(hid_t ds, const std::string& where)
{
    const h5::Source s{ds, false, {}, where};
    return s.count();
}

template <class Sparse>
Sparse readSparseArrays(Context& ctx, hid_t group, const std::string& where, std::int64_t r, std::int64_t c,
                        bool csc, std::string* dtype)
{
    Handle data = openMember(group, "data", where);
    Handle indices = openMember(group, "indices", where);
    Handle indptr = openMember(group, "indptr", where);
    const std::int64_t nData = datasetLength(data.get(), where + "/data");
    const std::int64_t nIndices = datasetLength(indices.get(), where + "/indices");
    const std::int64_t nIndptr = datasetLength(indptr.get(), where + "/indptr");
    const std::int64_t major = csc ? c : r;
    const std::int64_t minor = csc ? r : c;
    if (nIndptr != major + 1)
        throw InvalidInput(where + "/indptr: has " + std::to_string(nIndptr) + " entries, expected "
                           + std::to_string(major + 1) + " (" + (csc ? "columns" : "rows") + " + 1 for shape "
                           + shapeText(r, c) + ")");
    if (nData != nIndices)
        throw InvalidInput(where + ": data has " + std::to_string(nData) + " values but indices has "
                           + std::to_string(nIndices));
    Handle dtypeId(H5Dget_type(data.get()));
    if (!h5::isNumeric(dtypeId.get()))
        throw UnsupportedElement(where + "/data: expected numbers, found " + h5::numpyDtypeName(dtypeId.get()));
    *dtype = h5::numpyDtypeName(dtypeId.get());

    Sparse m;
    m.rows = r;
    m.cols = c;
    readBig(ctx, indptr.get(), m.indptr, where + "/indptr");
    validateIndptr(m.indptr, nData, where + "/indptr");
    m.indices = readIndices(ctx, indices.get(), where + "/indices", minor);
    readBig(ctx, data.get(), m.data, where + "/data");
    if (static_cast<std::int64_t>(m.data.size()) != nData || static_cast<std::int64_t>(m.indices.size()) != nData)
        throw IoError(where + ": read fewer values than the dataset holds");
    return m;
}

Matrix readSparse(Context& ctx, hid_t group, const std::string& where, const std::string& encoding, std::int64_t rows,
                  std::int64_t cols)
{
    SparseFormat format = sparseFormatOf(group, encoding, where);
    std::optional<std::vector<std::int64_t>> shape = h5::integerArrayAttribute(group, "shape", where);
    if (!shape)
        shape = h5::integerArrayAttribute(group, "h5sparse_shape", where);
    if (shape && (shape->size() != 2 || (*shape)[0] < 0 || (*shape)[1] < 0))
        throw InvalidInput(where + ": the shape attribute must hold two non-negative integers");
    if (format == SparseFormat::Unknown) {
        // Untagged: decide by the indptr length (the slot's shape tells which axis it runs over).
        Handle indptr = openMember(group, "indptr", where);
        const std::int64_t n = datasetLength(indptr.get(), where + "/indptr");
        const std::int64_t r = shape ? (*shape)[0] : rows;
        format = n == r + 1 ? SparseFormat::Csr : SparseFormat::Csc;
    }
    const bool csc = format == SparseFormat::Csc;
    std::int64_t r = rows, c = cols;
    if (shape) {
        r = (*shape)[0];
        c = (*shape)[1];
        checkShape(where, r, c, rows, cols);
    } else if (c < 0) {
        if (csc) {
            Handle indptr = openMember(group, "indptr", where);
            c = datasetLength(indptr.get(), where + "/indptr") - 1;
        } else {
            throw InvalidInput(where + ": sparse matrix without a shape attribute and no known column count");
        }
    }
    std::string dtype;
    if (csc) {
        CscMatrix m = readSparseArrays<CscMatrix>(ctx, group, where, r, c, true, &dtype);
        return Matrix(std::move(m), dtype);
    }
    CsrMatrix m = readSparseArrays<CsrMatrix>(ctx, group, where, r, c, false, &dtype);
    return Matrix(std::move(m), dtype);
}

// Dense 2-D (or 1-D read as n x 1 when allowed) float matrix.
DenseMatrix readDense(Context& ctx, hid_t ds, const std::string& where, std::int64_t rows, std::int64_t cols,
                      bool allow1d, std::string* dtype)
{
    const h5::Source s{ds, false, {}, where};
    Handle type = s.fileType();
    const auto dims = s.dims();
    if (dims.size() > 2 || dims.empty() || (dims.size() == 1 && !allow1d))
        throw UnsupportedElement(where + ": expected a 2-D array, found " + std::to_string(dims.size()) + " dimensions");
    const std::int64_t r = dims[0];
    const std::int64_t c = dims.size() == 2 ? dims[1] : 1;
    checkShape(where, r, c, rows, cols);
    *dtype = h5::numpyDtypeName(type.get());
    DenseMatrix m(r, c);
    if (h5::isBoolLike(type.get())) {
        const auto v = h5::readDoubles(s);
        std::transform(v.begin(), v.end(), m.data(), [](double x) { return static_cast<float>(x); });
        return m;
    }
    if (!h5::isNumeric(type.get()))
        throw UnsupportedElement(where + ": expected a numeric array, found " + h5::numpyDtypeName(type.get()));
    // Straight into the matrix's buffer: a dense X costs its own size, not twice.
    ctx.cancel.throwIfCancelled();
    OffsetProgress progress(ctx.progress, ctx.progressDone);
    h5::readArrayInto(ds, std::span<float>(m.data(), static_cast<std::size_t>(m.size())), where, ctx.cancel, &progress);
    ctx.progressDone += m.size();
    ctx.progress.setProgress(ctx.progressDone, "reading matrices");
    return m;
}

bool isNullDataset(hid_t ds)
{
    Handle sp(H5Dget_space(ds));
    return sp && H5Sget_simple_extent_type(sp.get()) == H5S_NULL;
}

} // namespace

Matrix readMatrix(Context& ctx, hid_t parent, const std::string& name, const std::string& path, std::int64_t rows,
                  std::int64_t cols)
{
    const std::string where = ctx.where(path);
    Handle obj = openObject(parent, name, where);
    const std::string encoding = h5::encodingType(obj.get(), where);
    if (isGroup(obj.get())) {
        if (encoding == "csr_matrix" || encoding == "csc_matrix" || h5::hasAttribute(obj.get(), "h5sparse_format")
            || (encoding.empty() && looksSparse(obj.get())))
            return readSparse(ctx, obj.get(), where, encoding, rows, cols);
        throw UnsupportedElement(where + ": expected a matrix (csr_matrix, csc_matrix or array), found "
                                 + (encoding.empty() ? std::string("a group without encoding-type")
                                                     : "encoding-type '" + encoding + "'"));
    }
    if (encoding == "null" || isNullDataset(obj.get()))
        return Matrix();
    if (!encoding.empty() && encoding != "array")
        throw UnsupportedElement(where + ": expected a matrix (csr_matrix, csc_matrix or array), found encoding-type '"
                                 + encoding + "'");
    std::string dtype;
    DenseMatrix m = readDense(ctx, obj.get(), where, rows, cols, false, &dtype);
    return Matrix(std::move(m), dtype);
}

AxisArray readAxisArray(Context& ctx, hid_t parent, const std::string& name, const std::string& path,
                        std::int64_t rows)
{
    const std::string where = ctx.where(path);
    Handle obj = openObject(parent, name, where);
    const std::string encoding = h5::encodingType(obj.get(), where);
    if (isGroup(obj.get())) {
        if (encoding == "dataframe" || (encoding.empty() && h5::hasAttribute(obj.get(), "column-order")))
            return readDataFrameGroup(ctx, obj.get(), path, static_cast<std::size_t>(rows));
        if (encoding == "csr_matrix" || encoding == "csc_matrix" || h5::hasAttribute(obj.get(), "h5sparse_format")
            || (encoding.empty() && looksSparse(obj.get()))) {
            Matrix m = readSparse(ctx, obj.get(), where, encoding, rows, -1);
            if (const CsrMatrix* csr = m.csr())
                return *csr;
            return *m.csc();
        }
        throw UnsupportedElement(where + ": "
                                 + (encoding.empty() ? std::string("a group without encoding-type")
                                                     : "encoding-type '" + encoding + "'")
                                 + " is not an array scDesk can read");
    }
    if (!encoding.empty() && encoding != "array")
        throw UnsupportedElement(where + ": encoding-type '" + encoding + "' is not an array scDesk can read");
    std::string dtype;
    return readDense(ctx, obj.get(), where, rows, -1, true, &dtype);
}

MatrixInfo inspectMatrix(hid_t parent, const std::string& name, const std::string& where)
{
    MatrixInfo info;
    Handle obj(H5Oopen(parent, name.c_str(), H5P_DEFAULT));
    if (!obj)
        return info;
    if (isGroup(obj.get())) {
        if (!looksSparse(obj.get()))
            return info;
        info.encoding = "sparse";
        for (const char* member : {"data", "indices", "indptr"}) {
            Handle ds(H5Dopen2(obj.get(), member, H5P_DEFAULT));
            if (ds)
                info.arrayElements += h5::Source{ds.get(), false, {}, where}.count();
        }
        return info;
    }
    if (isDataset(obj.get())) {
        info.encoding = "array";
        info.arrayElements = h5::Source{obj.get(), false, {}, where}.count();
    }
    return info;
}

} // namespace scdesk::h5ad
