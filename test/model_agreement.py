#!/usr/bin/env python3
"""The model's JSON Schema and the engine agree on the shape of a model.

Every snippet of test/model-agreement/ (and every sample model) is checked twice: against
schemas/service-model.schema.json (python3-jsonschema) and by `BINARY validate`. Both must
accept a `valid-*.yaml` file and both must refuse an `invalid-*.yaml` file. An invalid
snippet's first line, `# error: LINE:COL: TEXT`, is the engine's located message: the engine
must print `FILE:LINE:COL: error: ...TEXT...` and exit 2.
usage: model_agreement.py BINARY (from the repository root)."""
import glob
import json
import re
import subprocess
import sys

import jsonschema
import yaml


def schema_errors(validator, path):
    with open(path, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    return [f"{'/'.join(map(str, e.path)) or '(root)'}: {e.message[:160]}" for e in validator.iter_errors(doc)]


def main(binary):
    with open("schemas/service-model.schema.json", encoding="utf-8") as f:
        validator = jsonschema.Draft202012Validator(json.load(f))
    cases = sorted(glob.glob("test/model-agreement/*.yaml")) + sorted(glob.glob("samples/*/model.yaml"))
    failures = []
    for path in cases:
        want_valid = not path.split("/")[-1].startswith("invalid-")
        schema = schema_errors(validator, path)
        run = subprocess.run([binary, "validate", path], capture_output=True, text=True)
        engine_ok = run.returncode == 0
        if want_valid:
            if schema:
                failures.append(f"{path}: the schema refuses a valid model: {schema[0]}")
            if not engine_ok:
                failures.append(f"{path}: the engine refuses a valid model (exit {run.returncode}): {run.stderr[:300]}")
            continue
        if not schema:
            failures.append(f"{path}: the schema accepts an invalid model")
        if run.returncode != 2:
            failures.append(f"{path}: the engine exits {run.returncode} on an invalid model, expected 2")
        with open(path, encoding="utf-8") as f:
            m = re.match(r"# error: (\d+):(\d+): (.*)", f.readline())
        if not m:
            failures.append(f"{path}: first line must be '# error: LINE:COL: TEXT'")
            continue
        line, col, text = m.groups()
        located = f"{path}:{line}:{col}: error: "
        if not any(l.startswith(located) and text in l for l in run.stderr.splitlines()):
            failures.append(f"{path}: expected '{located}...{text}...', the engine printed:\n{run.stderr[:600]}")
    for f in failures:
        print("FAIL", f)
    print(f"{len(cases)} models, {len(failures)} disagreements")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
