#!/usr/bin/env python3
"""The man page and the bash completion of policyforge, written from the binary's own --help.

Usage: gen_docs.py BINARY VERSION MAN_OUT COMPLETION_OUT

Both follow the commands as they are built (CLI11's help of every subcommand), so a new
command or option appears in them without editing this script. Output is deterministic: the
man page carries no date and is gzipped with mtime 0.
"""
import gzip
import re
import subprocess
import sys


def help_of(binary, path):
    # argv[0] is the command's name, so that the usage lines read "policyforge ...".
    out = subprocess.run(["policyforge", *path, "--help"], executable=binary, capture_output=True, text=True,
                         check=True,
                         env={"LC_ALL": "C.UTF-8", "PATH": "/usr/bin:/bin"})
    return out.stdout


def parse(text):
    """(description, options, subcommands) of one CLI11 help text."""
    description = text.splitlines()[0].strip() if text else ""
    options, subs, section = [], [], None
    for line in text.splitlines():
        if re.match(r"^\S.*:$", line):
            section = line[:-1].strip()
            continue
        m = re.match(r"^  (\S+(?: \S+)*?)(?:\s{2,}(.*))?$", line)
        if not m or section is None:
            continue
        if section == "Subcommands":
            subs.append((m.group(1), m.group(2) or ""))
        elif section == "Options":
            options.append((m.group(1), m.group(2) or ""))
    return description, options, subs


def walk(binary, path=()):
    """Every command path with its help text, depth first, in help order."""
    text = help_of(binary, list(path))
    yield path, text
    for name, _ in parse(text)[2]:
        yield from walk(binary, (*path, name))


def option_words(spec):
    """'-o,--output TEXT' -> ['-o', '--output']; values of '{md,json}' -> ['md', 'json']."""
    head = spec.split(" ")[0]
    names = [n for n in head.split(",") if n.startswith("-")]
    values = re.search(r"\{([^}]*)\}", spec)
    takes = len(spec.split(" ")) > 1
    return names, (values.group(1).split(",") if values else []), takes


def roff(text):
    text = text.replace("\\", "\\e")
    return "\n".join(("\\&" + l if l.startswith((".", "'")) else l) for l in text.splitlines())


def man_page(commands, version):
    top = dict(commands)[()]
    description = parse(top)[0]
    name, _, summary = description.partition(": ")
    o = [f'.TH POLICYFORGE 1 "" "policyforge {version}" "User Commands"', ".SH NAME",
         f"policyforge \\- {roff(summary or description)}", ".SH SYNOPSIS",
         ".B policyforge", "[\\fIOPTIONS\\fR] \\fICOMMAND\\fR ...", ".SH DESCRIPTION",
         "policyforge turns a YAML model of a service into a reliability policy catalog,",
         "deterministically and offline. Rules and templates are data, read from the rule library.",
         ".SH OPTIONS", ".nf", roff("\n".join(top.splitlines()[2:]).strip()), ".fi", ".SH COMMANDS"]
    for path, text in commands:
        if not path:
            continue
        o += [f".SS {' '.join(path)}", ".nf", roff(text.strip()), ".fi"]
    o += [".SH ENVIRONMENT", ".TP", ".B POLICYFORGE_LIBRARY",
          "The rule library (a folder holding rules/ and catalogs/), when --library is not given.",
          ".TP", ".B POLICYFORGE_LIBRARY_CACHE",
          "off: parse the library at every run instead of loading its compiled cache;",
          "report: say on standard error which cache was used, or why none was.",
          ".SH FILES", ".TP", ".I /usr/share/policyforge",
          "The rule library of the installed package: rules/, catalogs/ and schemas/. Without --library",
          "or POLICYFORGE_LIBRARY the binary looks in share/policyforge beside it, then in",
          "\\&../share/policyforge relative to it; it never falls back to a path it was built from.",
          ".TP", ".I /usr/share/policyforge/library.cache",
          "The library compiled by policyforge rules compile: generate loads it instead of parsing",
          "the library when it was compiled from exactly the library's current files.",
          ".SH EXIT STATUS", "0 on success; 1 when a check finds a defect; 2 on bad input",
          "(FILE:LINE:COLUMN: error: ... on standard error, no partial output).",
          ".SH SEE ALSO", "dot(1)", ""]
    return "\n".join(o)


def completion(commands):
    subs = {path: [n for n, _ in parse(text)[2]] for path, text in commands}
    o = ["# bash completion for policyforge, generated from its --help by packaging/gen_docs.py",
         "_policyforge() {",
         '  local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}" path="" i w',
         "  for ((i = 1; i < COMP_CWORD; i++)); do",
         '    w="${COMP_WORDS[i]}"',
         '    case "$path/$w" in']
    known = [path for path in subs if path]
    o.append("      " + "|".join('"/' + "/".join(p) + '"' for p in known) + ') path="$path/$w" ;;')
    o += ["    esac", "  done", '  case "$path $prev" in']
    for path, text in commands:
        for spec, _ in parse(text)[1]:
            names, values, takes = option_words(spec)
            if not takes:
                continue
            pat = "|".join(f'"{"/" + "/".join(path) if path else ""} {n}"' for n in names)
            if values:
                o.append(f'    {pat}) COMPREPLY=($(compgen -W "{" ".join(values)}" -- "$cur")); return ;;')
            else:
                o.append(f'    {pat}) COMPREPLY=($(compgen -f -- "$cur")); return ;;')
    o += ["  esac", "  local words"]
    o.append('  case "$path" in')
    for path, text in commands:
        names = [n for spec, _ in parse(text)[1] for n in option_words(spec)[0]]
        words = subs[path] + names
        o.append(f'    "{"/" + "/".join(path) if path else ""}") words="{" ".join(words)}" ;;')
    o += ["  esac",
          '  COMPREPLY=($(compgen -W "$words" -- "$cur"))',
          '  [[ "$cur" != -* ]] && COMPREPLY+=($(compgen -f -- "$cur"))',
          "  return 0", "}", "complete -F _policyforge policyforge", ""]
    return "\n".join(o)


def main():
    binary, version, man_out, completion_out = sys.argv[1:5]
    commands = list(walk(binary))
    with open(man_out, "wb") as f:
        with gzip.GzipFile(filename="", mode="wb", fileobj=f, compresslevel=9, mtime=0) as z:
            z.write(man_page(commands, version).encode())
    with open(completion_out, "w", encoding="utf-8") as f:
        f.write(completion(commands))


if __name__ == "__main__":
    main()
