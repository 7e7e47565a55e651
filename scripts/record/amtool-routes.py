#!/usr/bin/env python3
"""Records `amtool config routes`, `amtool config routes test` and `amtool template render` (0.25,
/usr/bin/amtool) into Tests/KlaxonCheckTests/Fixtures/amtool-routes/: per case <case>.args (the amtool
arguments, one a line), <case>.stdout, <case>.stderr, <case>.exit. RoutesTests runs Klaxon's equivalent and
compares byte for byte, except amtool's `Warning: --config.file flag overrides the --alertmanager.url.` stderr
line, which Klaxon (no --alertmanager.url) does not print. Template cases avoid the sample data's times, which
depend on the clock.

It also records routes.yml's tree and the NOTIFY_TESTS cases into Tests/KlaxonNotifyTests/Fixtures/routes/ in
the older format RouteTreeTests reads: routes.yml, tree.out (the stdout of `amtool config routes`) and
<case>.out (the labels joined by spaces on the first line, then the stdout of `amtool config routes test
--config.file=routes.yml --tree <labels>`, then `exit <code>`; amtool's stderr warning is left out)."""
import os, shutil, subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # scripts/<job>/ → the repository
DIR = os.path.join(ROOT, 'Tests/KlaxonCheckTests/Fixtures/amtool-routes')
NOTIFY_DIR = os.path.join(ROOT, 'Tests/KlaxonNotifyTests/Fixtures/routes')
FILES = {
    'routes.yml': '''route:
  receiver: default
  group_by: [alertname]
  routes:
    - receiver: pager
      matchers: ['severity="page"']
      continue: true
    - receiver: slack
      matchers: ['service=~"db|cache"']
      routes:
        - receiver: dba
          matchers: ['team=~"d.*"', 'env!="dev"']
          group_by: ['...']
    - matchers: ['x="a\\"b"']
receivers:
  - name: default
  - name: pager
  - name: slack
  - name: dba
''',
    'deprecated.yml': '''route:
  receiver: default
  routes:
    - receiver: ops
      match: {team: ops, env: prod}
      continue: true
    - receiver: ops
      match_re: {service: 'api|web'}
      routes:
        - receiver: pager
          matchers: ['{severity="critical", env!~"dev|test"}']
    - receiver: last
      matchers: [alertname="Watchdog"]
receivers: [{name: default}, {name: ops}, {name: pager}, {name: last}]
''',
    'bad.yml': 'route: {receiver: a, group_wait: 1x}\nreceivers: [{name: a}]\n',
    'undefined.yml': 'route: {receiver: a, routes: [{receiver: b}]}\nreceivers: [{name: a}]\n',
    'tmpl/a.tmpl': '{{ define "x" }}hi {{ .Receiver }}{{ end }}\n',
    'tmpl/slack.tmpl': '{{ define "slack.default.title" }}custom {{ .Status | toUpper }}{{ end }}\n',
    'broken/bad.tmpl': '{{ define "y" }}{{ end',
}
T = ['config', 'routes', 'test', '--config.file=routes.yml']
D = ['config', 'routes', 'test', '--config.file=deprecated.yml']
CASES = {
    'tree': ['config', 'routes', '--config.file=routes.yml'],
    'tree-deprecated': ['config', 'routes', '--config.file=deprecated.yml'],
    'tree-bad-config': ['config', 'routes', '--config.file=bad.yml'],
    'tree-undefined-receiver': ['config', 'routes', '--config.file=undefined.yml'],
    'tree-missing-file': ['config', 'routes', '--config.file=missing.yml'],
    'test-page-db': T + ['severity=page', 'service=db'],
    'test-page-db-tree': T + ['--tree', 'severity=page', 'service=db', 'team=dx'],
    'test-page-cache-tree': T + ['--tree', 'severity=page', 'service=cache'],
    'test-none': T + ['foo=bar'],
    'test-none-tree': T + ['--tree', 'foo=bar'],
    'test-no-labels': T,
    'test-quoted': T + ['x=a\\"b'],
    'test-quoted-tree': T + ['--tree', 'x="a\\"b"'],
    'test-dev-env': T + ['service=db', 'team=dx', 'env=dev'],
    'test-verify-ok': T + ['--verify.receivers=pager,slack', 'severity=page', 'service=db'],
    'test-verify-mismatch': T + ['--verify.receivers=pager', 'severity=page', 'service=db'],
    'test-verify-mismatch-tree': T + ['--tree', '--verify.receivers=x', 'severity=page'],
    'test-bad-label': T + ['foo'],
    'test-regex-label': T + ['a=~b'],
    'test-not-equal-label': T + ['a!=b'],
    'test-repeated-label': T + ['service=web', 'service=db'],
    'test-bad-config': ['config', 'routes', 'test', '--config.file=bad.yml', 'a=b'],
    'test-missing-file': ['config', 'routes', 'test', '--config.file=missing.yml', 'a=b'],
    'deprecated-ops': D + ['--tree', 'team=ops', 'env=prod', 'service=web'],
    'deprecated-anchored': D + ['service=webx'],
    'deprecated-pager': D + ['--tree', 'service=api', 'severity=critical', 'env=prod'],
    'deprecated-pager-dev': D + ['service=api', 'severity=critical', 'env=dev'],
    'deprecated-watchdog': D + ['alertname=Watchdog'],
    'template-define': ['template', 'render', '--template.glob=tmpl/a.tmpl', '--template.text={{ template "x" . }}'],
    'template-default-title': ['template', 'render', '--template.glob=tmpl/a.tmpl',
                               '--template.text={{ template "slack.default.title" . }}'],
    'template-override': ['template', 'render', '--template.glob=tmpl/*.tmpl',
                          '--template.text={{ template "slack.default.title" . }}'],
    'template-data': ['template', 'render', '--template.glob=tmpl/a.tmpl', '--template.text={{ .Status }} '
                      '{{ .Receiver }} {{ .GroupLabels }} {{ .CommonLabels.SortedPairs.Values }} {{ .ExternalURL }} '
                      '{{ len .Alerts }} {{ range .Alerts }}{{ .Labels.instance }} {{ .Annotations }} '
                      '{{ .GeneratorURL }} {{ .Fingerprint }};{{ end }}'],
    'template-broken-glob': ['template', 'render', '--template.glob=broken/*.tmpl', '--template.text=x'],
    'template-no-glob': ['template', 'render', '--template.text=x'],
    'template-exec-error': ['template', 'render', '--template.glob=tmpl/a.tmpl', '--template.text={{ template "nope" . }}'],
}
# `amtool config routes test --tree` cases recorded for RouteTreeTests (KlaxonNotifyTests), on routes.yml.
NOTIFY_TESTS = {
    'test-page-db-team': ['severity=page', 'service=db', 'team=dx'],
    'test-page-cache': ['severity=page', 'service=cache'],
    'test-none': ['foo=bar'],
    'test-x': ['x=a\\"b'],
}

if os.path.isdir(DIR):
    shutil.rmtree(DIR)
for name, text in FILES.items():
    path = os.path.join(DIR, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w') as f:
        f.write(text)
for name, args in sorted(CASES.items()):
    run = subprocess.run(['/usr/bin/amtool'] + args, cwd=DIR, capture_output=True, text=True)
    for ext, content in (('args', '\n'.join(args) + '\n'), ('stdout', run.stdout), ('stderr', run.stderr),
                         ('exit', '%d\n' % run.returncode)):
        with open(os.path.join(DIR, name + '.' + ext), 'w') as f:
            f.write(content)
print('recorded %d cases in %s' % (len(CASES), DIR))

if os.path.isdir(NOTIFY_DIR):
    shutil.rmtree(NOTIFY_DIR)
os.makedirs(NOTIFY_DIR)
with open(os.path.join(NOTIFY_DIR, 'routes.yml'), 'w') as f:
    f.write(FILES['routes.yml'])
run = subprocess.run(['/usr/bin/amtool', 'config', 'routes', '--config.file=routes.yml'], cwd=NOTIFY_DIR,
                     capture_output=True, text=True)
with open(os.path.join(NOTIFY_DIR, 'tree.out'), 'w') as f:
    f.write(run.stdout)
for name, labels in NOTIFY_TESTS.items():
    run = subprocess.run(['/usr/bin/amtool', 'config', 'routes', 'test', '--config.file=routes.yml', '--tree'] + labels,
                         cwd=NOTIFY_DIR, capture_output=True, text=True)
    with open(os.path.join(NOTIFY_DIR, name + '.out'), 'w') as f:
        f.write(' '.join(labels) + '\n' + run.stdout + 'exit %d\n' % run.returncode)
print('recorded %d cases in %s' % (len(NOTIFY_TESTS) + 1, NOTIFY_DIR))
