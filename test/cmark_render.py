#!/usr/bin/env python3
"""Text stays text: every golden Markdown catalog, rendered by Debian's cmark-gfm with the
table and strikethrough extensions, keeps its structure and turns no text into markup.

Checks per catalog: every `#` heading line is a heading (same count, the title is the only
<h1>); every runbook list nested under a policy field is a nested list; the ledger map is a
<table> with one row per Markdown row; no <del>, <em> or <strong> but the severity marks
"**[high]**" (the catalog writes no other, so any is text read as markup, e.g. `~` in "24~72시간"); and rendered with raw HTML allowed, the
only HTML is the engine's own comments (`<!-- policyforge ... -->`, `<!-- id: ... -->`).
The same checks (but the ledger-table row count) hold for the catalogs BINARY writes, in both
languages, from test/cmark_render.hostile.yaml, whose text looks like markup.
usage: cmark_render.py BINARY [CMARK_GFM]   (from the repository root)"""
import glob
import re
import os
import shutil
import subprocess
import sys
import tempfile

ENGINE_COMMENT = re.compile(r"<!-- (policyforge |id: ).*?-->")


def render(cmark, path):
    out = subprocess.run([cmark, "--unsafe", "-e", "table", "-e", "strikethrough", path],
                         capture_output=True, text=True, check=True)
    return out.stdout


def check(cmark, path):
    with open(path, encoding="utf-8") as f:
        md = f.read()
    html = render(cmark, path)
    problems = []
    headings = [l for l in md.splitlines() if re.match(r"#{1,6} ", l)]
    rendered = re.findall(r"<h([1-6])>", html)
    if len(rendered) != len(headings):
        problems.append(f"{len(headings)} heading lines, {len(rendered)} headings rendered")
    if rendered.count("1") != 1:
        problems.append(f"{rendered.count('1')} <h1>, expected the title only")
    nested_md = len(re.findall(r"^- [^\n]*\n(?:  +\d+\. )", md, re.M))
    nested_html = len(re.findall(r"<li>[^<]*(?:<code>[^<]*</code>[^<]*)*\n?<ol>", html))
    if nested_md == 0 or nested_html != nested_md:
        problems.append(f"{nested_md} nested runbook lists in the Markdown, {nested_html} rendered as nested lists")
    table_rows = [l for l in md.splitlines() if l.startswith("|") and not re.match(r"\|( ?-+ ?\|)+$", l)]
    if table_rows:
        if "<table>" not in html:
            problems.append("the ledger map is not rendered as a table")
        elif html.count("<tr>") != len(table_rows):
            problems.append(f"{len(table_rows)} table rows in the Markdown, {html.count('<tr>')} rendered")
    else:
        problems.append("no ledger-map table in the Markdown")
    for tag in ("del", "em", "strong"):
        for m in re.finditer(f"<{tag}>(.{{0,60}})", html):
            if tag == "strong" and re.match(r"<strong>\[[^\]<]{1,20}\]</strong>", m.group(0)):
                continue  # the severity marks the catalog writes, **[critical]**
            problems.append(f"text turned into <{tag}>: {m.group(0)}")
    without_comments = ENGINE_COMMENT.sub("", html)
    known = r"</?(h[1-6]|p|ol|ul|li|code|strong|table|thead|tbody|tr|th|td|a|br|hr|pre|blockquote)( [^<>]*)?>"
    for m in re.finditer(r"<[^>]*>", without_comments):
        if not re.fullmatch(known, m.group(0)):
            problems.append(f"raw HTML in the output: {m.group(0)[:80]}")
    return problems


def main(argv):
    binary = argv[0]
    cmark = argv[1] if len(argv) > 1 else shutil.which("cmark-gfm")
    if not cmark:
        print("cmark-gfm not found (Debian package cmark-gfm, see .ci/install-deps)")
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        paths = sorted(glob.glob("test/golden/*/catalog.*.md"))
        for lang in ("ko", "en"):
            out = os.path.join(tmp, f"hostile.{lang}.md")
            run = subprocess.run([binary, "generate", "test/cmark_render.hostile.yaml", "--lang", lang, "-o", out],
                                 capture_output=True, text=True)
            if run.returncode != 0:
                print(f"FAIL generate hostile ({lang}): {run.stderr[:300]}")
                return 1
            paths.append(out)
        failed = 0
        for path in paths:
            problems = check(cmark, path)
            failed += bool(problems)
            for p in problems[:10]:
                print(f"FAIL {path}: {p}")
    print(f"{len(paths) - failed} passed, {failed} failed")
    return 1 if failed or not paths else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
