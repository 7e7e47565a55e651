#!/usr/bin/env python3
"""Runs the real `amtool check-config` (0.25, /usr/bin/amtool) on the alertmanager.yml cases below, in
Tests/KlaxonCheckTests/Fixtures/amtool-check-config/, and stores for each case <case>.yml (when it has a
text), <case>.args (the arguments, one a line), <case>.stdout, <case>.stderr and <case>.exit.
CheckAlertmanagerConfigGoldenTests runs `CheckAlertmanagerConfig.run` with the same arguments in that
directory and compares byte for byte. Template files used by the cases live in tmpl/ (written here too).

It also records the NOTIFY cases (a subset) into Tests/KlaxonNotifyTests/Fixtures/check-config/ in the older
one-file format: <case>.yml and <case>.out (amtool's stdout, then its stderr, then `exit <code>`).
AlertmanagerConfigTests builds the same configurations in code, runs `AlertmanagerConfig.validate()` and
compares with <case>.out; a case added to NOTIFY needs its config in that test too."""
import os, shutil, subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # scripts/<job>/ → the repository
DIR = os.path.join(ROOT, 'Tests/KlaxonCheckTests/Fixtures/amtool-check-config')
NOTIFY_DIR = os.path.join(ROOT, 'Tests/KlaxonNotifyTests/Fixtures/check-config')
BASE = 'receivers:\n  - name: default\n  - name: hook\n    webhook_configs: [{url: "http://x/"}]\n'
R = 'route: {receiver: default}\n'

def recv(body):
    return 'route: {receiver: r}\nreceivers:\n  - name: r\n    ' + body + '\n'

CASES = {
    'ok': "route: {receiver: default, routes: [{receiver: hook, matchers: ['severity=\"page\"'], continue: true}]}\n"
          "inhibit_rules: [{source_matchers: [a=b], target_matchers: [c=d], equal: [x]}]\n" + BASE,
    'no_route': BASE,
    'empty_file': '',
    'only_comment': '# nothing here\n',
    'no_default_receiver': 'route: {group_by: [a]}\n' + BASE,
    'root_matchers': "route: {receiver: default, matchers: ['a=b']}\n" + BASE,
    'root_continue': 'route: {receiver: default, continue: true}\n' + BASE,
    'root_mute': 'route: {receiver: default, mute_time_intervals: [x]}\n'
                 'time_intervals: [{name: x, time_intervals: [{weekdays: [monday]}]}]\n' + BASE,
    'root_active': 'route: {receiver: default, active_time_intervals: [a]}\n' + BASE,
    'undefined_receiver': 'route: {receiver: default, routes: [{receiver: default, routes: [{receiver: nope}]}]}\n' + BASE,
    'dup_receiver': 'route: {receiver: default}\nreceivers:\n  - name: default\n  - name: default\n',
    'empty_receiver_name': "route: {receiver: default}\nreceivers:\n  - name: default\n  - name: ''\n",
    'zero_group_interval': 'route: {receiver: default, routes: [{receiver: hook, group_interval: 0s}]}\n' + BASE,
    'zero_repeat': 'route: {receiver: default, repeat_interval: 0s}\n' + BASE,
    'dup_group_by': 'route: {receiver: default, group_by: [a, b, a]}\n' + BASE,
    'bad_group_by': "route: {receiver: default, group_by: ['a-b']}\n" + BASE,
    'wildcard_mixed': "route: {receiver: default, group_by: ['...', a]}\n" + BASE,
    'wildcard_ok': "route: {receiver: default, group_by: ['...']}\n" + BASE,
    'undefined_interval': 'route: {receiver: default, routes: [{receiver: hook, mute_time_intervals: [night]}]}\n' + BASE,
    'undefined_active_interval': 'route: {receiver: default, routes: [{receiver: hook, active_time_intervals: [day]}]}\n' + BASE,
    'dup_time_interval': R + 'time_intervals: [{name: x, time_intervals: []}, {name: x, time_intervals: []}]\n' + BASE,
    'dup_mute_time_interval': R + 'mute_time_intervals: [{name: x}, {name: x}]\n' + BASE,
    'mute_and_time_interval_same_name': R + 'mute_time_intervals: [{name: x}]\ntime_intervals: [{name: x}]\n' + BASE,
    'slack_no_url': "route: {receiver: s}\nreceivers:\n  - name: s\n    slack_configs: [{channel: '#a'}]\n",
    'slack_global_url': "global: {slack_api_url: 'https://hooks.slack.example/x'}\nroute: {receiver: s}\n"
                        "receivers:\n  - name: s\n    slack_configs: [{channel: '#a', title: '{{ .Status }}'}]\n",
    'slack_url_and_file': recv('slack_configs: [{api_url: "http://a", api_url_file: /x}]'),
    'slack_field_no_value': recv('slack_configs: [{api_url: "http://a", fields: [{title: t}]}]'),
    'slack_field_no_title': recv('slack_configs: [{api_url: "http://a", fields: [{value: v}]}]'),
    'slack_action_no_text': recv('slack_configs: [{api_url: "http://a", actions: [{type: button}]}]'),
    'slack_full': recv('slack_configs: [{api_url: "https://a/b", channel: "#x", username: u, icon_emoji: ":x:", '
                       'send_resolved: true, link_names: true, short_fields: true, mrkdwn_in: [text], '
                       'fields: [{title: t, value: v, short: false}], color: "{{ .Status }}"}]'),
    'webhook_no_url': 'route: {receiver: h}\nreceivers:\n  - name: h\n    webhook_configs: [{max_alerts: 1}]\n',
    'webhook_no_scheme': 'route: {receiver: h}\nreceivers:\n  - name: h\n    webhook_configs: [{url: "x/y"}]\n',
    'webhook_ftp': recv('webhook_configs: [{url: "ftp://a"}]'),
    'webhook_space_in_host': recv('webhook_configs: [{url: "http://a b"}]'),
    'webhook_url_file': recv('webhook_configs: [{url_file: /tmp/x}]'),
    'webhook_negative_max_alerts': recv('webhook_configs: [{url: "http://a", max_alerts: -1}]'),
    'http_basic_and_authorization': recv('webhook_configs: [{url: "http://a", http_config: {basic_auth: '
                                         '{username: u, password: p}, authorization: {credentials: x}}}]'),
    'http_bearer_both': recv('webhook_configs: [{url: "http://a", http_config: {bearer_token: x, bearer_token_file: y}}]'),
    'http_authorization_basic': recv('webhook_configs: [{url: "http://a", http_config: {authorization: '
                                     '{type: Basic, credentials: x}}}]'),
    'http_password_both': recv('webhook_configs: [{url: "http://a", http_config: {basic_auth: '
                               '{username: u, password: p, password_file: f}}}]'),
    'http_authorization_and_bearer': recv('webhook_configs: [{url: "http://a", http_config: '
                                          '{authorization: {credentials: x}, bearer_token: y}}]'),
    'http_tls_ok': recv('webhook_configs: [{url: "https://a", http_config: {tls_config: {insecure_skip_verify: true, '
                        'ca_file: /x}, follow_redirects: false, proxy_url: "http://p"}}]'),
    'http_unknown_field': recv('webhook_configs: [{url: "https://a", http_config: {bogus: 1}}]'),
    'inhibit_bad_equal': R + 'inhibit_rules: [{source_matchers: ["a=b"], target_matchers: ["c=d"], equal: ["x-y"]}]\n' + BASE,
    'inhibit_deprecated': R + 'inhibit_rules: [{source_match: {severity: critical}, target_match_re: {severity: "warn.*"}, '
                          'equal: [alertname]}]\n' + BASE,
    'inhibit_bad_match_name': R + 'inhibit_rules: [{source_match: {"a-b": x}}]\n' + BASE,
    'matchers_bad_regex': 'route: {receiver: default, routes: [{receiver: hook, matchers: ["a=~(b"]}]}\n' + BASE,
    'matchers_unescaped_quote': 'route: {receiver: default, routes: [{receiver: hook, matchers: [\'a="b\']}]}\n' + BASE,
    'matchers_bad_format': 'route: {receiver: default, routes: [{receiver: hook, matchers: ["a"]}]}\n' + BASE,
    'matchers_braces': 'route: {receiver: default, routes: [{receiver: hook, matchers: [\'{a="b", c!~"d|e"}\', "f = g"]}]}\n' + BASE,
    'match_re_bad': 'route: {receiver: default, routes: [{receiver: hook, match_re: {a: "(x"}}]}\n' + BASE,
    'match_bad_name': 'route: {receiver: default, routes: [{receiver: hook, match: {"a.b": x}}]}\n' + BASE,
    'unknown_fields': 'route: {receiver: default, foo: 1}\nbar: 2\n' + BASE,
    'repeated_field': 'route: {receiver: default, receiver: hook}\n' + BASE,
    'repeated_match_key': 'route:\n  receiver: default\n  routes:\n    - receiver: hook\n      match:\n        x: "1"\n        x: "2"\n' + BASE,
    'repeated_match_key_flow': 'route: {receiver: default, routes: [{receiver: hook, match: {x: "1", x: "2"}}]}\n' + BASE,
    'repeated_field_block': 'route:\n  receiver: default\n  receiver: hook\n' + BASE,
    'type_error': 'route: {receiver: default, group_by: x}\n' + BASE,
    'type_error_nested': 'route: {receiver: default, routes: [{receiver: hook, continue: maybe}]}\n' + BASE,
    'bad_duration': 'route: {receiver: default, group_wait: 1x}\n' + BASE,
    'yaml_syntax': 'route: [\n',
    'bad_weekday': R + 'time_intervals: [{name: t, time_intervals: [{weekdays: [moonday]}]}]\n' + BASE,
    'weekday_reversed': R + 'time_intervals: [{name: t, time_intervals: [{weekdays: ["friday:monday"]}]}]\n' + BASE,
    'bad_day_of_month': R + 'time_intervals: [{name: t, time_intervals: [{days_of_month: ["0"]}]}]\n' + BASE,
    'month_reversed': R + 'time_intervals: [{name: t, time_intervals: [{months: ["may:march"]}]}]\n' + BASE,
    'bad_time': R + 'time_intervals: [{name: t, time_intervals: [{times: [{start_time: "25:00", end_time: "26:00"}]}]}]\n' + BASE,
    'time_order': R + 'time_intervals: [{name: t, time_intervals: [{times: [{start_time: "10:00", end_time: "09:00"}]}]}]\n' + BASE,
    'time_missing_end': R + 'time_intervals: [{name: t, time_intervals: [{times: [{start_time: "10:00"}]}]}]\n' + BASE,
    'bad_location': R + 'time_intervals: [{name: t, time_intervals: [{location: Nowhere/X}]}]\n' + BASE,
    'time_intervals_ok': R + 'time_intervals: [{name: t, time_intervals: [{times: [{start_time: "09:00", end_time: "17:00"}], '
                         'weekdays: ["monday:friday"], days_of_month: ["1:5", "-3:-1"], months: ["january:march", "12"], '
                         'years: ["2024:2030"], location: Europe/Berlin}]}]\n' + BASE,
    'email_no_smarthost': recv('email_configs: [{to: a@b}]'),
    'email_no_to': recv('email_configs: [{from: a@b, smarthost: "h:25"}]'),
    'email_ok': 'global: {smtp_smarthost: "h:25", smtp_from: a@b}\n' + recv('email_configs: [{to: a@b}]'),
    'pagerduty_no_key': recv('pagerduty_configs: [{}]'),
    'pagerduty_ok': recv('pagerduty_configs: [{routing_key: x}]'),
    'global_unknown': 'global: {resolve_timeout: 1m, bogus: 1}\n' + R + BASE,
    'templates_ok': R + 'templates: ["tmpl/good.tmpl"]\n' + BASE,
    'templates_glob_bad': R + 'templates: ["tmpl/*.tmpl"]\n' + BASE,
    'templates_no_match': R + 'templates: ["nothere/*.tmpl", "tmpl/good.tmpl"]\n' + BASE,
}
# Cases run with other arguments than <case>.yml.
ARGS = {
    'multi': ['ok.yml', 'bad_duration.yml', 'no_route.yml'],
    'missing_file': ['ok.yml', 'does-not-exist.yml'],
}
# Cases also recorded for AlertmanagerConfigTests (KlaxonNotifyTests).
NOTIFY = [
    'ok', 'no_route', 'no_default_receiver', 'root_matchers', 'root_continue', 'root_mute', 'root_active',
    'undefined_receiver', 'dup_receiver', 'empty_receiver_name', 'zero_group_interval', 'zero_repeat', 'dup_group_by',
    'bad_group_by', 'wildcard_mixed', 'undefined_interval', 'undefined_active_interval', 'dup_time_interval',
    'slack_no_url', 'webhook_no_url', 'webhook_no_scheme', 'inhibit_bad_equal',
]

if os.path.isdir(DIR):
    shutil.rmtree(DIR)
os.makedirs(os.path.join(DIR, 'tmpl'))
with open(os.path.join(DIR, 'tmpl/good.tmpl'), 'w') as f:
    f.write('{{ define "x" }}hi {{ .Status }}{{ end }}\n')
with open(os.path.join(DIR, 'tmpl/zbad.tmpl'), 'w') as f:
    f.write('{{ define "y" }}{{ end')
for name, text in CASES.items():
    with open(os.path.join(DIR, name + '.yml'), 'w') as f:
        f.write(text)
for name in sorted(list(CASES) + list(ARGS)):
    args = ARGS.get(name, [name + '.yml'])
    run = subprocess.run(['/usr/bin/amtool', 'check-config'] + args, cwd=DIR, capture_output=True, text=True)
    for ext, content in (('args', '\n'.join(args) + '\n'), ('stdout', run.stdout), ('stderr', run.stderr),
                         ('exit', '%d\n' % run.returncode)):
        with open(os.path.join(DIR, name + '.' + ext), 'w') as f:
            f.write(content)
print('recorded %d cases in %s' % (len(CASES) + len(ARGS), DIR))

if os.path.isdir(NOTIFY_DIR):
    shutil.rmtree(NOTIFY_DIR)
os.makedirs(NOTIFY_DIR)
for name in sorted(NOTIFY):
    with open(os.path.join(NOTIFY_DIR, name + '.yml'), 'w') as f:
        f.write(CASES[name])
    run = subprocess.run(['/usr/bin/amtool', 'check-config', name + '.yml'], cwd=NOTIFY_DIR, capture_output=True,
                         text=True)
    with open(os.path.join(NOTIFY_DIR, name + '.out'), 'w') as f:
        f.write(run.stdout + run.stderr + 'exit %d\n' % run.returncode)
print('recorded %d cases in %s' % (len(NOTIFY), NOTIFY_DIR))
