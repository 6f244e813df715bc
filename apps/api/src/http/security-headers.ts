/**
 * Security headers on every answer (helmet; SECURITY.md, "Security headers"). The Content
 * Security Policy allows what the pages served here load, and nothing else:
 *
 * - the console (`/console/`): its own module script and stylesheet; Mantine and CodeMirror set
 *   inline styles (CodeMirror adds `<style>` elements), hence `'unsafe-inline'` for styles only;
 * - the docs page (swagger-ui-express): its own script files and an inline `<style>`;
 * - Bull Board: its own scripts, inline styles and Google Fonts' stylesheet and fonts.
 *
 * No inline or remote script runs anywhere. `upgrade-insecure-requests` is left out: the API is
 * often reached over plain http (a first local run, behind a TLS-terminating balancer on a
 * private network), where it would break every page.
 */

import type { RequestHandler } from "express";
import helmet from "helmet";

export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'", "https://fonts.googleapis.com"],
        "font-src": ["'self'", "data:", "https://fonts.gstatic.com"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "script-src-attr": ["'none'"],
      },
    },
  });
}
