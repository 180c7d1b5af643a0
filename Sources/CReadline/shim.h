#include <stdio.h>
#include <string.h>
#include <readline/readline.h>
#include <readline/history.h>

/* Readline keeps its settings in C globals, which Swift 6 refuses to touch directly (shared
   mutable state). nv reaches them only through these accessors, always from the main thread. */

/* Readline's own settings for nv: the name for ~/.inputrc conditionals, no signal handling
   of its own (nv owns SIGINT, SIGCONT and SIGWINCH), no LINES/COLUMNS in the environment,
   nv's word breaks and completion hook. The strings must outlive readline: the caller
   passes strdup'ed copies. */
static inline void nv_rl_configure(const char *name, const char *word_breaks,
                                   rl_completion_func_t *complete) {
    rl_readline_name = name;
    rl_catch_signals = 0;
    rl_catch_sigwinch = 0;
    rl_change_environment = 0;
    rl_basic_word_break_characters = word_breaks;
    rl_completer_word_break_characters = word_breaks;
    rl_attempted_completion_function = complete;
}

/* The line being edited, and the cursor in it as a byte offset. */
static inline const char *nv_rl_line_buffer(void) { return rl_line_buffer ? rl_line_buffer : ""; }
static inline int nv_rl_point(void) { return rl_point; }

/* Inside the completion hook: never fall back to file names; what follows a unique match. */
static inline void nv_rl_completion_settings(int append_character) {
    rl_attempted_completion_over = 1;
    rl_completion_append_character = append_character;
}

/* Whether a callback line handler is installed. */
static inline int nv_rl_handler_installed(void) { return RL_ISSTATE(RL_STATE_CALLBACK) != 0; }

/* After Ctrl-C at the prompt: show ^C at the end of the line, go to a fresh line, and drop
   the line, its undo list, any incremental search, and the place in the history. */
static inline void nv_rl_abandon_line(void) {
    FILE *out = rl_outstream ? rl_outstream : stdout;
    rl_point = rl_end;
    rl_redisplay();
    fputs("^C\n", out);
    fflush(out);
    rl_free_line_state();
    rl_callback_sigcleanup();
    rl_replace_line("", 1);
    using_history();
}

/* Back from Ctrl-Z (SIGCONT): the shell left the terminal in its own mode, so leave
   readline's mode (restoring what it saved) and enter it again, then redraw the line. */
static inline void nv_rl_resume_terminal(void) {
    if (rl_deprep_term_function) (*rl_deprep_term_function)();
    if (rl_prep_term_function) (*rl_prep_term_function)(1);
    rl_forced_update_display();
}

/* History with timestamps, so entries that span lines are read back as one entry. */
static inline void nv_history_configure(int limit) {
    history_write_timestamps = 1;
    history_comment_char = '#';
    history_multiline_entries = 1;
    stifle_history(limit);
}

/* The newest history entry, or NULL. */
static inline const char *nv_history_newest(void) {
    HIST_ENTRY *entry = history_length > 0 ? history_get(history_base + history_length - 1) : NULL;
    return entry ? entry->line : NULL;
}
