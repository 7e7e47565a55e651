#!/usr/bin/env python3
"""Records the v2 API responses of the real Alertmanager 0.25 (/usr/bin/prometheus-alertmanager) for the
scenario of Tests/KlaxonNotifyTests/Fixtures/v2api/README.md into that directory (<case>.body, exact bytes;
post_alerts.json is the body posted in step 1). AlertmanagerV2APITests replays the scenario, taking times and
silence ids from the recorded bodies, and compares byte for byte. Listens on 127.0.0.1:19493; the child is
stopped by PID. Takes ~5 s."""
import datetime, json, os, signal, subprocess, tempfile, time, urllib.error, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # scripts/<job>/ → the repository
DIR = os.path.join(ROOT, 'Tests/KlaxonNotifyTests/Fixtures/v2api')
BASE = 'http://127.0.0.1:19493/api/v2'

def call(method, path, body=None):
    data = body.encode() if isinstance(body, str) else body
    request = urllib.request.Request(BASE + path, data=data, method=method,
                                     headers={'Content-Type': 'application/json'} if data is not None else {})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()

def record(name, method, path, body=None):
    status, data = call(method, path, body)
    with open(os.path.join(DIR, name + '.body'), 'wb') as f:
        f.write(data)
    return status, data

def main():
    os.makedirs(DIR, exist_ok=True)
    storage = tempfile.mkdtemp()
    child = subprocess.Popen(['/usr/bin/prometheus-alertmanager', '--config.file=' + os.path.join(DIR, 'am.yml'),
                              '--storage.path=' + storage, '--web.listen-address=127.0.0.1:19493',
                              '--cluster.listen-address=', '--web.external-url=http://am.example:9093'],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(50):
            try:
                call('GET', '/status')
                break
            except Exception:
                time.sleep(0.1)
        start = (datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=13))
        alerts = [
            {'labels': {'alertname': 'HighCPU', 'instance': 'a', 'severity': 'warning'},
             'annotations': {'summary': 's <b>'}, 'generatorURL': 'http://prom/graph?g0.expr=x&y',
             'startsAt': start.strftime('%Y-%m-%dT%H:%M:%S.123Z')},
            {'labels': {'alertname': 'NodeDown', 'instance': 'a', 'severity': 'critical'}},
            {'labels': {'alertname': 'HighCPU', 'instance': 'b', 'severity': 'warning'}},
        ]
        body = json.dumps(alerts, separators=(',', ':'))
        with open(os.path.join(DIR, 'post_alerts.json'), 'w') as f:
            f.write(body)
        call('POST', '/alerts', body)
        silence = lambda matchers, by, comment: json.dumps({
            'matchers': matchers, 'startsAt': '2020-01-01T00:00:00Z', 'endsAt': '2030-01-01T00:00:00Z',
            'createdBy': by, 'comment': comment})
        _, data = call('POST', '/silences', silence([{'name': 'instance', 'value': 'b', 'isRegex': False,
                                                      'isEqual': True}], 'me', 'c'))
        first = json.loads(data)['silenceID']
        time.sleep(0.5)
        record('alerts_filter2', 'GET', '/alerts?filter=alertname%3DHighCPU&filter=instance%3D~%22a%7Cb%22')
        record('alerts_nosilenced', 'GET', '/alerts?silenced=false&inhibited=false')
        record('alerts_receiver', 'GET', '/alerts?receiver=hook')
        record('alerts_filter', 'GET', '/alerts?filter=instance%3D%22a%22')
        record('silence_get', 'GET', '/silence/' + first)
        record('silence_404', 'GET', '/silence/00000000-0000-0000-0000-000000000000')
        record('silence_badid', 'GET', '/silence/xyz')
        record('alerts_badfilter', 'GET', '/alerts?filter=%3D%3D')
        record('alerts_empty_labels', 'POST', '/alerts', '[{"labels":{}}]')
        record('alerts_bad_json', 'POST', '/alerts', 'nope')
        record('alerts_post_ok', 'POST', '/alerts', '[]')
        record('alerts_bad_label', 'POST', '/alerts', '[{"labels":{"a-b":"x"}}]')
        record('alerts_ends_before', 'POST', '/alerts', '[{"labels":{"a":"x"},"startsAt":"2026-11-25T10:00:00Z",'
               '"endsAt":"2026-11-25T09:00:00Z"}]')
        record('silence_post_bad', 'POST', '/silences', '{"matchers":[],"startsAt":"2026-11-25T10:00:00Z",'
               '"endsAt":"2030-01-01T00:00:00Z","createdBy":"me","comment":"c"}')
        record('silence_post_endsbefore', 'POST', '/silences', '{"matchers":[{"name":"a","value":"b","isRegex":false}],'
               '"startsAt":"2026-11-25T10:00:00Z","endsAt":"2020-01-01T00:00:00Z","createdBy":"x","comment":"c"}')
        record('unknown', 'GET', '/nothing')
        record('receivers', 'GET', '/receivers')
        call('POST', '/silences', silence([{'name': 'a', 'value': 'b', 'isRegex': False}], '', 'c'))
        record('silence_delete', 'DELETE', '/silence/' + first)
        time.sleep(0.2)
        call('POST', '/silences', silence([{'name': 'instance', 'value': 'b', 'isRegex': False, 'isEqual': True},
                                           {'name': 'alertname', 'value': 'High.*', 'isRegex': True, 'isEqual': True}],
                                          'me', 'second'))
        time.sleep(0.1)
        record('alerts_all', 'GET', '/alerts')
        record('groups', 'GET', '/alerts/groups')
        record('silences_all', 'GET', '/silences')
    finally:
        child.send_signal(signal.SIGTERM)
        child.wait()
    print('recorded into', DIR)

main()
