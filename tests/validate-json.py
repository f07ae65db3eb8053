#!/usr/bin/python3
"""validate-json.py SCHEMA [FILE] - validate a rookmelder JSON document (or,
with --ndjson, every line) against a schema in docs/schema/.  Uses Debian's
python3-jsonschema; exits 0 when valid, 1 with the errors otherwise."""
import json
import pathlib
import sys

import jsonschema
from jsonschema import Draft202012Validator, RefResolver


def main():
    args = sys.argv[1:]
    ndjson = False
    if args and args[0] == "--ndjson":
        ndjson = True
        args = args[1:]
    if not args:
        print(__doc__, file=sys.stderr)
        return 2
    schema_path = pathlib.Path(args[0]).resolve()
    schema = json.loads(schema_path.read_text())
    store = {}
    for p in schema_path.parent.glob("*.json"):
        s = json.loads(p.read_text())
        store[s["$id"]] = s
        store[p.name] = s
    resolver = RefResolver(base_uri=schema["$id"], referrer=schema, store=store)
    v = Draft202012Validator(schema, resolver=resolver)
    data = open(args[1], "rb").read() if len(args) > 1 else sys.stdin.buffer.read()
    text = data.decode("utf-8")  # strict: invalid UTF-8 is a failure
    docs = [json.loads(l) for l in text.splitlines() if l] if ndjson else [json.loads(text)]
    bad = 0
    for i, d in enumerate(docs):
        for e in v.iter_errors(d):
            bad += 1
            where = "/".join(str(x) for x in e.absolute_path)
            print(f"doc {i}: {where}: {e.message}", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
