/*
 * sed: the executor. Each cycle reads a line into the pattern space,
 * runs the commands over it and prints it (unless -n). Input is read one
 * line ahead so that '$' knows the last line. Text queued by a and r is
 * written at the end of the cycle or when n or N read the next line.
 *
 * A last input line without a newline is printed without one, as GNU sed
 * does; anything printed after it first gets the missing newline.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "sed.h"

struct sed_buffer {
    char *text;
    size_t len, cap;
};

struct sed_state {
    struct sed_script *script;
    FILE *out;
    char **files;
    int nfiles, next_file;
    FILE *in;
    struct sed_buffer lookahead; /* the next line, read ahead */
    int have_lookahead, lookahead_newline;
    long lineno;
    int missing_newline; /* the current line had none */
    int out_owes_newline;
    struct sed_buffer pattern, hold;
    const regex_t *last_re;
    int replaced; /* for t: a substitution since the last line was read */
    struct sed_cmd **queue;
    int nqueue;
    int status;
    int quit;
};

static void reserve(struct sed_buffer *b, size_t need)
{
    if (need + 1 <= b->cap)
        return;
    while (b->cap < need + 1)
        b->cap = b->cap ? b->cap * 2 : 256;
    if (!(b->text = realloc(b->text, b->cap)))
        cmd_diex(4, "out of memory");
}

static void append(struct sed_buffer *b, const char *text, size_t len)
{
    reserve(b, b->len + len);
    memcpy(b->text + b->len, text, len);
    b->len += len;
    b->text[b->len] = '\0';
}

static void assign(struct sed_buffer *b, const char *text, size_t len)
{
    b->len = 0;
    append(b, text, len);
}

static void write_out(struct sed_state *st, const char *text, size_t len, int newline)
{
    if (st->out_owes_newline) {
        putc('\n', st->out);
        st->out_owes_newline = 0;
    }
    fwrite(text, 1, len, st->out);
    if (newline && !st->missing_newline)
        putc('\n', st->out);
    else if (newline)
        st->out_owes_newline = 1;
}

/* Open the next input file; 0 when there is none. */
static int open_next_file(struct sed_state *st)
{
    while (st->next_file < st->nfiles) {
        const char *name = st->files[st->next_file++];

        st->in = strcmp(name, "-") == 0 ? stdin : fopen(name, "r");
        if (st->in)
            return 1;
        cmd_warn("%s", name);
        st->status = 2;
    }
    return 0;
}

/* Read the next line into the look-ahead buffer. */
static void read_ahead(struct sed_state *st)
{
    int c = EOF;

    st->have_lookahead = 0;
    while (st->in || open_next_file(st)) {
        st->lookahead.len = 0;
        reserve(&st->lookahead, 0);
        while ((c = getc(st->in)) != EOF && c != '\n') {
            reserve(&st->lookahead, st->lookahead.len + 1);
            st->lookahead.text[st->lookahead.len++] = c;
        }
        st->lookahead.text[st->lookahead.len] = '\0';
        if (c != EOF || st->lookahead.len > 0) {
            st->have_lookahead = 1;
            st->lookahead_newline = c == '\n';
            return;
        }
        if (st->in != stdin)
            fclose(st->in);
        st->in = NULL;
    }
}

/* Replace (append == 0) or extend the pattern space with the next line; 0 at end. */
static int next_line(struct sed_state *st, int append_it)
{
    if (!st->have_lookahead)
        return 0;
    if (append_it) {
        append(&st->pattern, "\n", 1);
        append(&st->pattern, st->lookahead.text, st->lookahead.len);
    } else {
        assign(&st->pattern, st->lookahead.text, st->lookahead.len);
    }
    st->missing_newline = !st->lookahead_newline;
    st->lineno++;
    st->replaced = 0;
    read_ahead(st);
    return 1;
}

static int is_last_line(const struct sed_state *st)
{
    return !st->have_lookahead;
}

static int regex_matches(struct sed_state *st, const regex_t *re, const char *text, size_t nmatch,
                         regmatch_t *m, int eflags)
{
    if (!re)
        re = st->last_re;
    if (!re)
        cmd_diex(1, "no previous regular expression");
    st->last_re = re;
    return regexec(re, text, nmatch, m, eflags) == 0;
}

static int address_matches(struct sed_state *st, const struct sed_addr *a)
{
    switch (a->kind) {
    case ADDR_LINE:
        return st->lineno == a->line;
    case ADDR_LAST:
        return is_last_line(st);
    case ADDR_REGEX:
        return regex_matches(st, a->re, st->pattern.text, 0, NULL, 0);
    default:
        return 1;
    }
}

/* Does cmd apply to this line? Keeps the state of a1,a2 ranges. */
static int selects(struct sed_state *st, struct sed_cmd *cmd)
{
    int hit;

    if (cmd->a1.kind == ADDR_NONE) {
        hit = 1;
    } else if (cmd->a2.kind == ADDR_NONE) {
        hit = address_matches(st, &cmd->a1);
    } else if (!cmd->in_range) {
        hit = address_matches(st, &cmd->a1);
        if (hit)
            cmd->in_range = !(cmd->a2.kind == ADDR_LINE && cmd->a2.line <= st->lineno) &&
                            !(cmd->a2.kind == ADDR_LAST && is_last_line(st));
    } else {
        hit = 1;
        if (cmd->a2.kind == ADDR_LINE ? st->lineno >= cmd->a2.line : address_matches(st, &cmd->a2))
            cmd->in_range = 0;
    }
    return hit != cmd->negate;
}

static void flush_queue(struct sed_state *st)
{
    for (int i = 0; i < st->nqueue; i++) {
        struct sed_cmd *cmd = st->queue[i];
        char chunk[4096];
        size_t got;
        FILE *f;

        if (cmd->name == 'a') {
            write_out(st, cmd->text, strlen(cmd->text), 0);
            continue;
        }
        if (!(f = fopen(cmd->text, "r")))
            continue; /* r: a missing file is silently ignored */
        while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0)
            write_out(st, chunk, got, 0);
        fclose(f);
    }
    st->nqueue = 0;
}

static void enqueue(struct sed_state *st, struct sed_cmd *cmd)
{
    struct sed_cmd **grown = realloc(st->queue, (st->nqueue + 1) * sizeof(*grown));

    if (!grown)
        cmd_diex(4, "out of memory");
    st->queue = grown;
    st->queue[st->nqueue++] = cmd;
}

/* Expand the replacement for one match into out. */
static void expand_replacement(const char *rep, const char *base, const regmatch_t *m,
                               struct sed_buffer *out)
{
    for (; *rep; rep++) {
        int group = -1;

        if (*rep == '&')
            group = 0;
        else if (*rep == '\\' && rep[1] >= '0' && rep[1] <= '9')
            group = *++rep - '0';
        else if (*rep == '\\' && rep[1])
            rep++;
        if (group < 0)
            append(out, rep, 1);
        else if (m[group].rm_so >= 0)
            append(out, base + m[group].rm_so, m[group].rm_eo - m[group].rm_so);
    }
}

/* The s command; 1 if it replaced something. */
static int substitute(struct sed_state *st, const struct sed_subst *sub)
{
    static struct sed_buffer result;
    const char *text = st->pattern.text;
    size_t pos = 0, len = st->pattern.len, last_end = (size_t)-1;
    long count = 0;
    int done = 0;
    regmatch_t m[10];

    result.len = 0;
    reserve(&result, len);
    while (pos <= len && regex_matches(st, sub->re, text + pos, 10, m, pos ? REG_NOTBOL : 0)) {
        size_t so = pos + m[0].rm_so, eo = pos + m[0].rm_eo;

        if (so == eo && so == last_end) { /* no empty match right after a match */
            if (so < len)
                append(&result, text + so, 1);
            pos = so + 1;
            continue;
        }
        append(&result, text + pos, so - pos);
        if (++count >= sub->nth && (sub->global || count == sub->nth)) {
            expand_replacement(sub->replacement, text + pos, m, &result);
            done = 1;
        } else {
            append(&result, text + so, eo - so);
        }
        last_end = pos = eo;
        if (so == eo) {
            if (so < len)
                append(&result, text + so, 1);
            pos = so + 1;
        }
        if (done && !sub->global)
            break;
    }
    if (!done)
        return 0;
    if (pos < len)
        append(&result, text + pos, len - pos);
    assign(&st->pattern, result.text, result.len);
    return 1;
}

/* The l command: the pattern space with unprintable bytes escaped. */
static void list_pattern(struct sed_state *st)
{
    static const char escapes[] = "\\\\\aa\bb\ff\nn\rr\tt\vv";
    int column = 0;

    for (size_t i = 0; i < st->pattern.len; i++) {
        unsigned char c = st->pattern.text[i];
        const char *e = c ? strchr(escapes, c) : NULL;
        char piece[8];

        if (e && (e - escapes) % 2 == 0)
            snprintf(piece, sizeof(piece), "\\%c", e[1]);
        else if (c < 32 || c >= 127)
            snprintf(piece, sizeof(piece), "\\%03o", c);
        else
            snprintf(piece, sizeof(piece), "%c", c);
        if (column + strlen(piece) > 69) {
            write_out(st, "\\\n", 2, 0);
            column = 0;
        }
        write_out(st, piece, strlen(piece), 0);
        column += strlen(piece);
    }
    write_out(st, "$\n", 2, 0);
}

static void exchange(struct sed_state *st)
{
    struct sed_buffer swap = st->pattern;

    st->pattern = st->hold;
    st->hold = swap;
    reserve(&st->pattern, 0);
    st->pattern.text[st->pattern.len] = '\0';
}

/* End of cycle: print the pattern space (unless -n) and the queued text. */
static void end_cycle(struct sed_state *st, int print)
{
    if (print && !sed_opts.quiet)
        write_out(st, st->pattern.text, st->pattern.len, 1);
    flush_queue(st);
}

/* Outcomes of a command beyond "go on with the next one". */
enum sed_flow { FLOW_NEXT, FLOW_JUMP, FLOW_END_CYCLE, FLOW_DELETE, FLOW_RESTART, FLOW_QUIT };

static enum sed_flow run_text_command(struct sed_state *st, struct sed_cmd *cmd)
{
    switch (cmd->name) {
    case 'a':
    case 'r':
        enqueue(st, cmd);
        return FLOW_NEXT;
    case 'i':
        write_out(st, cmd->text, strlen(cmd->text), 0);
        return FLOW_NEXT;
    case 'c':
        if (!cmd->in_range || cmd->negate)
            write_out(st, cmd->text, strlen(cmd->text), 0);
        return FLOW_DELETE;
    case 'w':
        fwrite(st->pattern.text, 1, st->pattern.len, cmd->wfile);
        putc('\n', cmd->wfile);
        return FLOW_NEXT;
    case '=': {
        char number[32];

        snprintf(number, sizeof(number), "%ld\n", st->lineno);
        write_out(st, number, strlen(number), 0);
        return FLOW_NEXT;
    }
    case 'l':
        list_pattern(st);
        return FLOW_NEXT;
    default: /* 'p' */
        write_out(st, st->pattern.text, st->pattern.len, 1);
        return FLOW_NEXT;
    }
}

static enum sed_flow run_line_command(struct sed_state *st, struct sed_cmd *cmd)
{
    char *nl = memchr(st->pattern.text, '\n', st->pattern.len);

    switch (cmd->name) {
    case 'n':
        if (is_last_line(st))
            return FLOW_QUIT;
        end_cycle(st, 1);
        next_line(st, 0);
        return FLOW_NEXT;
    case 'N':
        if (is_last_line(st))
            return FLOW_QUIT;
        flush_queue(st);
        next_line(st, 1);
        return FLOW_NEXT;
    case 'D':
        if (!nl)
            return FLOW_DELETE;
        memmove(st->pattern.text, nl + 1, st->pattern.len - (nl + 1 - st->pattern.text) + 1);
        st->pattern.len -= nl + 1 - st->pattern.text;
        return FLOW_RESTART;
    default: /* 'P' */
        write_out(st, st->pattern.text, nl ? (size_t)(nl - st->pattern.text) : st->pattern.len, 1);
        return FLOW_NEXT;
    }
}

static enum sed_flow run_command(struct sed_state *st, struct sed_cmd *cmd)
{
    switch (cmd->name) {
    case '{':
    case '}':
    case ':':
        return FLOW_NEXT;
    case 'b':
        return FLOW_JUMP;
    case 't':
    case 'T':
        if (st->replaced == (cmd->name == 't')) {
            st->replaced = 0;
            return FLOW_JUMP;
        }
        return FLOW_NEXT;
    case 'd':
        return FLOW_DELETE;
    case 'q':
        st->status = cmd->status;
        return FLOW_QUIT;
    case 'Q':
        st->status = cmd->status;
        sed_opts.quiet = 1;
        st->nqueue = 0;
        return FLOW_QUIT;
    case 's':
        if (substitute(st, cmd->subst)) {
            st->replaced = 1;
            if (cmd->subst->print)
                write_out(st, st->pattern.text, st->pattern.len, 1);
            if (cmd->subst->wfile)
                fprintf(cmd->subst->wfile, "%s\n", st->pattern.text);
        }
        return FLOW_NEXT;
    case 'y':
        for (size_t i = 0; i < st->pattern.len; i++)
            st->pattern.text[i] = cmd->ymap[(unsigned char)st->pattern.text[i]];
        return FLOW_NEXT;
    case 'g':
        assign(&st->pattern, st->hold.text ? st->hold.text : "", st->hold.len);
        return FLOW_NEXT;
    case 'G':
        append(&st->pattern, "\n", 1);
        append(&st->pattern, st->hold.text ? st->hold.text : "", st->hold.len);
        return FLOW_NEXT;
    case 'h':
        assign(&st->hold, st->pattern.text, st->pattern.len);
        return FLOW_NEXT;
    case 'H':
        append(&st->hold, "\n", 1);
        append(&st->hold, st->pattern.text, st->pattern.len);
        return FLOW_NEXT;
    case 'x':
        exchange(st);
        return FLOW_NEXT;
    case 'z':
        st->pattern.len = 0;
        st->pattern.text[0] = '\0';
        return FLOW_NEXT;
    case 'n':
    case 'N':
    case 'D':
    case 'P':
        return run_line_command(st, cmd);
    default:
        return run_text_command(st, cmd);
    }
}

/* Run the script over the pattern space; how the cycle ended. */
static enum sed_flow run_script(struct sed_state *st)
{
    struct sed_script *script = st->script;

    for (long pc = 0; pc < script->ncmds;) {
        struct sed_cmd *cmd = &script->cmds[pc];
        enum sed_flow flow;

        if (!selects(st, cmd)) {
            pc = cmd->name == '{' ? cmd->jump + 1 : pc + 1;
            continue;
        }
        flow = run_command(st, cmd);
        if (flow == FLOW_JUMP)
            pc = cmd->jump;
        else if (flow == FLOW_NEXT)
            pc++;
        else
            return flow;
    }
    return FLOW_END_CYCLE;
}

int sed_run(struct sed_script *script, char **files, int nfiles, FILE *out, int *quit)
{
    static char *standard_input[] = { "-" };
    struct sed_state st = { .script = script, .out = out, .files = files, .nfiles = nfiles };
    int restart = 0;

    if (nfiles == 0) {
        st.files = standard_input;
        st.nfiles = 1;
    }
    read_ahead(&st);
    while (restart || next_line(&st, 0)) {
        enum sed_flow flow = run_script(&st);

        end_cycle(&st, flow == FLOW_END_CYCLE || flow == FLOW_QUIT);
        restart = flow == FLOW_RESTART;
        if (flow == FLOW_QUIT) {
            *quit = 1;
            break;
        }
    }
    if (st.in && st.in != stdin)
        fclose(st.in);
    free(st.pattern.text);
    free(st.lookahead.text);
    free(st.queue);
    return st.status;
}
