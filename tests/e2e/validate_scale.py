#!/usr/bin/python3
"""Validates the scale-out files against docs/schema/report.schema.json:

    validate_scale.py SCHEMA shard DIR/shard-I      (the .jsonl lines and the .manifest.json)
    validate_scale.py SCHEMA inventory FILE         (inventory export --format json)

Exit 0 when valid, 1 with the first error otherwise."""
import json
import sys

import jsonschema


def validator(root, name):
    schema = {k: v for k, v in root.items() if k not in ("oneOf", "anyOf")}
    schema["$ref"] = f"#/$defs/{name}"
    return jsonschema.Draft202012Validator(schema)


def main():
    root = json.load(open(sys.argv[1]))
    kind, path = sys.argv[2], sys.argv[3]
    checks = []
    if kind == "shard":
        checks.append((validator(root, "shard_manifest"), json.load(open(path + ".manifest.json"))))
        for line in open(path + ".jsonl"):
            doc = json.loads(line)
            name = {"finding": "jsonl_finding", "summary": "jsonl_summary"}[doc["type"]]
            checks.append((validator(root, name), doc))
    else:
        checks.append((validator(root, "inventory"), json.load(open(path))))
    for v, doc in checks:
        errors = sorted(v.iter_errors(doc), key=lambda e: list(e.path))
        if errors:
            e = errors[0]
            print(f"{path}: {'/'.join(map(str, e.path))}: {e.message}"[:600], file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
