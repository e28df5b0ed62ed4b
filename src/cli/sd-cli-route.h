/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sd-cli-route.h: the `songda-cli route` sub-command (plan routes for a
 * CVRPLIB or Solomon benchmark instance, print JSON). */
#pragma once

/* argv[0] is "route". Returns the process exit status. */
int sd_cli_route (int argc, char **argv);
