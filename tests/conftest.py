"""Only the hostile suite's coverage line at the end of the run (fixtures: root conftest)."""


def pytest_terminal_summary(terminalreporter):
    from tests.hostile_world import FIVE_XX, STATS

    if not STATS:
        return
    terminalreporter.write_sep("-", "hostile suite coverage")
    terminalreporter.write_line(
        f"routes x visitor kinds x methods tried: {STATS['route x visitor x method']}; "
        f"hostile inputs tried: {STATS['hostile inputs']}; requests: {STATS['requests']}; "
        f"5xx seen: {len(FIVE_XX)}")
    for line in FIVE_XX[:50]:
        terminalreporter.write_line(f"  {line}")
