#!/usr/bin/env node
// Runs the built CLI; `npm run build` (or the root `npm ci`, whose prepare builds) makes dist/.
import "../dist/main.js";
