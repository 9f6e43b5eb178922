"""Run axe-core in the browser and fail with a list a developer can act on."""

from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

_axe = Axe()


def axe_violations(page):
    results = _axe.run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    return results.response["violations"]


def format_violations(violations):
    lines = []
    for violation in violations:
        targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"    targets: {targets}")
        summary = (violation["nodes"][0].get("failureSummary") or "").replace("\n", " ")
        if summary:
            lines.append(f"    first: {summary}")
        lines.append(f"    help: {violation['helpUrl']}")
    return "\n".join(lines)


def assert_no_axe_violations(page, label=""):
    violations = axe_violations(page)
    assert not violations, (
        f"axe found {len(violations)} WCAG 2.2 A/AA violation(s) on {label or page.url}:\n"
        + format_violations(violations)
    )
