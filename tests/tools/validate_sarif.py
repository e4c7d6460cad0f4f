#!/usr/bin/env python3
"""Validate SARIF logs against the OASIS SARIF 2.1.0 schema (JSON Schema draft-04).

Usage: validate_sarif.py [--schema SCHEMA] FILE... ("-" reads standard input)

Besides the schema, checks what the schema cannot express and consumers rely on:
every result's ruleIndex points at the rule with its ruleId, and every
uriBaseId used by a location is declared in run.originalUriBaseIds.
Exit status: 0 all valid, 1 some file is invalid, 2 unreadable input or schema.
"""
import argparse
import json
import os
import sys

try:
    import jsonschema
except ImportError:  # pragma: no cover - reported, not hidden
    sys.stderr.write("validate_sarif.py: python3-jsonschema is not installed\n")
    sys.exit(2)

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SCHEMA = os.path.join(HERE, "..", "Inputs", "sarif-schema-2.1.0.json")


def semantic_errors(log):
    """Consistency rules of SARIF 2.1.0 that the JSON schema does not encode."""
    errs = []
    for r, run in enumerate(log.get("runs", [])):
        rules = run.get("tool", {}).get("driver", {}).get("rules", [])
        bases = set((run.get("originalUriBaseIds") or {}).keys())
        for name, base in (run.get("originalUriBaseIds") or {}).items():
            uri = base.get("uri", "")
            if uri and not uri.endswith("/"):
                errs.append("runs[%d].originalUriBaseIds.%s.uri must end with '/'" % (r, name))
        for i, res in enumerate(run.get("results", [])):
            where = "runs[%d].results[%d]" % (r, i)
            ix = res.get("ruleIndex")
            if ix is not None:
                if ix >= len(rules):
                    errs.append("%s.ruleIndex %d is out of range" % (where, ix))
                elif res.get("ruleId") not in (None, rules[ix].get("id")):
                    errs.append("%s.ruleId %r differs from rules[%d].id %r"
                                % (where, res.get("ruleId"), ix, rules[ix].get("id")))
            locs = list(res.get("locations", []))
            for cf in res.get("codeFlows", []):
                for tf in cf.get("threadFlows", []):
                    locs += [t.get("location", {}) for t in tf.get("locations", [])]
            for loc in locs:
                art = loc.get("physicalLocation", {}).get("artifactLocation", {})
                base = art.get("uriBaseId")
                if base is not None and base not in bases:
                    errs.append("%s uses undeclared uriBaseId %r" % (where, base))
    return errs


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--schema", default=DEFAULT_SCHEMA)
    ap.add_argument("files", nargs="+")
    a = ap.parse_args()
    try:
        with open(a.schema, encoding="utf-8") as f:
            schema = json.load(f)
        jsonschema.Draft4Validator.check_schema(schema)
    except (OSError, ValueError, jsonschema.SchemaError) as e:
        sys.stderr.write("%s: cannot use schema: %s\n" % (a.schema, e))
        return 2
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
    status = 0
    for name in a.files:
        try:
            if name == "-":
                text = sys.stdin.read()
            else:
                with open(name, encoding="utf-8") as f:
                    text = f.read()
            log = json.loads(text)
        except (OSError, ValueError) as e:
            sys.stderr.write("%s: not readable as JSON: %s\n" % (name, e))
            return 2
        errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
        msgs = ["/".join(str(p) for p in e.absolute_path) + ": " + e.message for e in errors]
        if not errors and isinstance(log, dict):
            msgs += semantic_errors(log)
        for m in msgs:
            sys.stderr.write("%s: invalid SARIF: %s\n" % (name, m))
        if msgs:
            status = 1
        else:
            print("%s: valid SARIF 2.1.0" % name)
    return status


if __name__ == "__main__":
    sys.exit(main())
