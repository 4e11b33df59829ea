"""The CI files: valid for GitHub Actions and GitLab CI, and running the README's commands.

Validity is checked offline against the schemas that check-jsonschema vendors (the
SchemaStore schemas of GitHub workflows and of .gitlab-ci.yml).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
GITHUB = ROOT / ".github" / "workflows" / "pages.yml"
GITLAB = ROOT / ".gitlab-ci.yml"


def validate(schema: str, path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text("utf-8"))
    return data


def github_on(workflow: dict[str, Any]) -> dict[str, Any]:
    # YAML 1.1 reads the key `on` as True.
    on: dict[str, Any] = workflow.get("on", workflow.get(True))  # type: ignore[call-overload]
    return on


def commands(text: str) -> list[str]:
    """`make …` and `congkhai …` commands, without comments or redirections."""
    found = []
    for line in text.splitlines():
        line = line.split(" #", 1)[0].strip()
        if not line.startswith("#"):
            found += re.findall(r"\b((?:make|congkhai) [a-z][\w\-]*(?: --?[\w\-]+)*)", line)
    return found


@pytest.mark.parametrize(
    ("schema", "path"),
    [("vendor.github-workflows", GITHUB), ("vendor.gitlab-ci", GITLAB)],
    ids=["github", "gitlab"],
)
def test_the_ci_files_match_their_published_schemas(schema: str, path: Path) -> None:
    done = validate(schema, path)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize(
    ("schema", "path", "mistake"),
    [
        ("vendor.github-workflows", GITHUB, ("runs-on: ubuntu-latest", "run-on: ubuntu-latest")),
        (
            "vendor.gitlab-ci",
            GITLAB,
            ("  script:\n    - make check", "  scripts:\n    - make check"),
        ),
    ],
    ids=["github", "gitlab"],
)
def test_the_schema_check_catches_a_typo(
    schema: str, path: Path, mistake: tuple[str, str], tmp_path: Path
) -> None:
    text = path.read_text("utf-8")
    assert mistake[0] in text
    broken = tmp_path / path.name
    broken.write_text(text.replace(mistake[0], mistake[1], 1), "utf-8")
    assert validate(schema, broken).returncode != 0


def readme_commands() -> set[str]:
    return set(commands((ROOT / "README.md").read_text("utf-8")))


def test_they_run_the_same_commands_as_the_readme() -> None:
    documented = readme_commands()
    assert {"make site", "make check"} <= documented
    for path in (GITHUB, GITLAB):
        used = commands(path.read_text("utf-8"))
        assert "make check" in used and "make site" in used, path.name
        assert used.index("make check") < used.index("make site"), path.name
        for cmd in used:
            base = " ".join(cmd.split()[:2])
            assert base in documented, f"{path.name}: '{cmd}' is not in README.md"


def test_github_checks_then_deploys_with_full_history_daily_and_a_cache() -> None:
    workflow = load(GITHUB)
    on = github_on(workflow)
    assert on["push"]["branches"] == ["main"]
    assert "pull_request" in on and "workflow_dispatch" in on
    (schedule,) = on["schedule"]
    _minute, hour, *every_day = schedule["cron"].split()
    assert every_day == ["*", "*", "*"]
    assert (int(hour) + 7) % 24 < 8  # early morning in Viet Nam, before office hours
    assert workflow["env"]["TZ"] == "Asia/Ho_Chi_Minh"
    steps = workflow["jobs"]["build"]["steps"]
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    python = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python@"))
    assert python["with"]["cache"] == "pip"
    assert python["with"]["python-version"] == "3.11"
    assert any(s.get("run") == "sha256sum site/manifest.json" for s in steps)
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages"))
    assert upload["with"]["path"] == "site"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert "refs/heads/main" in deploy["if"] and "pull_request" in deploy["if"]
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    assert workflow["permissions"] == {"contents": "read"}


def test_gitlab_checks_then_deploys_with_full_history_and_a_cache() -> None:
    ci = load(GITLAB)
    assert ci["variables"]["GIT_DEPTH"] == "0"
    assert ci["variables"]["TZ"] == "Asia/Ho_Chi_Minh"
    assert ci["default"]["cache"]["key"]["files"] == ["pyproject.toml"]
    assert ci["variables"]["PIP_CACHE_DIR"] == "$CI_PROJECT_DIR/.cache/pip"
    assert ci["stages"] == ["check", "build", "deploy"]
    assert ci["check"]["script"][0] == "make check"
    pages = ci["pages"]
    assert pages["stage"] == "deploy"
    assert pages["artifacts"]["paths"] == ["public"]
    assert pages["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    sources = " ".join(r["if"] for r in ci["workflow"]["rules"])
    assert '"schedule"' in sources and '"merge_request_event"' in sources
    # GitLab keeps schedules outside the file: the file says how to set the daily one.
    assert "Pipeline schedules" in GITLAB.read_text("utf-8")


def test_the_readme_tells_how_to_publish() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    for needed in (".github/workflows/pages.yml", ".gitlab-ci.yml", "manifest.json", "kiem-tra/"):
        assert needed in readme, needed
