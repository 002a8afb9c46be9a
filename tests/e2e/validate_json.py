#!/usr/bin/python3
"""Validates a leakhound `json` report, or every line of a `jsonl` report,
against a JSON Schema (docs/schema/report.schema.json).

    tests/e2e/validate_json.py FILE SCHEMA

A file holding one JSON document is validated as a whole; otherwise each
non-empty line is validated on its own (JSONL), and a JSONL stream must end
with exactly one summary line. Exit 0 when valid, 1 when not, 2 on usage or
I/O errors. Needs python3-jsonschema (Debian) >= 4 for draft 2020-12.
"""
import json
import sys


def load_lines(text):
    try:
        return [json.loads(text)], False
    except json.JSONDecodeError:
        pass
    docs = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            docs.append(json.loads(line))
        except json.JSONDecodeError as e:
            raise ValueError(f"line {number}: not JSON: {e}") from e
    return docs, True


def branch_schema(schema, doc):
    """The schema narrowed to the branch `doc` claims to be (its "type" for
    jsonl lines, else the whole report), so errors name the offending field
    instead of "not valid under any of the given schemas"."""
    kind = doc.get("type") if isinstance(doc, dict) else None
    branch = {"finding": "jsonl_finding", "summary": "jsonl_summary"}.get(kind, "report")
    if branch not in schema.get("$defs", {}):
        return schema
    narrowed = {k: v for k, v in schema.items() if k not in ("oneOf", "anyOf")}
    narrowed["$ref"] = "#/$defs/" + branch
    return narrowed


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    try:
        import jsonschema
    except ImportError:
        print("validate_json: python3-jsonschema is not installed", file=sys.stderr)
        return 2
    path, schema_path = argv[1], argv[2]
    try:
        with open(schema_path, encoding="utf-8") as f:
            schema = json.load(f)
        with open(path, encoding="utf-8") as f:
            docs, is_lines = load_lines(f.read())
    except (OSError, ValueError) as e:
        print(f"validate_json: {path}: {e}", file=sys.stderr)
        return 2 if isinstance(e, OSError) else 1
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    errors = 0
    for index, doc in enumerate(docs, 1):
        where = f"{path}:{index}" if is_lines else path
        validator = cls(branch_schema(schema, doc), format_checker=cls.FORMAT_CHECKER)
        for err in sorted(validator.iter_errors(doc), key=lambda e: list(e.path)):
            pointer = "/" + "/".join(str(p) for p in err.absolute_path)
            print(f"{where}: {pointer}: {err.message}", file=sys.stderr)
            errors += 1
    if is_lines or (docs and isinstance(docs[0], dict) and docs[0].get("type") == "summary"):
        types = [d.get("type") if isinstance(d, dict) else None for d in docs]
        if not types or types[-1] != "summary" or types.count("summary") != 1:
            print(f"{path}: a jsonl report ends with exactly one summary line", file=sys.stderr)
            errors += 1
    if errors:
        print(f"validate_json: {path}: {errors} error(s)", file=sys.stderr)
        return 1
    print(f"validate_json: {path}: valid ({len(docs)} document(s))")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
