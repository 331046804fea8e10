/**
 * zod/mini carries no error messages: every issue would read "Invalid input". Settings,
 * saved-search, connection and record warnings show issue messages to users, so the
 * modules that build those import this once for its effect: English messages, process-wide.
 */
import * as z from 'zod/mini';
import { en } from 'zod/locales';

z.config(en());
