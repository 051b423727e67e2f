# Breaks ten behaviours on purpose, one at a time, and shows that a test fails for each
# (issue 20: "the suite still catches what it caught"). Run it in a spare worktree, never in one
# with uncommitted work: each break is written into the source and put back afterwards.
#
#   git worktree add /tmp/wt-breaks HEAD && python3 bench/breaks/run_breaks.py /tmp/wt-breaks units
#
# "units" runs each break's unit tests (offline Maven); a break with only an integration test
# runs that class with failsafe. The breaks and the tests expected to catch them: breaks.py.
import subprocess, sys, os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from breaks import BREAKS
os.chdir(sys.argv[1])
only_units = len(sys.argv) > 2 and sys.argv[2] == 'units'
results = []
for name, f, old, new, tests, its in BREAKS:
    src = open(f).read()
    assert src.count(old) == 1, (name, f)
    open(f, 'w').write(src.replace(old, new))
    try:
        if tests and (only_units or not its):
            cmd = ['mvn', '-B', '-o', 'test', '-Dtest=' + tests, '-Dsurefire.failIfNoSpecifiedTests=false']
            which = tests
        else:
            cmd = ['mvn', '-B', 'verify', '-Dtest=NoSuchTest', '-Dsurefire.failIfNoSpecifiedTests=false',
                   '-Dit.test=' + its, '-Dfailsafe.failIfNoSpecifiedTests=false', '-Dit.forks=1']
            which = its
        out = subprocess.run(cmd, capture_output=True, text=True).stdout
        failed = [l.strip() for l in out.splitlines() if '<<< FAIL' in l or '<<< ERR' in l][:3]
        ok = 'BUILD FAILURE' in out and failed
        comp = 'COMPILATION ERROR' in out
        results.append((name, which, 'CAUGHT' if ok else ('COMPILE' if comp else 'MISSED'), failed))
        print(results[-1], flush=True)
    finally:
        open(f, 'w').write(src)
print('\n'.join(f'{r[2]:8} {r[0]} <- {r[1]}: {r[3][:1]}' for r in results))
