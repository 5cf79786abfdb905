#!/usr/bin/python3
"""Checks .h5ad files written by scDesk with Python's anndata and h5py (used by tst_h5adwriter).

  check_h5ad_with_anndata.py summary FILE
      anndata.read_h5ad(FILE), then one JSON object on stdout: shapes, frames (column order,
      dtypes, categories, missing positions, values or sums), matrices (kind, dtype, shape, sum),
      obsm/varm/obsp/varp shapes, uns as JSON, raw.
  check_h5ad_with_anndata.py compare SRC OUT [CHANGED_PATH ...]
      h5py: every element of SRC not under a CHANGED_PATH is in OUT with the same attributes,
      dtype, shape and values; also reads OUT with anndata. JSON {"ok", "problems", "checked"}.
Exit status 3 when anndata/h5py are missing (the test skips then).
"""
import json
import math
import sys
import warnings

try:
    import anndata
    import h5py
    import numpy as np
    import pandas as pd
    import scipy.sparse as sp
except ImportError as e:  # pragma: no cover
    print(json.dumps({"missing": str(e)}))
    sys.exit(3)

warnings.simplefilter("ignore")


def plain(v):
    """numpy / pandas values -> JSON values (NaN -> None)."""
    if isinstance(v, dict):
        return {str(k): plain(x) for k, x in v.items()}
    if isinstance(v, pd.DataFrame):
        return {"dataframe": [str(c) for c in v.columns], "rows": int(v.shape[0])}
    if sp.issparse(v):
        return {"sparse": list(v.shape), "sum": float(v.sum())}
    if isinstance(v, np.ndarray):
        if v.dtype.kind in "OSU":
            return [plain(x) for x in v.tolist()]
        return plain(v.tolist())
    if isinstance(v, (list, tuple)):
        return [plain(x) for x in v]
    if isinstance(v, (bytes, np.bytes_)):
        return v.decode("utf-8", "replace")
    if isinstance(v, (np.bool_, bool)):
        return bool(v)
    if isinstance(v, (np.integer, int)):
        return int(v)
    if isinstance(v, (np.floating, float)):
        f = float(v)
        return None if math.isnan(f) else f
    if v is None:
        return None
    return str(v)


def matrix(m):
    if m is None:
        return None
    if sp.issparse(m):
        kind = "csr" if sp.isspmatrix_csr(m) else "csc" if sp.isspmatrix_csc(m) else m.format
        return {"kind": kind, "dtype": str(m.dtype), "shape": list(m.shape), "nnz": int(m.nnz),
                "sum": float(np.asarray(m.data, dtype=np.float64).sum())}
    if isinstance(m, pd.DataFrame):
        return {"kind": "dataframe", "shape": list(m.shape), "columns": [str(c) for c in m.columns],
                "dtypes": [str(d) for d in m.dtypes]}
    a = np.asarray(m)
    return {"kind": "dense", "dtype": str(a.dtype), "shape": list(a.shape),
            "sum": float(np.nansum(a.astype(np.float64)))}


def frame(df):
    out = {"index_name": df.index.name, "index": [str(x) for x in df.index], "columns": [], "dtypes": {}, "info": {}}
    for c in df.columns:
        s = df[c]
        out["columns"].append(str(c))
        out["dtypes"][str(c)] = str(s.dtype)
        na = [int(i) for i in np.flatnonzero(pd.isna(s).to_numpy())]
        info = {"na": na}
        if isinstance(s.dtype, pd.CategoricalDtype):
            info["categories"] = [str(x) for x in s.cat.categories]
            info["ordered"] = bool(s.cat.ordered)
            info["codes"] = [int(x) for x in s.cat.codes]
        elif s.dtype.kind in "biuf" or isinstance(s.dtype, (pd.Int64Dtype, pd.BooleanDtype)) or str(s.dtype) in (
                "Int8", "Int16", "Int32", "Int64", "boolean"):
            vals = s.to_numpy(dtype=np.float64, na_value=np.nan)
            info["values"] = [None if math.isnan(x) else x for x in vals.tolist()]
            info["sum"] = float(np.nansum(vals))
        else:
            info["values"] = [None if (isinstance(x, float) and math.isnan(x)) or x is None else str(x) for x in s]
        out["info"][str(c)] = info
    return out


def summary(path):
    a = anndata.read_h5ad(path)
    with h5py.File(path, "r") as f:
        root = {k: (v.decode() if isinstance(v, bytes) else str(v)) for k, v in f.attrs.items()}
    return {
        "root_attrs": root,
        "n_obs": int(a.n_obs), "n_vars": int(a.n_vars),
        "X": matrix(a.X),
        "layers": {k: matrix(v) for k, v in a.layers.items()},
        "obs": frame(a.obs), "var": frame(a.var),
        "obsm": {k: matrix(v) for k, v in a.obsm.items()},
        "varm": {k: matrix(v) for k, v in a.varm.items()},
        "obsp": {k: matrix(v) for k, v in a.obsp.items()},
        "varp": {k: matrix(v) for k, v in a.varp.items()},
        "uns": plain(dict(a.uns)),
        "raw": None if a.raw is None else {"n_vars": int(a.raw.n_vars), "X": matrix(a.raw.X),
                                           "var_columns": [str(c) for c in a.raw.var.columns]},
    }


def attrs_equal(a, b):
    if a.keys() != b.keys():
        return False
    for k in a.keys():
        x, y = a[k], b[k]
        if isinstance(x, h5py.Reference) or isinstance(y, h5py.Reference):
            continue
        x, y = np.asarray(x), np.asarray(y)
        if x.dtype != y.dtype or x.shape != y.shape or not np.array_equal(x, y):
            return False
    return True


def compare(src_path, out_path, changed):
    problems, checked = [], 0

    def is_changed(name):
        return any(name == c or name.startswith(c + "/") for c in changed)

    def is_parent_of_changed(name):
        return any(c.startswith(name + "/") for c in changed) or name == ""

    with h5py.File(src_path, "r") as src, h5py.File(out_path, "r") as out:
        def visit(name, obj):
            nonlocal checked
            if is_changed(name):
                return
            if name not in out:
                problems.append(f"/{name} missing in output")
                return
            o = out[name]
            checked += 1
            if isinstance(obj, h5py.Group):
                if not isinstance(o, h5py.Group):
                    problems.append(f"/{name}: group became a dataset")
                elif is_parent_of_changed(name):
                    sa = {k: v for k, v in obj.attrs.items() if k != "column-order"}
                    oa = {k: v for k, v in o.attrs.items() if k != "column-order"}
                    if not attrs_equal(sa, oa):
                        problems.append(f"/{name}: attributes differ")
                    if "column-order" in obj.attrs:
                        old = [str(x) for x in np.asarray(obj.attrs["column-order"]).tolist()]
                        new = [str(x) for x in np.asarray(o.attrs["column-order"]).tolist()]
                        if new[:len(old)] != old:
                            problems.append(f"/{name}: column-order {new} does not start with {old}")
                elif not attrs_equal(dict(obj.attrs), dict(o.attrs)):
                    problems.append(f"/{name}: attributes differ")
                return
            if not isinstance(o, h5py.Dataset):
                problems.append(f"/{name}: dataset became a group")
                return
            if not attrs_equal(dict(obj.attrs), dict(o.attrs)):
                problems.append(f"/{name}: attributes differ")
            if obj.dtype != o.dtype or obj.shape != o.shape:
                problems.append(f"/{name}: dtype/shape {obj.dtype}{obj.shape} became {o.dtype}{o.shape}")
                return
            if obj.shape is None:
                return
            x, y = obj[()], o[()]
            if obj.dtype.kind in "f":
                same = np.array_equal(x, y, equal_nan=True)
            else:
                same = np.array_equal(x, y)
            if not same:
                problems.append(f"/{name}: values differ")

        if not attrs_equal(dict(src.attrs), dict(out.attrs)):
            problems.append("/: root attributes differ")
        src.visititems(visit)
        present = {c: (c in out) for c in changed}
    try:
        a = anndata.read_h5ad(out_path)
        anndata_ok, shape = True, [int(a.n_obs), int(a.n_vars)]
        var_columns = [str(c) for c in a.var.columns]
        uns_keys = sorted(str(k) for k in a.uns.keys())
    except Exception as e:  # noqa: BLE001 - reported to the test
        anndata_ok, shape, var_columns, uns_keys = False, None, [], []
        problems.append(f"anndata cannot read the output: {e!r}")
    return {"ok": not problems, "problems": problems[:50], "checked": checked, "present": present,
            "anndata_ok": anndata_ok, "shape": shape, "var_columns": var_columns, "uns_keys": uns_keys}


def main(argv):
    if len(argv) >= 2 and argv[0] == "summary":
        result = summary(argv[1])
    elif len(argv) >= 3 and argv[0] == "compare":
        result = compare(argv[1], argv[2], argv[3:])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    print(json.dumps(result, allow_nan=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
