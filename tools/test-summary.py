#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Print the closing line CI reads, `N passed, N failed, N skipped`, from meson's testlog.json.

Counts TAP subtests where a test reports them (each GTest case is one), otherwise the test
itself. Exits 1 when anything failed or nothing ran."""
import json, re, sys

passed = failed = skipped = 0
with open(sys.argv[1], encoding='utf-8') as log:
    for line in log:
        test = json.loads(line)
        result = test.get('result')
        stdout = test.get('stdout') or ''
        oks = len(re.findall(r'^ok \d+(?! # SKIP)', stdout, re.M))
        skips = len(re.findall(r'^ok \d+.*# SKIP', stdout, re.M))
        bad = len(re.findall(r'^not ok \d+', stdout, re.M))
        if result in ('OK', 'EXPECTEDFAIL'):
            passed += oks if (oks or skips) else 1
            skipped += skips
        elif result == 'SKIP':
            skipped += max(skips, 1)
        else:
            passed += oks
            skipped += skips
            failed += max(bad, 1)
            print('FAILED: %s (%s)' % (test.get('name'), result))

print('%d passed, %d failed, %d skipped' % (passed, failed, skipped))
sys.exit(1 if failed or passed == 0 else 0)
