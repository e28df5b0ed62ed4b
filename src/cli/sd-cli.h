/* SPDX-License-Identifier: GPL-3.0-or-later */
/* songda-cli sub-commands: each takes argv with argv[0] the command's name and returns
 * the process exit status. Messages go to stderr, results to stdout. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

enum {
  SD_CLI_OK = 0,
  SD_CLI_FAILED = 1,
  SD_CLI_USAGE = 64,   /* like EX_USAGE */
};

int      sd_cli_demo    (int argc, char **argv);
int      sd_cli_search  (int argc, char **argv);
int      sd_cli_import  (int argc, char **argv);
int      sd_cli_export  (int argc, char **argv);
int      sd_cli_check   (int argc, char **argv);
int      sd_cli_backup  (int argc, char **argv);
int      sd_cli_restore (int argc, char **argv);
int      sd_cli_document (int argc, char **argv);
int      sd_cli_escpos  (int argc, char **argv);
int      sd_cli_plan    (int argc, char **argv);

/* Parses a command's options (`parameter` and `summary` for --help, both translated);
 * prints the error and returns FALSE on bad usage. */
gboolean sd_cli_parse_options (const char          *parameter,
                               const char          *summary,
                               const GOptionEntry  *entries,
                               int                 *argc,
                               char              ***argv);
char    *sd_cli_database_path (const char *option_value);

G_END_DECLS
