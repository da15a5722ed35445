#!/usr/bin/env bash
# Hostile input: every case under test/hostile/ (and the large ones gen_cases.py writes) runs
# under a timeout and must end with its `# exit:` code and every `# expect:` line on standard
# error; a refused model leaves no output file. Then the output-handling cases: symbolic links,
# FIFOs, the umask, file names that are not UTF-8 or carry markup and newlines.
# usage: hostile.sh BINARY [--sanitized]   (--sanitized skips the address-space limit case)
set -u
bin=$(realpath "${1:?usage: hostile.sh BINARY [--sanitized]}")
sanitized=${2:-}
scale=1  # a sanitized binary runs some times slower: its timeouts stretch
[ "$sanitized" != "--sanitized" ] || scale=8
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0 n=0
bad() { echo "FAIL $*"; fail=$((fail + 1)); }

python3 "$here/hostile/gen_cases.py" "$tmp/gen" || bad "gen_cases.py"
for model in "$here"/hostile/*.yaml "$tmp"/gen/*.yaml; do
  n=$((n + 1))
  name=$(basename "$model")
  want=$(sed -n 's/^# exit: //p' "$model" | head -1)
  limit=$(sed -n 's/^# timeout: //p' "$model" | head -1)
  args=$(sed -n 's/^# args: //p' "$model" | head -1)
  [ -n "$args" ] || args="generate MODEL -o OUT"
  out=$tmp/out/$name.md
  mkdir -p "$tmp/out"
  args=${args//MODEL/$model}
  args=${args//OUT/$out}
  start=$EPOCHREALTIME
  # shellcheck disable=SC2086
  timeout $((${limit:-10} * scale)) "$bin" $args >/dev/null 2>"$tmp/err"
  code=$?
  took=$(awk "BEGIN { print $EPOCHREALTIME - $start }")
  ok=1
  [ "$code" -ne 124 ] || { bad "$name: still running after $((${limit:-10} * scale)) s"; continue; }
  [ "$code" -eq "$want" ] || { echo "FAIL $name: exit $code, expected $want"; ok=0; }
  [ "$want" -eq 0 ] || [ ! -e "$out" ] || { echo "FAIL $name: an output file was written"; ok=0; }
  while IFS= read -r line; do
    grep -qF -- "$line" "$tmp/err" || { echo "FAIL $name: missing '$line'"; ok=0; }
  done < <(sed -n 's/^# expect: //p' "$model")
  if [ $ok -eq 0 ]; then
    head -c 2000 "$tmp/err" | sed 's/^/    /'
    fail=$((fail + 1))
  else
    printf 'ok   %-40s exit %s in %.2f s\n' "$name" "$code" "$took"
  fi
done

# Output handling.
model=$here/../samples/minimal/model.yaml
n=$((n + 1))
echo old >"$tmp/target.md"
ln -s target.md "$tmp/link.md"
"$bin" generate "$model" -o "$tmp/link.md" 2>"$tmp/err" && [ -L "$tmp/link.md" ] && grep -q '^# ' "$tmp/target.md" ||
  bad "-o a symbolic link: the link must stay and its target be written"
n=$((n + 1))
ln -s missing.md "$tmp/dangling.md"
"$bin" generate "$model" -o "$tmp/dangling.md" 2>"$tmp/err" && [ -L "$tmp/dangling.md" ] && [ -s "$tmp/missing.md" ] ||
  bad "-o a dangling symbolic link: the file it names must be created"
n=$((n + 1))
mkfifo "$tmp/fifo"
cat "$tmp/fifo" >"$tmp/from-fifo" &
reader=$!
timeout 10 "$bin" generate "$model" -o "$tmp/fifo" 2>"$tmp/err"
code=$?
wait $reader
[ $code -eq 0 ] && [ -p "$tmp/fifo" ] && grep -q '^# ' "$tmp/from-fifo" || bad "-o a FIFO: written in place, still a FIFO"
n=$((n + 1))
"$bin" generate "$model" -o /dev/null 2>"$tmp/err" || bad "-o /dev/null"
n=$((n + 1))
(umask 077 && "$bin" generate "$model" -o "$tmp/private.md") && [ "$(stat -c %a "$tmp/private.md")" = 600 ] ||
  bad "-o under umask 077: a new file must be 600, not $(stat -c %a "$tmp/private.md" 2>/dev/null)"
n=$((n + 1))
echo old >"$tmp/shared.md" && chmod 640 "$tmp/shared.md"
"$bin" generate "$model" -o "$tmp/shared.md" && [ "$(stat -c %a "$tmp/shared.md")" = 640 ] ||
  bad "-o an existing file: its mode 640 must stay"

# File names: not UTF-8 (JSON output once aborted), or with markup and a newline that would
# inject a heading into the catalog and a fake error line into standard error.
n=$((n + 1))
odd=$tmp/$'caf\xe9.yaml'
cp "$model" "$odd"
"$bin" generate "$odd" --format json >"$tmp/odd.json" 2>"$tmp/err"
code=$?
[ $code -eq 0 ] && python3 -c 'import json,sys; p=json.load(open(sys.argv[1]))["header"]["model"]["path"]; assert p.endswith("caf%E9.yaml"), p' "$tmp/odd.json" ||
  { bad "a model path that is not UTF-8: exit $code"; head -5 "$tmp/err"; }
n=$((n + 1))
evil=$tmp/$'x -->\n# Injected\nFAKE.yaml:1:1: error: forged <!--.yaml'
cp "$model" "$evil"
"$bin" generate "$model" >"$tmp/plain.md"
"$bin" generate "$evil" >"$tmp/evil.md" 2>"$tmp/err"
if [ $? -ne 0 ] || [ "$(grep -c -- '-->' "$tmp/evil.md")" != "$(grep -c -- '-->' "$tmp/plain.md")" ] ||
   grep -q '^# Injected' "$tmp/evil.md"; then
  bad "a model path with markup and newlines reached the catalog unescaped"
fi
printf 'version: 1\nservice: {name: Shop}\n' >"$evil"
"$bin" validate "$evil" >/dev/null 2>"$tmp/err"
if grep -q '^FAKE.yaml' "$tmp/err" || ! grep -qF 'x -->\n# Injected\nFAKE.yaml' "$tmp/err"; then
  bad "a model path with newlines reached standard error unescaped:"; cat "$tmp/err"
fi

# Out of memory ends in a message and exit 2, not an abort (exit 134). AddressSanitizer
# reserves terabytes of address space, so a sanitized binary skips this case.
if [ "$sanitized" != "--sanitized" ]; then
  n=$((n + 1))
  (ulimit -v 400000 && timeout 60 "$bin" generate "$tmp/gen/many-compensations.yaml" >/dev/null 2>"$tmp/err")
  code=$?
  if [ $code -ne 0 ] && { [ $code -ne 2 ] || ! grep -q "error: out of memory" "$tmp/err"; }; then
    bad "out of memory: exit $code"; head -3 "$tmp/err"
  fi
fi

echo "$((n - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
