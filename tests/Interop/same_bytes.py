#!/usr/bin/python3
"""The native AOT binary and the JIT build must never drift: both export the same folders with
the same settings (the golden files' fixture, the interop fixture, the bad-file corpus and the
Hugo/Jekyll migration folder) and every file written, feeds, tag feeds, archives, item pages and
the JSON Feed with their .gz and .br siblings, must be the same bytes. Export is deterministic
and writes what the server sends; the interop suite then runs against the native server too.

Usage: tests/Interop/same_bytes.py NATIVE_EXECUTABLE JIT_DLL
Prints one line per folder and `same bytes: N passed, N failed`; exit 1 if any differ."""
import filecmp, os, shutil, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

# The golden tests' settings (tests/Feed.Tests/Fixture.cs), so the documents are the golden ones
# but for the clock: a live build cannot fake the fixture's 2025-01-01, so the two builds are
# compared with each other, at the same real time.
SETTINGS = ["--Feed:Title=Example News", "--Feed:Description=Stories from the example newsroom.",
            "--Feed:BaseUrl=https://news.example.com/", "--Feed:Language=en", "--Feed:Author=Example Newsroom",
            "--Feed:WebSubHub=https://hub.example.com/", "--Feed:Icon=https://news.example.com/icon.png",
            "--Feed:Logo=https://news.example.com/logo.png", "--Feed:DeltaFeeds=true", "--Logging:LogLevel:Default=Warning"]
FOLDERS = {
    "golden fixture": os.path.join(ROOT, "tests", "Feed.Tests", "Fixtures", "items"),
    "interop fixture": os.path.join(HERE, "fixture", "items"),
    "bad-file corpus": os.path.join(ROOT, "tests", "Feed.Tests", "Corpus"),
    "migration": os.path.join(ROOT, "tests", "Migration", "items"),
}


def export(command, items, out):
    # Each export starts from a ledger of its own, as a first start does: the two builds are
    # compared on the same footing, and nothing is written beside the repository's folders.
    state = out.rstrip("/") + "-state"
    result = subprocess.run([*command, "export", out, f"--Feed:ItemsPath={items}", f"--Feed:StatePath={state}", *SETTINGS],
                            capture_output=True, text=True, timeout=300)
    return result.returncode, result.stderr


def differences(a, b, path=""):
    """Every file that is in one folder only or differs by a byte, as relative paths."""
    cmp = filecmp.dircmp(a, b)
    found = [os.path.join(path, n) for n in cmp.left_only + cmp.right_only + cmp.funny_files]
    _, mismatch, errors = filecmp.cmpfiles(a, b, cmp.common_files, shallow=False)
    found += [os.path.join(path, n) for n in mismatch + errors]
    for sub in cmp.common_dirs:
        found += differences(os.path.join(a, sub), os.path.join(b, sub), os.path.join(path, sub))
    return found


def main():
    native, jit = sys.argv[1], sys.argv[2]
    work = tempfile.mkdtemp(prefix="feed-same-bytes-")
    passed = failed = 0
    try:
        for name, items in FOLDERS.items():
            outs = {}
            problem = None
            for build, command in (("native", [native]), ("jit", ["dotnet", jit])):
                outs[build] = os.path.join(work, name.replace(" ", "-"), build)
                rc, err = export(command, items, outs[build])
                if rc != 0:
                    problem = f"the {build} export exited {rc}: {err.strip()[:500]}"
            if problem is None:
                count = sum(len(files) for _, _, files in os.walk(outs["jit"]))
                diff = differences(outs["native"], outs["jit"])
                problem = None if diff else ""
                if diff:
                    problem = f"{len(diff)} of {count} files differ: {', '.join(sorted(diff)[:10])}"
            if problem:
                failed += 1
                print(f"same bytes, {name}: FAIL ({problem})")
            else:
                passed += 1
                print(f"same bytes, {name}: ok ({count} files, native AOT = JIT)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"same bytes: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
