#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Refresh po/zh_CN.po against the sources, keeping its translations and adding new ones.

Usage: python3 tools/po-fill.py [NEW.tsv …]
Runs xgettext over po/POTFILES.in, keeps every translation po/zh_CN.po already has, adds
those of the TSV files (`msgid<TAB>msgstr` a line, C escapes; for a plural entry the msgid
is the singular), drops obsolete entries, and fails listing any msgid left untranslated —
so the catalogue stays 100 % translated with no fuzzy entries.
"""
import os, re, subprocess, sys, tempfile

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
os.chdir(root)
files = [l.strip() for l in open('po/POTFILES.in') if l.strip() and not l.startswith('#')]
tmp = tempfile.mkdtemp()
pot = os.path.join(tmp, 'songda.pot')
subprocess.check_call(['xgettext', '--from-code=UTF-8', '-k_', '-kN_', '-kC_:1c,2', '-kNC_:1c,2',
                       '-kg_dngettext:2,3', '--add-comments=TRANSLATORS', '--package-name=songda',
                       '-o', pot] + files)

def unquote(block):
    return ''.join(re.findall(r'"(.*)"', block))

def key_of(entry, msgid):
    """msgctxt entries are keyed "context\\004msgid", as written in the TSV files."""
    c = re.search(r'^msgctxt ((?:".*"\n?)+)', entry, re.M)
    return (unquote(c.group(1)) + '\\004' + msgid) if c else msgid

table = {}
if os.path.exists('po/zh_CN.po'):
    for entry in open('po/zh_CN.po', encoding='utf-8').read().split('\n\n'):
        m = re.search(r'^msgid ((?:".*"\n?)+)', entry, re.M)
        v = re.search(r'^msgstr(?:\[0\])? ((?:".*"\n?)+)', entry, re.M)
        if m and v and unquote(m.group(1)) and unquote(v.group(1)):
            table[key_of(entry, unquote(m.group(1)))] = unquote(v.group(1))
for tsv in sys.argv[1:]:
    for line in open(tsv, encoding='utf-8'):
        line = line.rstrip('\n')
        if not line or line.startswith('#'):
            continue
        key, _, value = line.partition('\t')
        table[key] = value

out = []
missing = []
text = open(pot, encoding='utf-8').read()
entries = text.split('\n\n')
for i, entry in enumerate(entries):
    m = re.search(r'^msgid ((?:".*"\n?)+)', entry, re.M)
    if not m:
        out.append(entry)
        continue
    msgid = key_of(entry, unquote(m.group(1)))
    if msgid == '':
        header = ('msgid ""\nmsgstr ""\n"Project-Id-Version: songda\\n"\n"Report-Msgid-Bugs-To: \\n"\n"PO-Revision-Date: 2026-11-23 12:00+0800\\n"\n"Last-Translator: The Songda developers\\n"\n'
                  '"Language-Team: Chinese (simplified)\\n"\n"Language: zh_CN\\n"\n"MIME-Version: 1.0\\n"\n'
                  '"Content-Type: text/plain; charset=UTF-8\\n"\n"Content-Transfer-Encoding: 8bit\\n"\n'
                  '"Plural-Forms: nplurals=1; plural=0;\\n"')
        out.append('# Simplified Chinese translation of Songda.\n# SPDX-License-Identifier: GPL-3.0-or-later\n' + header)
        continue
    if msgid not in table:
        missing.append(msgid)
        continue
    value = table[msgid]
    head = entry[:entry.index('msgstr')] if 'msgid_plural' not in entry else entry[:entry.index('msgstr[0]')]
    head = '\n'.join(l for l in head.split('\n') if not l.startswith('#, fuzzy')).rstrip('\n')
    if 'msgid_plural' in entry:
        out.append(head + '\nmsgstr[0] "%s"' % value)
    else:
        out.append(head + '\nmsgstr "%s"' % value)

if missing:
    sys.stderr.write('untranslated (add to tools/zh_CN.tsv):\n' + '\n'.join(missing) + '\n')
    sys.exit(1)
open('po/zh_CN.po', 'w', encoding='utf-8').write('\n\n'.join(out).rstrip('\n') + '\n')
subprocess.check_call(['msgfmt', '--check', '--statistics', '-o', os.devnull, 'po/zh_CN.po'])
