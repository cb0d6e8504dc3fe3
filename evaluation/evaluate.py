#!/usr/bin/env python3
"""`just evaluate [SECS]`: measures the bug-finding power of the luadiff suite.

Each patch in evaluation/bugs/ plants one known bug in lua-vm, lua-ref or lua-prims.
For every patch this script applies it to a scratch worktree of the current HEAD,
builds the luadiff binary in release mode, runs a fixed-seed campaign
(`luadiff fuzz --time SECS --jobs 1 --seed S --json`) and the conformance suite
(`luadiff conformance`), then reverts the patch. It records whether the campaign
detected the bug, how fast, whether the blamed layer is the one the patch header
names, how small the reduced reproducer is, and whether conformance alone catches it.
See evaluation/README.md for the patch format and the scoring rules.

The worktree and its cargo target directory persist between patches and between runs
(under --workdir), so each patch rebuilds only the crates it touches and whatever
depends on them. Unpatched HEAD is measured first (baseline): findings it already
shows are not credited to any patch.

Exit status: 0 when every patch was evaluated, 1 when some patch did not apply or
build, 2 for a bad command line or setup error, 130 when interrupted (the worktree is
restored either way).
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUGS_DIR = ROOT / "evaluation" / "bugs"
DEFAULT_SECONDS = 60.0
DEFAULT_SEED = 1
# A patch that makes loops run forever has the conformance programs run to their fuel
# limit one after another: the suite failing by running that long is a catch, and
# waiting the whole time would cost more than the campaign (unpatched: about a minute).
CONFORMANCE_TIMEOUT = 240

# The layers a patch header may name, and the campaign blames (the `BLAME` part of a
# finding's `BLAME-ID.lua` file name, signature.rs `Blame::slug`) that count as naming
# them. The campaign cannot tell the VM's code generator from its runtime: both run at
# every optimization level, so `vm` (vm and vm-O0 wrong) is right for either, and so
# is `vm-O0-code` (a path only unoptimized code takes). Crashes count when the crashed
# engines are the ones the layer runs in.
LAYER_BLAMES = {
    "optimizer": {"optimizer", "crash-vm"},
    "compiler": {"vm", "vm-O0-code", "crash-vm-vm-O0", "crash-vm-O0"},
    "runtime": {"vm", "vm-O0-code", "crash-vm-vm-O0", "crash-vm-O0"},
    "reference": {"ref", "crash-ref"},
    "prims": {"rust-engines"},
}

FINDING_NAME = re.compile(r"^(?P<blame>.+)-(?P<id>[0-9a-f]{16})\.lua$")
PROGRAM_INDEX = re.compile(r"\(program (\d+), program seed (\d+)\)")
BISECTED_PASS = re.compile(r"pass `([^`]+)`")
# The bisection also says which passes, switched off alone, fix the program:
# "switching off `testset` or `reg-reuse` alone fixes it".
FIXING_PASSES = re.compile(r"switching off (.*?) alone fixes it")


class SetupError(Exception):
    """A problem with the command line or the repository: one line, exit status 2."""


def log(message):
    print(f"evaluate: {message}", file=sys.stderr, flush=True)


def run(cmd, cwd, env=None, timeout=None, capture=True):
    """Runs a command; returns (status, stdout, stderr, seconds). A timeout is status None."""
    started = time.monotonic()
    try:
        p = subprocess.run(
            cmd,
            cwd=cwd,
            env=env,
            timeout=timeout,
            stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
            stderr=subprocess.PIPE if capture else subprocess.DEVNULL,
            text=True,
            errors="replace",
        )
        return p.returncode, p.stdout or "", p.stderr or "", time.monotonic() - started
    except subprocess.TimeoutExpired as e:
        out = e.stdout.decode(errors="replace") if isinstance(e.stdout, bytes) else (e.stdout or "")
        return None, out, "", time.monotonic() - started


def git(args, cwd=ROOT, check=True):
    status, out, err, _ = run(["git", *args], cwd)
    if check and status != 0:
        raise SetupError(f"git {' '.join(args)} failed: {err.strip().splitlines()[-1:] or ['?']}")
    return out


# ---------------------------------------------------------------------------------------
# Patches.


class Patch:
    """One planted bug: `NN-name.patch`, its header fields and its diff."""

    def __init__(self, path):
        self.path = path
        self.name = path.stem
        text = path.read_text(errors="replace")
        header = text.split("\ndiff --git ", 1)[0]
        fields = {}
        for line in header.splitlines():
            m = re.match(r"^# ([a-z-]+): (.*)$", line)
            if m and m.group(1) not in fields:
                fields[m.group(1)] = m.group(2).strip()
        self.layer = fields.get("layer")
        self.passes = fields.get("pass")
        self.emitted_by = fields.get("emitted-by")
        self.models = fields.get("models", "")
        if self.layer not in LAYER_BLAMES:
            raise SetupError(
                f"{path.name}: header needs '# layer: X' with X one of {', '.join(LAYER_BLAMES)}"
            )
        self.files = re.findall(r"^diff --git a/(\S+) ", text, re.M)
        if not self.files:
            raise SetupError(f"{path.name}: no 'diff --git' section")

    def right_blames(self):
        """The blame slugs that name this patch's layer (see LAYER_BLAMES)."""
        return LAYER_BLAMES[self.layer]


def load_patches(only):
    paths = sorted(BUGS_DIR.glob("*.patch"))
    if not paths:
        raise SetupError(f"no patches in {BUGS_DIR}")
    patches = [Patch(p) for p in paths]
    if only:
        wanted = [w.strip() for w in only.split(",") if w.strip()]
        chosen = []
        for w in wanted:
            matches = [p for p in patches if p.name == w or p.name.split("-", 1)[0] == w]
            if not matches:
                raise SetupError(f"--only: no patch named '{w}' in {BUGS_DIR}")
            chosen.extend(m for m in matches if m not in chosen)
        patches = chosen
    return patches


# ---------------------------------------------------------------------------------------
# The scratch worktree.


class Worktree:
    """A detached worktree of HEAD at a fixed path, with its own cargo target directory.

    The path stays the same from run to run, so cargo's fingerprints stay valid: after
    a patch is reverted only the files it touched are newer than the last build.
    """

    def __init__(self, workdir, head):
        self.path = workdir / "worktree"
        self.target = workdir / "target"
        self.head = head
        self.applied = None

    def prepare(self):
        if self.path.exists():
            top = git(["rev-parse", "--show-toplevel"], cwd=self.path, check=False).strip()
            common = git(["rev-parse", "--git-common-dir"], cwd=self.path, check=False).strip()
            ours = git(["rev-parse", "--git-common-dir"]).strip()
            if not top or Path(top).resolve() != self.path.resolve() or (
                (self.path / common).resolve() != (ROOT / ours).resolve()
            ):
                raise SetupError(f"{self.path} exists and is not a worktree of {ROOT}")
            # Only files that differ from HEAD are rewritten: the build stays incremental.
            git(["checkout", "--quiet", "--force", "--detach", self.head], cwd=self.path)
            git(["clean", "-fdq", "--", "crates"], cwd=self.path)
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            git(["worktree", "add", "--detach", str(self.path), self.head])

    def apply(self, patch):
        status, _, err, _ = run(["git", "apply", str(patch.path)], self.path)
        if status != 0:
            return err.strip().splitlines()[0] if err.strip() else "git apply failed"
        self.applied = patch
        return None

    def revert(self):
        if self.applied is None:
            return
        status, _, _, _ = run(["git", "apply", "-R", str(self.applied.path)], self.path)
        if status != 0:
            # Fall back on the files the patch touched.
            git(["checkout", "--quiet", "--", *self.applied.files], cwd=self.path)
        self.applied = None

    def env(self):
        env = dict(os.environ)
        env["CARGO_TARGET_DIR"] = str(self.target)
        return env

    def build(self):
        """`cargo build --release -p luadiff`; returns (ok, seconds, last error line)."""
        status, _, err, seconds = run(
            ["cargo", "build", "--release", "-p", "luadiff"], self.path, env=self.env()
        )
        if status != 0:
            errors = [l for l in err.splitlines() if l.startswith("error")]
            return False, seconds, (errors[0] if errors else "cargo build failed")
        return True, seconds, None

    def luadiff(self):
        return str(self.target / "release" / "luadiff")


# ---------------------------------------------------------------------------------------
# Measurements.


def campaign(tree, seconds, seed, out_dir, known_dir):
    """One `luadiff fuzz` run; returns its JSON summary and the findings it filed."""
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    # Findings the baseline already showed are "known": the campaign does not file them.
    if known_dir is not None and known_dir.exists():
        for f in known_dir.glob("*.lua"):
            shutil.copy(f, out_dir / f.name)
    cmd = [
        tree.luadiff(),
        "fuzz",
        "--time",
        str(seconds),
        "--jobs",
        "1",
        "--seed",
        str(seed),
        "--json",
        "--out",
        str(out_dir),
    ]
    status, out, err, wall = run(cmd, tree.path, env=tree.env(), timeout=seconds * 4 + 300)
    if status not in (0, 1):
        tail = err.strip().splitlines()[-1:] if err.strip() else ["no output"]
        raise RuntimeError(f"luadiff fuzz ended with status {status}: {tail[0]}")
    summary = json.loads(out)
    findings = [read_finding(Path(f["file"]), f) for f in summary.get("findings", [])]
    return summary, findings, wall


def read_finding(path, listed):
    """What a filed finding says: blame, program index, bisection, reproducer size."""
    text = path.read_text(errors="replace") if path.exists() else ""
    lines = text.splitlines()
    header = {}
    body_start = 0
    for i, line in enumerate(lines):
        if i == 0 and line.startswith("-- luadiff finding"):
            continue
        m = re.match(r"^-- ([a-z ]+): (.*)$", line)
        if not m:
            body_start = i
            break
        header.setdefault(m.group(1), m.group(2))
    else:
        body_start = len(lines)
    program = [l for l in lines[body_start:] if l.strip()]
    m = FINDING_NAME.match(path.name)
    index = PROGRAM_INDEX.search(header.get("found by", ""))
    bisected = BISECTED_PASS.search(header.get("bisection", ""))
    return {
        "file": str(path),
        "kind": listed.get("kind", "?"),
        "blame": m.group("blame") if m else "?",
        "signature": listed.get("signature", ""),
        "program_index": int(index.group(1)) if index else None,
        "bisected_pass": bisected.group(1) if bisected else None,
        "fixing_passes": fixing_passes(header.get("bisection", "")),
        "reproducer_lines": len(program),
        "reduced": "reduced" in header,
    }


def fixing_passes(bisection):
    """The passes a finding's bisection line says fix the program when switched off alone."""
    m = FIXING_PASSES.search(bisection)
    return re.findall(r"`([^`]+)`", m.group(1)) if m else []


def conformance(tree):
    """`luadiff conformance`: failures per engine and passes per chapter and engine."""
    status, out, _, seconds = run(
        [tree.luadiff(), "conformance"], tree.path, env=tree.env(), timeout=CONFORMANCE_TIMEOUT
    )
    if status is None:
        return {"timed_out": True, "seconds": seconds}
    engines, chapters = {}, {}
    header = None
    for line in out.splitlines():
        cols = line.split()
        if not cols:
            continue
        if cols[0] == "chapter":
            header = cols[2:]
            continue
        if header is None and len(cols) == 4 and cols[1].isdigit() and cols[2].isdigit():
            engines[cols[0]] = int(cols[2])
        elif header is not None and len(cols) == len(header) + 1:
            chapters[cols[0]] = {e: c for e, c in zip(header, cols[1:])}
    return {"timed_out": False, "seconds": seconds, "failed": engines, "chapters": chapters}


def conformance_caught(result, baseline):
    """Whether the suite fails where unpatched HEAD passes (or runs too long)."""
    if result["timed_out"]:
        return True
    for engine, failed in result["failed"].items():
        if failed > baseline["failed"].get(engine, 0):
            return True
    for chapter, row in result["chapters"].items():
        if row != baseline["chapters"].get(chapter, row):
            return True
    return False


def score(patch, findings, summary):
    """The patch's result from the findings its campaign filed."""
    bugs = [f for f in findings if f["kind"] != "performance"]
    bugs.sort(key=lambda f: (f["program_index"] is None, f["program_index"] or 0))
    programs = summary.get("programs", 0)
    seconds = summary.get("seconds", 0.0)
    reduction = summary.get("time_seconds", {}).get("reduction", 0.0)
    result = {
        "detected": bool(bugs),
        "findings": len(bugs),
        "performance_findings": len(findings) - len(bugs),
        "programs": programs,
        "exhausted_fraction": summary.get("exhausted_fraction", 0.0),
    }
    if not bugs:
        return result
    first = bugs[0]
    # With one worker, programs run in index order; reducing a finding is the only
    # other thing the worker does, so the time before program N is N programs' share
    # of the campaign's time without the reductions.
    per_program = (seconds - reduction) / programs if programs else 0.0
    index = first["program_index"]
    blame_right = first["blame"] in patch.right_blames()
    via_pass = False
    if not blame_right and patch.emitted_by and first["blame"] == "optimizer":
        # A runtime bug in an instruction only optimized code uses is blamed on the
        # optimizer; the bisection must then name the pass that emits the instruction:
        # as the first rewrite that breaks the program, or as a pass whose switching
        # off alone fixes it (the first breaking rewrite may be a later pass that only
        # makes the bad instruction's effect visible, such as register reuse).
        via_pass = patch.emitted_by in [first["bisected_pass"], *first.get("fixing_passes", [])]
    result.update(
        {
            "first_program": index,
            "seconds_to_detection": None if index is None else round((index + 1) * per_program, 3),
            "blame": first["blame"],
            "bisected_pass": first["bisected_pass"],
            "blame_right": blame_right or via_pass,
            "blame_right_strict": blame_right,
            "pass_right": None
            if not patch.passes
            else first["bisected_pass"] == patch.passes,
            "reproducer_lines": first["reproducer_lines"],
            "reduced": first["reduced"],
            "finding_file": first["file"],
            "signature": first["signature"],
        }
    )
    return result


# ---------------------------------------------------------------------------------------
# The run.


def baseline(tree, args, workdir, conformance_wanted):
    """Builds and measures unpatched HEAD (cached per HEAD, seed and duration)."""
    cache = workdir / f"baseline-{tree.head[:12]}-seed{args.seed}-{args.seconds:g}s.json"
    known = workdir / "baseline-findings" / f"{tree.head[:12]}-seed{args.seed}-{args.seconds:g}s"
    ok, build_seconds, error = tree.build()
    if not ok:
        raise SetupError(f"unpatched HEAD does not build: {error}")
    if cache.exists() and known.exists():
        data = json.loads(cache.read_text())
        if data.get("conformance") or not conformance_wanted:
            log(f"baseline from {cache}")
            return data, known
    log(f"baseline: campaign of {args.seconds:g} s on unpatched HEAD")
    summary, findings, _ = campaign(tree, args.seconds, args.seed, known, None)
    data = {
        "build_seconds": build_seconds,
        "programs": summary.get("programs"),
        "divergences": summary.get("divergences"),
        "exhausted_fraction": summary.get("exhausted_fraction"),
        "findings": findings,
    }
    if conformance_wanted:
        log("baseline: conformance suite")
        data["conformance"] = conformance(tree)
        if data["conformance"]["timed_out"]:
            raise SetupError("the conformance suite times out on unpatched HEAD")
    write_atomically(cache, json.dumps(data, indent=1) + "\n")
    return data, known


def write_atomically(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "w") as f:
        f.write(text)
    os.replace(tmp, path)


def evaluate(args):
    head = git(["rev-parse", "HEAD"]).strip()
    patches = load_patches(args.only)
    workdir = Path(args.workdir).resolve()
    tree = Worktree(workdir, head)
    tree.prepare()
    base, known = baseline(tree, args, workdir, not args.no_conformance)
    rows = []
    failures = 0
    for n, patch in enumerate(patches, 1):
        log(f"[{n}/{len(patches)}] {patch.name} ({patch.layer})")
        row = {
            "patch": patch.name,
            "layer": patch.layer,
            "pass": patch.passes,
            "emitted_by": patch.emitted_by,
            "models": patch.models,
        }
        try:
            problem = tree.apply(patch)
            if problem:
                row["error"] = f"does not apply: {problem}"
                failures += 1
                rows.append(row)
                continue
            ok, build_seconds, error = tree.build()
            row["build_seconds"] = round(build_seconds, 1)
            if not ok:
                row["error"] = f"does not build: {error}"
                failures += 1
                rows.append(row)
                continue
            out_dir = workdir / "runs" / patch.name
            summary, findings, _ = campaign(tree, args.seconds, args.seed, out_dir, known)
            row.update(score(patch, findings, summary))
            if not args.no_conformance:
                conf = conformance(tree)
                row["conformance_caught"] = conformance_caught(conf, base["conformance"])
                row["conformance_seconds"] = round(conf["seconds"], 1)
                if conf["timed_out"]:
                    row["conformance_timed_out"] = True
        except RuntimeError as e:
            row["error"] = str(e)
            failures += 1
        finally:
            tree.revert()
        rows.append(row)
        log(f"    {one_line(row)}")
    # The worktree is back at HEAD; its target directory still holds the last patch's
    # build (every later build starts from applying a patch or from the baseline, which
    # builds HEAD first, so nothing runs that stale binary).
    return {
        "head": head,
        "date": time.strftime("%Y-%m-%d", time.gmtime()),
        "seconds": args.seconds,
        "seed": args.seed,
        "command": f"just evaluate {args.seconds:g}" + (f" --only {args.only}" if args.only else ""),
        "baseline": {
            "programs": base["programs"],
            "divergences": base["divergences"],
            "exhausted_fraction": base["exhausted_fraction"],
            "findings": [f["file"] for f in base["findings"]],
        },
        "patches": rows,
        "summary": summarize(rows, args.seconds),
    }, failures


def one_line(row):
    if "error" in row:
        return row["error"]
    if not row["detected"]:
        return f"missed ({row['programs']} programs, exhausted {100 * row['exhausted_fraction']:.1f}%)"
    return (
        f"detected at program {row['first_program']} (~{row['seconds_to_detection']} s), "
        f"blame {row['blame']}{' (right)' if row['blame_right'] else ' (WRONG)'}, "
        f"{row['reproducer_lines']} lines"
    )


def summarize(rows, seconds):
    evaluated = [r for r in rows if "error" not in r]
    detected = [r for r in evaluated if r["detected"]]
    times = [
        r["seconds_to_detection"] if r.get("seconds_to_detection") is not None else float("inf")
        for r in evaluated
    ]
    lines = [r["reproducer_lines"] for r in detected]
    median_time = statistics.median(times) if times else None
    summary = {
        "patches": len(rows),
        "evaluated": len(evaluated),
        "detected": len(detected),
        "detected_fraction": len(detected) / len(evaluated) if evaluated else 0.0,
        "median_seconds_to_detection": None
        if median_time is None or median_time == float("inf")
        else round(median_time, 2),
        "blame_right": sum(1 for r in detected if r["blame_right"]),
        "blame_right_strict": sum(1 for r in detected if r["blame_right_strict"]),
        "blame_right_fraction": (
            sum(1 for r in detected if r["blame_right"]) / len(detected) if detected else 0.0
        ),
        "median_reproducer_lines": statistics.median(lines) if lines else None,
        "conformance_caught": sum(1 for r in evaluated if r.get("conformance_caught")),
        "targets": {
            "all_detected": bool(evaluated) and len(detected) == len(evaluated),
            "median_seconds_at_most_10": median_time is not None and median_time <= 10,
            "blame_right_at_least_90_percent": bool(detected)
            and sum(1 for r in detected if r["blame_right"]) >= 0.9 * len(detected),
            "median_lines_at_most_10": bool(lines) and statistics.median(lines) <= 10,
        },
    }
    summary["line"] = (
        f"{len(detected)}/{len(evaluated)} planted bugs detected in {seconds:g} s campaigns; "
        f"median time to detection "
        + (
            f"{summary['median_seconds_to_detection']} s"
            if summary["median_seconds_to_detection"] is not None
            else f"> {seconds:g} s"
        )
        + f"; blame right {summary['blame_right']}/{len(detected)}"
        + f" (strict {summary['blame_right_strict']})"
        + "; median reproducer "
        + (f"{summary['median_reproducer_lines']:g} lines" if lines else "-")
        + f"; conformance alone catches {summary['conformance_caught']}/{len(evaluated)}"
    )
    return summary


# ---------------------------------------------------------------------------------------
# Output.


def table(report, markdown):
    head = ["#", "patch", "layer", "detected", "time (s)", "program", "blame", "right",
            "lines", "conformance"]
    rows = []
    for r in report["patches"]:
        number, _, name = r["patch"].partition("-")
        if "error" in r:
            rows.append([number, name, r["layer"], "ERROR: " + r["error"], "", "", "", "", "", ""])
            continue
        if r["detected"]:
            right = "yes" if r["blame_right_strict"] else ("yes (pass)" if r["blame_right"] else "no")
            blame = r["blame"] + (f" [{r['bisected_pass']}]" if r.get("bisected_pass") else "")
            cells = ["yes", fmt_seconds(r["seconds_to_detection"]), str(r["first_program"]),
                     blame, right, str(r["reproducer_lines"])]
        else:
            cells = ["no", "-", "-", "-", "-", "-"]
        conf = "-" if "conformance_caught" not in r else ("yes" if r["conformance_caught"] else "no")
        if r.get("conformance_timed_out"):
            conf = "yes (timeout)"
        rows.append([number, name, r["layer"], *cells, conf])
    if markdown:
        out = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
        out += ["| " + " | ".join(row) + " |" for row in rows]
        return "\n".join(out) + "\n"
    widths = [max(len(str(x)) for x in col) for col in zip(head, *rows)]
    fmt = lambda row: "  ".join(str(c).ljust(w) for c, w in zip(row, widths)).rstrip()
    return "\n".join([fmt(head)] + [fmt(row) for row in rows]) + "\n"


def fmt_seconds(s):
    return "?" if s is None else f"{s:.2f}"


def main():
    parser = argparse.ArgumentParser(
        description="Plant each bug of evaluation/bugs/ in a scratch worktree of HEAD and "
        "measure what a luadiff campaign finds.",
    )
    parser.add_argument("seconds", nargs="?", type=float, default=DEFAULT_SECONDS,
                        help="campaign length per patch (default 60)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="campaign seed (default 1)")
    parser.add_argument("--only", help="comma-separated patch numbers or names (01,fold-...)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--markdown", metavar="FILE",
                        help="also write the table and summary as Markdown to FILE")
    parser.add_argument("--workdir", default=os.environ.get(
        "LUADIFF_EVALUATE_DIR", str(ROOT / "target" / "evaluate")),
        help="where the worktree and its target directory live (default target/evaluate, "
        "or $LUADIFF_EVALUATE_DIR)")
    parser.add_argument("--no-conformance", action="store_true",
                        help="skip the conformance suite")
    parser.add_argument("--check", action="store_true",
                        help="only check that every patch applies to HEAD (git apply --check)")
    parser.add_argument("--rebase", action="store_true",
                        help="regenerate the patches that no longer apply to HEAD with a "
                        "three-way merge (in the scratch worktree), then stop")
    args = parser.parse_args()
    if not args.seconds > 0:
        parser.error("SECS must be positive")
    try:
        if args.check:
            return check(args)
        if args.rebase:
            return rebase(args)
        report, failures = evaluate(args)
    except SetupError as e:
        print(f"evaluate: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("evaluate: interrupted (the worktree was restored)", file=sys.stderr)
        return 130
    text = table(report, markdown=False)
    if args.markdown:
        md = (
            f"Measured {report['date']} on {report['head'][:12]} with `{report['command']}` "
            f"(seed {report['seed']}, one worker).\n\n"
            + table(report, markdown=True)
            + f"\n{report['summary']['line']}\n"
        )
        write_atomically(Path(args.markdown), md)
    if args.json:
        print(json.dumps(report, indent=1))
    else:
        print(text, end="")
        print(report["summary"]["line"])
    return 1 if failures else 0


def check(args):
    """`git apply --check` of every patch against HEAD's tree (a scratch index, so that
    uncommitted changes in the working copy do not matter)."""
    patches = load_patches(args.only)
    bad = 0
    with tempfile.TemporaryDirectory() as scratch:
        env = dict(os.environ, GIT_INDEX_FILE=str(Path(scratch) / "index"))
        status, _, err, _ = run(["git", "read-tree", "HEAD"], ROOT, env=env)
        if status != 0:
            raise SetupError(f"git read-tree HEAD failed: {err.strip()}")
        for p in patches:
            status, _, err, _ = run(
                ["git", "apply", "--cached", "--check", str(p.path)], ROOT, env=env
            )
            if status != 0:
                bad += 1
                first = err.strip().splitlines()[0] if err.strip() else "?"
                print(f"{p.name}: does not apply to HEAD: {first}")
    print(f"{len(patches) - bad}/{len(patches)} patches apply to HEAD")
    return 1 if bad else 0


def rebase(args):
    """Regenerates each patch that does not apply to HEAD: a three-way `git apply` in
    the scratch worktree, then the header and the new diff. Patches that still apply
    are left alone; a conflict is reported and the patch left as it was."""
    head = git(["rev-parse", "HEAD"]).strip()
    tree = Worktree(Path(args.workdir).resolve(), head)
    tree.prepare()
    bad = 0
    for p in load_patches(args.only):
        status, _, _, _ = run(["git", "apply", "--check", str(p.path)], tree.path)
        if status == 0:
            continue
        status, _, err, _ = run(["git", "apply", "--3way", str(p.path)], tree.path)
        try:
            if status != 0:
                bad += 1
                first = err.strip().splitlines()[-1] if err.strip() else "?"
                print(f"{p.name}: cannot rebase: {first}")
                continue
            diff = git(["diff", "HEAD", "--", *p.files], cwd=tree.path)
            text = p.path.read_text()
            header = text.split("\ndiff --git ", 1)[0].rstrip("\n")
            write_atomically(p.path, header + "\n\n" + diff)
            print(f"{p.name}: rebased onto {head[:12]}")
        finally:
            git(["reset", "--quiet", "--", *p.files], cwd=tree.path)
            git(["checkout", "--quiet", "--force", "--", *p.files], cwd=tree.path)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
