#!/usr/bin/env python3
"""Records what the real Alertmanager 0.25 (/usr/bin/prometheus-alertmanager) sends for a scripted
scenario into Tests/KlaxonNotifyTests/Fixtures/am_timeline.txt (read by AlertmanagerFixtureTests).
`scripts/record/alertmanager-notifications.py resolve` records the second scenario (am_timeline_resolve.txt, see RESOLVE).

Everything listens on 127.0.0.1; the Alertmanager child is stopped by PID at the end. Takes ~55 s.
Scenario (offsets in ms from `base`; alert label sets are fixed here and in the Swift test):
  0      post A (HighCPU/a, warning, chan=slack) and C (DiskFull/c, startsAt one hour ago)
  3000   post B (HighCPU/b, critical, chan=slack) and D (HighCPU/z, no job)
  10000  post A resolved (endsAt = base+9500)
  15000  silence instance="b" for 1h
  20000  post E (NodeDown/c, critical): inhibits C (equal: instance)
  27000  post E resolved (endsAt = base+26500)
Output lines: `base <unix ms>`, `post <offset> <key> <startsAt> <endsAt>`, `silence <offset> <name> <value>`,
`recv <offset ms> <path> <user-agent>` followed by the raw body line (bodies end in one newline).
"""
import json, os, shutil, signal, subprocess, sys, tempfile, threading, time, urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # scripts/<job>/ → the repository
OUT = os.path.join(ROOT, 'Tests/KlaxonNotifyTests/Fixtures/am_timeline.txt')
GEN = 'http://prom:9090/graph?g0.expr=cpu<1&x>2'
ALERTS = {
    'A': ({'alertname': 'HighCPU', 'instance': 'a', 'job': 'node', 'severity': 'warning', 'chan': 'slack'},
          {'summary': 'CPU high on a <b>&"q"', 'description': 'ünï\nline2'}),
    'B': ({'alertname': 'HighCPU', 'instance': 'b', 'job': 'node', 'severity': 'critical', 'chan': 'slack'},
          {'summary': 'CPU high on b'}),
    'C': ({'alertname': 'DiskFull', 'instance': 'c', 'job': 'node', 'severity': 'warning'}, {}),
    'D': ({'alertname': 'HighCPU', 'instance': 'z', 'severity': 'warning', 'chan': 'slack'},
          {'summary': 'CPU high on z'}),
    'E': ({'alertname': 'NodeDown', 'instance': 'c', 'job': 'node', 'severity': 'critical'}, {}),
    'L': ({'alertname': 'Long' + 'x' * 1100, 'instance': 'l'}, {}),
}
# Scenario "resolve": one receiver with a webhook (send_resolved default true) and a Slack integration
# (send_resolved default false). 0: A, B, L fire; 3000: A resolved (2500); 7000: B resolved (6500);
# 11000: C' (HighCPU/c) fires. Slack must stay quiet on resolutions but its log still clears.
RESOLVE_CONFIG = """
route:
  receiver: both
  group_by: [alertname]
  group_wait: 1s
  group_interval: 4s
  repeat_interval: 1h
receivers:
  - name: both
    webhook_configs:
      - url: http://127.0.0.1:{sink}/hook
    slack_configs:
      - api_url: http://127.0.0.1:{sink}/slack
        icon_emoji: ':fire:'
        link_names: true
        short_fields: true
        fields: [{title: t, value: v}, {title: u, value: w, short: false}]
        image_url: http://img.example/x.png
"""
ALERTS['A2'] = ({'alertname': 'HighCPU', 'instance': 'a'}, {})
ALERTS['B2'] = ({'alertname': 'HighCPU', 'instance': 'b'}, {})
ALERTS['C2'] = ({'alertname': 'HighCPU', 'instance': 'c'}, {})
CONFIG = """
global:
  resolve_timeout: 5m
route:
  receiver: hook
  group_by: [alertname]
  group_wait: 2s
  group_interval: 6s
  repeat_interval: 20s
  routes:
    - receiver: slack
      matchers: ['chan="slack"']
      continue: true
    - receiver: hook
      matchers: ['alertname=~".+"']
receivers:
  - name: hook
    webhook_configs:
      - url: http://127.0.0.1:{sink}/hook
      - url: http://127.0.0.1:{sink}/hook-trunc
        max_alerts: 1
  - name: slack
    slack_configs:
      - api_url: http://127.0.0.1:{sink}/slack
        channel: '#alerts'
        send_resolved: true
inhibit_rules:
  - source_matchers: [severity="critical"]
    target_matchers: [severity="warning"]
    equal: [instance]
"""
LINES = []
LOCK = threading.Lock()
BASE = [0]


def now_ms():
    return int(time.time() * 1000)


def rfc3339(ms):
    t = time.gmtime(ms // 1000)
    frac = ('%03d' % (ms % 1000)).rstrip('0')
    return time.strftime('%Y-%m-%dT%H:%M:%S', t) + ('.' + frac if frac else '') + 'Z'


class Sink(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get('Content-Length') or 0))
        with LOCK:
            LINES.append('recv %d %s %s' % (now_ms() - BASE[0], self.path, self.headers.get('User-Agent')))
            LINES.append(body.decode('utf-8').rstrip('\n'))
            assert body.endswith(b'\n') and body.count(b'\n') == 1
        self.send_response(200)
        self.send_header('Content-Length', '2')
        self.end_headers()
        self.wfile.write(b'ok')

    def log_message(self, *args):
        pass


def post(am, path, payload):
    req = urllib.request.Request('http://127.0.0.1:%d%s' % (am, path), data=json.dumps(payload).encode(),
                                 headers={'Content-Type': 'application/json'})
    return urllib.request.urlopen(req, timeout=5).read()


def post_alert(am, key, starts, ends):
    labels, annotations = ALERTS[key]
    with LOCK:
        LINES.append('post %d %s %d %d' % (now_ms() - BASE[0], key, starts, ends))
    post(am, '/api/v2/alerts', [{'labels': labels, 'annotations': annotations, 'startsAt': rfc3339(starts),
                                  'endsAt': rfc3339(ends), 'generatorURL': GEN}])


def wait_until(offset):
    delay = BASE[0] + offset - now_ms()
    if delay > 0:
        time.sleep(delay / 1000)


def main():
    sink = ThreadingHTTPServer(('127.0.0.1', 0), Sink)
    threading.Thread(target=sink.serve_forever, daemon=True).start()
    resolve = len(sys.argv) > 1 and sys.argv[1] == 'resolve'
    out = OUT.replace('.txt', '_resolve.txt') if resolve else OUT
    tmp = tempfile.mkdtemp(prefix='klaxon-am-')
    with open(os.path.join(tmp, 'am.yml'), 'w') as f:
        f.write((RESOLVE_CONFIG if resolve else CONFIG).replace('{sink}', str(sink.server_address[1])))
    am_port = 39893
    proc = subprocess.Popen(['/usr/bin/prometheus-alertmanager', '--config.file=' + os.path.join(tmp, 'am.yml'),
                             '--storage.path=' + tmp, '--web.listen-address=127.0.0.1:%d' % am_port,
                             '--cluster.listen-address=', '--web.external-url=http://am.example:9093'],
                            stdout=subprocess.DEVNULL, stderr=open(os.path.join(tmp, 'am.log'), 'w'))
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen('http://127.0.0.1:%d/-/ready' % am_port, timeout=1)
                break
            except Exception:
                time.sleep(0.1)
        BASE[0] = now_ms()
        base = BASE[0]
        LINES.append('base %d' % base)
        if resolve:
            run_resolve(am_port, base)
            return write(out, tmp)
        post_alert(am_port, 'A', base, base + 240000)
        post_alert(am_port, 'C', base - 3600000, base + 240000)
        wait_until(3000)
        post_alert(am_port, 'B', base + 3000, base + 240000)
        post_alert(am_port, 'D', base + 3000, base + 240000)
        wait_until(10000)
        post_alert(am_port, 'A', base, base + 9500)
        wait_until(15000)
        with LOCK:
            LINES.append('silence %d instance b' % (now_ms() - base))
        post(am_port, '/api/v2/silences', {'matchers': [{'name': 'instance', 'value': 'b', 'isRegex': False}],
                                           'startsAt': rfc3339(now_ms()), 'endsAt': rfc3339(now_ms() + 3600000),
                                           'createdBy': 'me', 'comment': 'test'})
        wait_until(20000)
        post_alert(am_port, 'E', base + 20000, base + 240000)
        wait_until(27000)
        post_alert(am_port, 'E', base + 20000, base + 26500)
        wait_until(50000)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        sink.shutdown()
    return write(out, tmp)


def run_resolve(am, base):
    for key in ('A2', 'B2', 'L'):
        post_alert(am, key, base, base + 240000)
    wait_until(3000)
    post_alert(am, 'A2', base, base + 2500)
    wait_until(7000)
    post_alert(am, 'B2', base, base + 6500)
    wait_until(11000)
    post_alert(am, 'C2', base + 11000, base + 240000)
    wait_until(16000)


def write(out, tmp):
    with LOCK:
        with open(out, 'w') as f:
            f.write('\n'.join(LINES) + '\n')
    shutil.rmtree(tmp, ignore_errors=True)
    print('wrote %s (%d lines)' % (out, len(LINES)))


if __name__ == '__main__':
    sys.exit(main())
