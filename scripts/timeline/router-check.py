#!/usr/bin/env python3
# Usage: scripts/timeline/router-check.py Benchmarks/results/timeline/alert_timeline_klaxon_<stamp>.json
# Checks a timeline's notifications against Alertmanager 0.25 grouping (group_wait 10s, group_interval 30s, repeat 2m, send_resolved) given the
# alerts' own startsAt/endsAt in the webhook bodies: first flush at startsAt + group_wait, later ones on the
# group_interval grid, no unchanged repeat before repeat_interval, every grid tick where the firing set changed
# notified. Heuristic (1.5 s tolerance; an alert reaching the router just after a tick is reported as a miss).
import json, sys
tl = json.load(open(sys.argv[1]))
W, I, R, tol = 10, 30, 120, 1.5
# alerts per group, keyed by (instance, startsAt, labels), from the webhook bodies
alerts = {}
for n in tl['notifications']:
    for a in n['alert_details']:
        alerts.setdefault(n['group_alertname'], {})[(a.get('instance'), a.get('startsAt_t'), str(a.get('labels')))] = a
bad = 0
for g, notes in sorted((k, [x for x in tl['notifications'] if x['group_alertname'] == k]) for k in {x['group_alertname'] for x in tl['notifications']}):
    al = list(alerts[g].values())
    start = min(a['startsAt_t'] for a in al)
    first = start + W
    problems = []
    if abs(notes[0]['t'] - first) > tol:
        problems.append('first %.1f, expected startsAt+group_wait %.1f' % (notes[0]['t'], first))
    base = notes[0]['t']
    last_firing, last_sent = None, None
    for n in notes:
        k = (n['t'] - base) / I
        if abs(k - round(k)) * I > tol:
            problems.append('%.1f not on the group_interval grid from %.1f' % (n['t'], base))
        firing = {(a['instance'], a['startsAt_t']) for a in n['alert_details'] if a['status'] == 'firing'}
        if last_firing is not None and firing == last_firing and not any(a['status'] == 'resolved' for a in n['alert_details']):
            if n['t'] - last_sent < R - tol:
                problems.append('%.1f repeats an unchanged firing set after %.1fs (< repeat_interval)' % (n['t'], n['t'] - last_sent))
        for a in n['alert_details']:
            e = a.get('endsAt_t')
            if a['status'] == 'resolved' and (e is None or e > n['t']):
                problems.append('%.1f resolved alert with endsAt %s' % (n['t'], e))
            if a['status'] == 'firing' and a['startsAt_t'] > n['t']:
                problems.append('%.1f firing alert starts later' % n['t'])
        last_firing, last_sent = firing, n['t']
    # every group tick where the firing set changed must have produced a notification
    sent = [round((n['t'] - base) / I) for n in notes]
    def state_at(t):
        f = set(); r = set()
        for a in al:
            if a['startsAt_t'] <= t and (a.get('endsAt_t') is None or a['endsAt_t'] > t): f.add((a['instance'], a['startsAt_t']))
        return f
    prev = state_at(base)
    for k in range(1, int((tl['notifications'][-1]['t'] - base) / I) + 1):
        t = base + k * I
        now = state_at(t)
        if now != prev and k not in sent:
            problems.append('tick %.1f: firing set changed (%d -> %d) but no notification' % (t, len(prev), len(now)))
        if k in sent: prev = now
    print('%-26s %d notifications: %s' % (g, len(notes), 'consistent' if not problems else '; '.join(problems)))
    bad += bool(problems)
print('groups with a problem:', bad)
