/*
 * Print a syntax tree as shell text. Words are printed as they were
 * written (their source text), so the result reads like the input.
 */
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "show.h"

static void show_node(struct strbuf *sb, struct node *n);

static void show_word(struct strbuf *sb, struct word *w)
{
    sb_adds(sb, w && w->text ? w->text : "");
}

static const char *redir_op(const struct redir *r)
{
    static const char *const ops[] = {
        [R_IN] = "<",    [R_OUT] = ">",    [R_APPEND] = ">>", [R_CLOBBER] = ">|",
        [R_RDWR] = "<>", [R_DUPIN] = "<&", [R_DUPOUT] = ">&", [R_HEREDOC] = "<<",
    };

    if (r->kind == R_HEREDOC && r->strip_tabs)
        return "<<-";
    return ops[r->kind];
}

static void show_redirs(struct strbuf *sb, struct redir *r)
{
    for (; r; r = r->next) {
        bool input =
            r->kind == R_IN || r->kind == R_DUPIN || r->kind == R_HEREDOC || r->kind == R_RDWR;

        sb_addc(sb, ' ');
        if (r->fd != (input ? 0 : 1))
            sb_addf(sb, "%d", r->fd);
        sb_adds(sb, redir_op(r));
        show_word(sb, r->target);
    }
}

static void show_simple(struct strbuf *sb, struct node *n)
{
    const char *sep = "";

    for (struct assign *a = n->simple.assigns; a; a = a->next) {
        sb_addf(sb, "%s%s=", sep, a->name);
        show_word(sb, a->value);
        sep = " ";
    }
    for (struct word *w = n->simple.args; w; w = w->next) {
        sb_adds(sb, sep);
        show_word(sb, w);
        sep = " ";
    }
    if (sep[0] || !n->redirs)
        show_redirs(sb, n->redirs);
    else {
        struct strbuf tmp;

        sb_init(&tmp);
        show_redirs(&tmp, n->redirs);
        sb_adds(sb, sb_str(&tmp) + 1);
        sb_free(&tmp);
    }
}

static void show_binary(struct strbuf *sb, struct node *n, const char *op)
{
    show_node(sb, n->bin.left);
    sb_adds(sb, op);
    show_node(sb, n->bin.right);
}

static void show_if(struct strbuf *sb, struct node *n)
{
    sb_adds(sb, "if ");
    for (;;) {
        show_node(sb, n->if_.cond);
        sb_adds(sb, "; then ");
        show_node(sb, n->if_.then_part);
        n = n->if_.else_part;
        if (!n || n->kind != N_IF || n->redirs)
            break;
        sb_adds(sb, "; elif ");
    }
    if (n) {
        sb_adds(sb, "; else ");
        show_node(sb, n);
    }
    sb_adds(sb, "; fi");
}

static void show_for(struct strbuf *sb, struct node *n)
{
    sb_addf(sb, "for %s", n->for_.var);
    if (n->for_.has_in) {
        sb_adds(sb, " in");
        for (struct word *w = n->for_.words; w; w = w->next) {
            sb_addc(sb, ' ');
            show_word(sb, w);
        }
    }
    sb_adds(sb, "; do ");
    show_node(sb, n->for_.body);
    sb_adds(sb, "; done");
}

static void show_case(struct strbuf *sb, struct node *n)
{
    sb_adds(sb, "case ");
    show_word(sb, n->case_.subject);
    sb_adds(sb, " in");
    for (struct case_item *item = n->case_.items; item; item = item->next) {
        const char *sep = " ";

        for (struct word *w = item->patterns; w; w = w->next) {
            sb_adds(sb, sep);
            show_word(sb, w);
            sep = "|";
        }
        sb_adds(sb, ") ");
        if (item->body)
            show_node(sb, item->body);
        sb_adds(sb, item->fallthrough ? " ;&" : " ;;");
    }
    sb_adds(sb, " esac");
}

static void show_pipe(struct strbuf *sb, struct node *n)
{
    if (n->pipe.bang)
        sb_adds(sb, "! ");
    for (int i = 0; i < n->pipe.ncmds; i++) {
        if (i)
            sb_adds(sb, " | ");
        show_node(sb, n->pipe.cmds[i]);
    }
}

static void show_compound(struct strbuf *sb, struct node *n)
{
    switch (n->kind) {
    case N_SUBSHELL:
        sb_addc(sb, '(');
        show_node(sb, n->sub.body);
        sb_addc(sb, ')');
        break;
    case N_GROUP:
        sb_adds(sb, "{ ");
        show_node(sb, n->sub.body);
        sb_adds(sb, "; }");
        break;
    case N_IF:
        show_if(sb, n);
        break;
    case N_WHILE:
    case N_UNTIL:
        sb_adds(sb, n->kind == N_WHILE ? "while " : "until ");
        show_node(sb, n->loop.cond);
        sb_adds(sb, "; do ");
        show_node(sb, n->loop.body);
        sb_adds(sb, "; done");
        break;
    case N_FOR:
        show_for(sb, n);
        break;
    default:
        show_case(sb, n);
        break;
    }
    show_redirs(sb, n->redirs);
}

static void show_node(struct strbuf *sb, struct node *n)
{
    if (!n)
        return;
    switch (n->kind) {
    case N_SIMPLE:
        show_simple(sb, n);
        break;
    case N_PIPE:
        show_pipe(sb, n);
        break;
    case N_AND:
        show_binary(sb, n, " && ");
        break;
    case N_OR:
        show_binary(sb, n, " || ");
        break;
    case N_SEQ:
        show_binary(sb, n, "; ");
        break;
    case N_BG:
        show_node(sb, n->sub.body);
        sb_adds(sb, " &");
        break;
    case N_FUNCDEF:
        sb_addf(sb, "%s() ", n->func.name);
        show_node(sb, n->func.body);
        break;
    default:
        show_compound(sb, n);
        break;
    }
}

char *show_command(struct node *n)
{
    struct strbuf sb;

    sb_init(&sb);
    show_node(&sb, n);
    return sb_take(&sb);
}
