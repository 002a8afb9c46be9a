#!/usr/bin/python3
"""Validates Kubernetes manifests offline against the API schema that
Debian's python3-kubernetes carries (its generated models: field names,
types, required fields, client-side value checks):

    validate_k8s.py FILE.yaml...

Every document must be a batch/v1 Job or CronJob. Unknown fields are errors,
except the Job fields newer than the package's API version listed in NEWER,
whose types are checked here instead. Exit 0 when valid, 1 with every error
otherwise. Not checked (needs an API server): name formats, cross-field and
defaulting rules, admission, whether referenced objects exist."""
import re
import sys

import kubernetes
import kubernetes.client as k8s
import yaml

KINDS = {("batch/v1", "Job"): "V1Job", ("batch/v1", "CronJob"): "V1CronJob"}
# batch/v1 JobSpec fields added after the API version of python3-kubernetes
# 22.6 (Kubernetes 1.22): backoffLimitPerIndex and maxFailedIndexes
# (Kubernetes 1.28 alpha, 1.29 beta, 1.33 GA), podFailurePolicy (1.26).
NEWER = {"V1JobSpec": {"backoffLimitPerIndex": "nonneg", "maxFailedIndexes": "nonneg",
                       "podFailurePolicy": "object"}}
CRON_FIELD = r"(\*|[0-9]+(-[0-9]+)?)(/[0-9]+)?(,(\*|[0-9]+(-[0-9]+)?)(/[0-9]+)?)*"


def required_fields(cls):
    """Attributes whose generated setter refuses None."""
    obj = cls.__new__(cls)
    obj.local_vars_configuration = k8s.Configuration()
    out = set()
    for attr in cls.openapi_types:
        try:
            setattr(obj, attr, None)
        except ValueError:
            out.add(attr)
    return out


def check(value, typ, path, errors):
    if typ == "object":
        return
    if typ in ("str", "datetime", "date"):
        ok = isinstance(value, str)
    elif typ == "int":
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif typ == "float":
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    elif typ == "bool":
        ok = isinstance(value, bool)
    elif typ.startswith("list["):
        if not isinstance(value, list):
            errors.append(f"{path}: expected a list")
            return
        for i, v in enumerate(value):
            check(v, typ[5:-1], f"{path}[{i}]", errors)
        return
    elif typ.startswith("dict("):
        if not isinstance(value, dict):
            errors.append(f"{path}: expected a map")
            return
        inner = typ[typ.index(",") + 1:-1].strip()
        for k, v in value.items():
            check(v, inner, f"{path}.{k}", errors)
        return
    else:
        check_model(value, typ, path, errors)
        return
    if not ok:
        errors.append(f"{path}: expected {typ}, got {type(value).__name__} {value!r}")


def check_model(value, name, path, errors):
    cls = getattr(k8s, name)
    if not isinstance(value, dict):
        errors.append(f"{path}: expected a {name} object")
        return
    by_json = {v: k for k, v in cls.attribute_map.items()}
    newer = NEWER.get(name, {})
    obj = cls.__new__(cls)
    obj.local_vars_configuration = k8s.Configuration()
    for key, v in value.items():
        if key in newer:
            if newer[key] == "nonneg" and not (isinstance(v, int) and v >= 0):
                errors.append(f"{path}.{key}: expected a non-negative integer")
            continue
        if key not in by_json:
            errors.append(f"{path}.{key}: unknown field of {name}")
            continue
        attr = by_json[key]
        typ = cls.openapi_types[attr]
        check(v, typ, f"{path}.{key}", errors)
        if typ in ("str", "int", "bool"):
            try:
                setattr(obj, attr, v)  # the model's own value checks (enums, ranges)
            except ValueError as e:
                errors.append(f"{path}.{key}: {e}")
    for attr in sorted(required_fields(cls)):
        if cls.attribute_map[attr] not in value:
            errors.append(f"{path}: {name} requires {cls.attribute_map[attr]}")


def main():
    errors, docs = [], 0
    for f in sys.argv[1:]:
        for i, doc in enumerate(yaml.safe_load_all(open(f))):
            if doc is None:
                continue
            docs += 1
            where = f"{f}#{i}"
            name = KINDS.get((doc.get("apiVersion"), doc.get("kind")))
            if name is None:
                errors.append(f"{where}: not a batch/v1 Job or CronJob")
                continue
            check_model(doc, name, where, errors)
            if name == "V1CronJob":
                fields = str(doc.get("spec", {}).get("schedule", "")).split()
                if len(fields) != 5 or not all(re.fullmatch(CRON_FIELD, x) for x in fields):
                    errors.append(f"{where}.spec.schedule: not a five-field cron schedule")
    for e in errors:
        print(e, file=sys.stderr)
    print(f"validate_k8s: {docs} documents against python3-kubernetes {kubernetes.__version__} "
          f"models: {len(errors)} errors", file=sys.stderr)
    return 1 if errors or docs == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
