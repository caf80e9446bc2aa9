"""Parse the benchmark's console output and make the comparison tables.

The benchmark program (bench/main.c) prints, on Ember and on Linux alike:

    BENCH-CLOCK <hz> Hz                      the calibrated TSC frequency
    BENCH <metric> <median> ticks n=<count>  TSC ticks per operation
    BENCH <metric> <median> MB/s n=<count>
    BENCH <metric> skip <reason>
    BENCH done
and the systems add:
    BOOT-TSC <ticks>                         the TSC when the boot's first shell
                                             script runs its first command
    BENCH-KERNEL <metric> <value> <unit> [<reference>]   Ember's kernel figures
    BENCH-NOTE <text>                        how this boot's figures were taken
    BENCH-ERROR <text>                       the baseline's init could not run

Two clocks. Under "icount" (-icount shift=0,sleep=off) a tick is one guest
instruction, and figures stay in ticks ("instr"). Under "wall" (plain TCG)
ticks become microseconds with the frequency each boot calibrated, and the
figures of several boots are reduced to their median. A ratio is always
Ember's cost over Linux's: time over time, and for throughput Linux's MB/s
over Ember's, so above 1 means Ember is slower. The summary is the geometric
mean of the ratios of the metrics both systems measured.

Nothing here runs QEMU (run.py does), so the tests can feed it text.
"""
import csv
import io
import math
import os
import re
import statistics
import subprocess
from dataclasses import dataclass, field

CLOCK_TITLES = {
    'icount': 'instruction time (TCG, -icount shift=0,sleep=off): guest instructions',
    'wall': 'wall time (plain TCG): microseconds, medians of the boots',
}

CLOCK_NOTES = {
    'icount': 'a busy guest\'s clock counts instructions; an idle one (waiting for the disk '
              'or a timer) jumps to its next timer event, so figures that wait include that jump',
    'wall': 'ratios within about 10 % are noise',
}

FIGURE_RE = re.compile(r'^BENCH (\S+) ([0-9.eE+-]+) (ticks|MB/s) n=(\d+)\s*$')
SKIP_RE = re.compile(r'^BENCH (\S+) skip ?(.*?)\s*$')
CLOCK_RE = re.compile(r'^BENCH-CLOCK ([0-9.eE+]+) Hz')
BOOT_RE = re.compile(r'^BOOT-TSC (\d+)')
KERNEL_RE = re.compile(r'^BENCH-KERNEL (\S+) ([0-9.eE+-]+) (\S+)\s*(.*?)\s*$')
ERROR_RE = re.compile(r'^BENCH-ERROR (.*?)\s*$')
NOTE_RE = re.compile(r'^BENCH-NOTE (.*?)\s*$')
UNSUPPORTED_RE = re.compile(r'not supported', re.IGNORECASE)


@dataclass
class Figure:
    value: float
    unit: str  # 'ticks' or 'MB/s' as printed; 'instr', 'us' or 'MB/s' once converted
    count: int = 1


@dataclass
class Skip:
    reason: str


@dataclass
class KernelFigure:
    metric: str
    value: float
    unit: str
    reference: str


@dataclass
class Boot:
    """What one boot printed."""
    done: bool = False
    tsc_hz: float = None
    boot_tsc: int = None
    metrics: dict = field(default_factory=dict)  # name -> Figure or Skip, in order
    kernel: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    unsupported: str = None
    problem: str = None  # set by the runner: why this boot gave no figures


def parse_console(text):
    """Read the BENCH lines out of a serial console log."""
    boot = Boot()
    for raw in text.splitlines():
        line = raw.strip().replace('\r', '')
        parse_line(boot, line)
    return boot


def parse_line(boot, line):
    if line == 'BENCH done':
        boot.done = True
    elif m := FIGURE_RE.match(line):
        boot.metrics[m[1]] = Figure(float(m[2]), m[3], int(m[4]))
    elif m := SKIP_RE.match(line):
        boot.metrics[m[1]] = Skip(m[2] or 'skipped')
    elif m := CLOCK_RE.match(line):
        boot.tsc_hz = float(m[1])
    elif m := BOOT_RE.match(line):
        boot.boot_tsc = int(m[1])
    elif m := KERNEL_RE.match(line):
        boot.kernel.append(KernelFigure(m[1], float(m[2]), m[3], m[4]))
    elif m := ERROR_RE.match(line):
        boot.errors.append(m[1])
    elif m := NOTE_RE.match(line):
        if m[1] not in boot.notes:
            boot.notes.append(m[1])
    elif boot.unsupported is None and UNSUPPORTED_RE.search(line):
        boot.unsupported = line


@dataclass
class Summary:
    """One system's figures in one clock, over its boots."""
    figures: dict = field(default_factory=dict)  # name -> Figure (converted) or Skip
    boot_time: Figure = None
    kernel: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    boots: int = 0
    problem: str = None  # set when the system gave no figures at all


def convert(value, unit, clock, hz):
    """A figure in the clock's display unit, or None when it cannot be converted."""
    if unit == 'MB/s':
        return Figure(value, 'MB/s')
    if clock == 'icount':
        return Figure(value, 'instr')
    if not hz:
        return None
    return Figure(value / hz * 1e6, 'us')


def summarize(boots, clock, fallback_hz=None):
    """Reduce a system's boots to medians; boots that failed only count in problem."""
    good = [b for b in boots if b.done]
    summary = Summary(boots=len(good))
    if not good:
        summary.problem = next((b.problem for b in boots if b.problem), 'no boots')
    names = []
    for b in boots:
        names += [n for n in b.metrics if n not in names]
    for name in names:
        summary.figures[name] = median_figure(good, name, clock, fallback_hz)
    summary.boot_time = boot_time(boots, clock, fallback_hz)
    summary.kernel = kernel_figures(good, clock, fallback_hz)
    for b in boots:
        summary.notes += [n for n in b.notes if n not in summary.notes]
    return summary


def median_figure(boots, name, clock, fallback_hz):
    values, unit, count, reason = [], None, 0, None
    for b in boots:
        figure = b.metrics.get(name)
        if isinstance(figure, Skip):
            reason = reason or figure.reason
            continue
        if figure is None:
            continue
        converted = convert(figure.value, figure.unit, clock, b.tsc_hz or fallback_hz)
        if converted is None:
            reason = reason or 'no calibrated clock'
            continue
        values.append(converted.value)
        unit = converted.unit
        count += figure.count
    if not values:
        return Skip(reason or 'not measured')
    return Figure(statistics.median(values), unit, count)


def boot_time(boots, clock, fallback_hz):
    """The median BOOT-TSC: instructions, or seconds in wall time."""
    values = []
    for b in boots:
        if b.boot_tsc is None:
            continue
        hz = b.tsc_hz or fallback_hz
        if clock == 'icount':
            values.append(Figure(b.boot_tsc, 'instr'))
        elif hz:
            values.append(Figure(b.boot_tsc / hz, 's'))
    if not values:
        return None
    return Figure(statistics.median(v.value for v in values), values[0].unit, len(values))


def kernel_figures(boots, clock, fallback_hz):
    """BENCH-KERNEL lines, median per metric, ticks converted like the rest."""
    by_metric = {}
    for b in boots:
        for k in b.kernel:
            figure = convert(k.value, k.unit, clock, b.tsc_hz or fallback_hz) \
                if k.unit in ('ticks', 'MB/s') else Figure(k.value, k.unit)
            if figure is not None:
                by_metric.setdefault(k.metric, []).append((figure, k.reference))
    result = []
    for metric, entries in by_metric.items():
        value = statistics.median(f.value for f, _ in entries)
        result.append(KernelFigure(metric, value, entries[0][0].unit, entries[0][1]))
    return result


@dataclass
class Row:
    metric: str
    unit: str
    ember: object  # Figure or Skip
    linux: object
    ratio: float = None


def cost_ratio(ember, linux):
    """Ember's cost over Linux's, or None when either figure is missing."""
    if not isinstance(ember, Figure) or not isinstance(linux, Figure):
        return None
    if ember.value <= 0 or linux.value <= 0:
        return None
    if ember.unit == 'MB/s':
        return linux.value / ember.value
    return ember.value / linux.value


def compare(ember, linux):
    """One row per metric either system reported, Linux's order first."""
    names = list(linux.figures) + [n for n in ember.figures if n not in linux.figures]
    rows = []
    for name in names:
        e = ember.figures.get(name) if not ember.problem else Skip(ember.problem)
        l = linux.figures.get(name) if not linux.problem else Skip(linux.problem)
        e = e or Skip('not reported')
        l = l or Skip('not reported')
        unit = next((f.unit for f in (l, e) if isinstance(f, Figure)), '')
        rows.append(Row(name, unit, e, l, cost_ratio(e, l)))
    return rows


def geometric_mean(values):
    values = [v for v in values if v]
    if not values:
        return None
    return math.exp(sum(math.log(v) for v in values) / len(values))


def format_value(figure):
    if isinstance(figure, Skip):
        return 'n/a'
    if figure.unit == 'MB/s':
        return f'{figure.value:.1f}'
    if figure.unit in ('us', 's'):
        return f'{figure.value:.3f}' if figure.value < 100 else f'{figure.value:.1f}'
    return f'{figure.value:.0f}'


def format_ratio(ratio):
    return f'{ratio:.2f}' if ratio else '-'


def render_table(rows):
    lines = [f'{"metric":<20} {"unit":<6} {"Ember":>14} {"Linux":>14} {"Ember/Linux":>12}']
    for r in rows:
        lines.append(f'{r.metric:<20} {r.unit:<6} {format_value(r.ember):>14} '
                     f'{format_value(r.linux):>14} {format_ratio(r.ratio):>12}')
    gm = geometric_mean([r.ratio for r in rows])
    n = sum(1 for r in rows if r.ratio)
    lines.append(f'geometric mean of {n} ratios: {format_ratio(gm)}')
    return lines


def render_reasons(rows, ember, linux):
    """Why a figure is missing, once per system and reason."""
    lines = []
    for name, summary, column in (('Ember', ember, 'ember'), ('Linux', linux, 'linux')):
        if summary.problem:
            lines.append(f'{name}: n/a: {summary.problem}')
            continue
        for r in rows:
            figure = getattr(r, column)
            if isinstance(figure, Skip):
                lines.append(f'{name} {r.metric}: {figure.reason}')
    return lines


def render_notes(ember, linux):
    """The BENCH-NOTE lines: how a system's figures were taken."""
    return [f'{name}: {n}' for name, summary in (('Ember', ember), ('Linux', linux))
            for n in summary.notes]


def render_boot_times(ember, linux):
    lines = ['boot time, from BOOT-TSC: Linux to its /init script, Ember to its first shell',
             '(init, /etc/rc, then the boot script\'s first command), each from the reset:']
    for name, summary in (('Ember', ember), ('Linux', linux)):
        t = summary.boot_time
        lines.append(f'  {name:<6} ' + (f'{format_value(t)} {t.unit}' if t else 'n/a'))
    return lines


# What each kernel figure is measured against, printed beside it (in place
# of whatever reference the in-OS test itself prints).
KERNEL_REFERENCES = {
    'ipc_call_reply_address_spaces': 'target <= 500 instructions cross-address-space round trip; '
                                     'seL4 x86-64: 375 cycles call, 382 reply',
    'ipc_call_reply_threads': 'call + reply between two threads of one address space',
    'notify_round_trip': 'notification there and back between two address spaces',
    'null_kernel_call': 'a kernel call that does nothing',
    'null_trap': 'the bare trap: a call the kernel refuses at once',
    'kernel_size': 'code lines (not blank, not only comments) of kernel/ .c .h .S; '
                   'must stay under 12,000',
}

KERNEL_SIZE_LIMIT = 12000
GEOMEAN_TARGET = 2.0
WORST_RATIO_TARGET = 5.0


def render_kernel(ember):
    if not ember.kernel:
        return ['Ember kernel figures (BENCH-KERNEL): none reported']
    lines = ['Ember kernel figures (BENCH-KERNEL):',
             f'  {"metric":<30} {"value":>10} {"unit":<6} reference']
    for k in ember.kernel:
        reference = KERNEL_REFERENCES.get(k.metric, k.reference)
        lines.append(f'  {k.metric:<30} {format_value(Figure(k.value, k.unit)):>10} '
                     f'{k.unit:<6} {reference}')
    return lines


def render_targets(clock, rows, ember, linux):
    """The spec's targets, each with its verdict and the figures behind it."""
    ratios = [r for r in rows if r.ratio]
    if not ratios:
        return ['targets: no metric has figures from both systems']
    gm = geometric_mean([r.ratio for r in ratios])
    over = sorted((r for r in ratios if r.ratio > WORST_RATIO_TARGET), key=lambda r: -r.ratio)
    lines = ['targets:',
             f'  geometric mean <= {GEOMEAN_TARGET:.1f}: {format_ratio(gm)} '
             + ('met' if gm <= GEOMEAN_TARGET else f'missed by {gm / GEOMEAN_TARGET:.2f}x'),
             f'  no metric worse than {WORST_RATIO_TARGET:.0f}x: '
             + ('met' if not over else 'missed: ' + ', '.join(
                 f'{r.metric} {r.ratio:.2f}' for r in over))]
    e, l = ember.boot_time, linux.boot_time
    if clock == 'icount' and e and l:
        verdict = 'met' if e.value < l.value else 'missed'
        lines.append(f'  boot to the shell prompt in fewer instructions than Linux to init: '
                     f'{format_value(e)} vs {format_value(l)} ({e.value / l.value:.3f}), '
                     f'{verdict}')
    size = next((k for k in ember.kernel if k.metric == 'kernel_size'), None)
    if size:
        lines.append(f'  kernel under {KERNEL_SIZE_LIMIT:,} lines: {size.value:.0f}, '
                     + ('met' if size.value < KERNEL_SIZE_LIMIT else 'missed'))
    return lines


def render_report(clock, meta, ember, linux):
    """The whole text report of one clock. meta: ordered (label, text) pairs."""
    rows = compare(ember, linux)
    out = [f'Ember vs Linux, {CLOCK_TITLES.get(clock, clock)}']
    out += [f'{label}: {text}' for label, text in meta]
    out += ['', 'ratio = Ember\'s cost / Linux\'s cost (time, or inverse throughput): '
            'above 1, Ember is slower']
    if clock in CLOCK_NOTES:
        out.append(f'note: {CLOCK_NOTES[clock]}')
    out.append('')
    out += render_table(rows)
    reasons = render_reasons(rows, ember, linux)
    if reasons:
        out += ['', 'missing figures:'] + ['  ' + r for r in reasons]
    notes = render_notes(ember, linux)
    if notes:
        out += ['', 'notes:'] + ['  ' + n for n in notes]
    out += [''] + render_boot_times(ember, linux)
    out += [''] + render_kernel(ember)
    out += [''] + render_targets(clock, rows, ember, linux)
    return '\n'.join(out) + '\n', rows


def render_csv(clock, rows):
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(['clock', 'metric', 'unit', 'ember', 'linux', 'ratio', 'ember_note',
                     'linux_note'])
    for r in rows:
        writer.writerow([clock, r.metric, r.unit, csv_value(r.ember), csv_value(r.linux),
                         f'{r.ratio:.4f}' if r.ratio else '', csv_note(r.ember),
                         csv_note(r.linux)])
    return buf.getvalue()


def csv_value(figure):
    return f'{figure.value:.6g}' if isinstance(figure, Figure) else ''


def csv_note(figure):
    return figure.reason if isinstance(figure, Skip) else f'n={figure.count}'


def code_lines(text):
    """Non-blank lines of C or assembly (.S) that hold more than comments."""
    out, i, n, in_comment = [], 0, len(text), False
    line_has_code, quote = False, None
    while i < n:
        c = text[i]
        if c == '\n':
            out.append(line_has_code)
            line_has_code, i = False, i + 1
            continue
        if in_comment:
            if text.startswith('*/', i):
                in_comment, i = False, i + 2
            else:
                i += 1
            continue
        if quote:
            if c == '\\':
                i += 2
                continue
            if c == quote:
                quote = None
            i += 1
            continue
        if text.startswith('/*', i):
            in_comment, i = True, i + 2
        elif text.startswith('//', i):
            i = text.find('\n', i)
            i = n if i < 0 else i
        else:
            if c in '"\'':
                quote = c
            if not c.isspace():
                line_has_code = True
            i += 1
    if line_has_code:
        out.append(True)
    return sum(out)


def kernel_line_count(kernel_dir):
    """The kernel's size: code lines of its .c, .h and .S files."""
    total = 0
    for root, _, files in os.walk(kernel_dir):
        for name in files:
            if name.endswith(('.c', '.h', '.S')):
                with open(os.path.join(root, name), encoding='utf-8', errors='replace') as f:
                    total += code_lines(f.read())
    return total


def plot_ratios(rows, png_path, title):
    """A bar chart of the ratios with gnuplot; False when no metric has one.

    The axis is logarithmic and each bar starts at 1 (a metric twice as
    fast goes as far down as one twice as slow goes up), with lines at the
    geometric mean's target and at the worst ratio allowed; a bar is green
    within the mean's target, orange within the worst allowed, red beyond."""
    data = [(r.metric, r.ratio) for r in rows if r.ratio]
    if not data:
        return False

    def color(ratio):
        if ratio <= GEOMEAN_TARGET:
            return 0x4f9a4f
        return 0xe08a1e if ratio <= WORST_RATIO_TARGET else 0xc0504d

    table = ''.join(f'"{m}" {ratio:.4f} {color(ratio)}\n' for m, ratio in data)
    low = min(0.5, min(r for _, r in data) / 1.3)
    high = max(WORST_RATIO_TARGET * 1.5, max(r for _, r in data) * 1.3)
    script = f"""
set terminal pngcairo size 1100,600 font ",10" noenhanced
set output "{png_path}"
set title "{title}"
set ylabel "Ember / Linux (above 1: Ember slower; log scale)"
set logscale y
set yrange [{low:.3f}:{high:.3f}]
set ytics (0.25, 0.5, 1, 2, 5, 10, 20, 50, 100)
set style fill solid 0.8 border -1
set boxwidth 0.7
set xrange [-0.6:{len(data) - 0.4}]
set xtics rotate by -40 scale 0
set grid ytics
set key outside top center horizontal
$ratios << EOD
{table}EOD
plot $ratios using 0:2:($0 - 0.35):($0 + 0.35):(1):2:3:xtic(1) with boxxyerror \\
         fillstyle solid 0.8 border -1 linecolor rgb variable notitle, \\
     1 with lines linewidth 1.5 linecolor rgb "black" title "as fast as Linux", \\
     {GEOMEAN_TARGET} with lines linewidth 2 dashtype 2 linecolor rgb "#4f9a4f" \\
         title "geometric mean target ({GEOMEAN_TARGET:g}x)", \\
     {WORST_RATIO_TARGET} with lines linewidth 2 dashtype 2 linecolor rgb "#c0504d" \\
         title "worst ratio allowed ({WORST_RATIO_TARGET:g}x)"
"""
    subprocess.run(['gnuplot'], input=script, text=True, check=True, capture_output=True)
    return True
