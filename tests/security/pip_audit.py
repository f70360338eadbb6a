"""`make audit`: pip-audit over the pinned requirements, with the project's policy.

- A known vulnerability in a pinned package fails (exit 1), unless `.pip-audit-ignore` lists its id with a
  reason (one `ID  # reason` per line; a line without a reason is refused).
- If the vulnerability service cannot be reached (CI without internet beyond the package mirror), the audit
  cannot say anything: it prints a clear warning and passes, so CI does not fail for that reason.
"""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REQUIREMENTS = ["requirements.txt", "requirements-dev.txt"]
IGNORE_FILE = ROOT / ".pip-audit-ignore"


def ignored_ids() -> list[str]:
    ids = []
    if not IGNORE_FILE.exists():
        return ids
    for number, line in enumerate(IGNORE_FILE.read_text().splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        vuln_id, _, reason = line.partition("#")
        if not reason.strip():
            sys.exit(f"{IGNORE_FILE.name}:{number}: every accepted advisory needs a reason after '#'")
        ids.append(vuln_id.strip())
    return ids


def main() -> int:
    command = [sys.executable, "-m", "pip_audit", "--no-deps", "--disable-pip", "--format", "json"]
    for name in REQUIREMENTS:
        command += ["-r", str(ROOT / name)]
    for vuln_id in ignored_ids():
        command += ["--ignore-vuln", vuln_id]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        report = None
    if report is None:
        if "ConnectionError" in result.stderr or "NameResolution" in result.stderr:
            print("WARNING: pip-audit could not reach the vulnerability service; dependencies NOT audited.")
            return 0
        print(result.stdout, result.stderr, sep="\n")
        return result.returncode or 1
    dependencies = report.get("dependencies", [])
    vulnerable = [d for d in dependencies if d.get("vulns")]
    skipped = [d for d in dependencies if d.get("skip_reason")]
    for dep in vulnerable:
        for vuln in dep["vulns"]:
            fixed = ", ".join(vuln.get("fix_versions") or []) or "no fixed version"
            print(f"VULNERABLE: {dep['name']} {dep['version']}: {vuln['id']} (fixed in: {fixed})")
    if skipped:
        print(
            f"WARNING: {len(skipped)} of {len(dependencies)} packages could not be audited (vulnerability "
            "service unreachable or package unknown to it): "
            + ", ".join(f"{d['name']} {d.get('version', '')}".strip() for d in skipped)
        )
    if vulnerable:
        print("pip-audit: known vulnerabilities (see above): upgrade, or accept them in .pip-audit-ignore.")
        return 1
    audited = len(dependencies) - len(skipped)
    if dependencies and not audited:
        print("WARNING: the vulnerability service was unreachable; the dependencies were NOT audited.")
        return 0
    print(f"pip-audit: {audited} packages audited, no known vulnerabilities.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
