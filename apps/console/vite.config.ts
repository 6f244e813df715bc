/**
 * The console is built into `dist/` and served by the API at `/console/` (apps/api/src/console/),
 * so every asset URL starts with that base. `npm run console:dev` serves it from Vite instead and
 * forwards the API calls to a running API (`SEGFLOW_API_URL`, default http://127.0.0.1:3000).
 */
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const api = process.env.SEGFLOW_API_URL ?? "http://127.0.0.1:3000";

export default defineConfig({
  base: "/console/",
  plugins: [react()],
  // Workspace packages (@segflow/api-contract) are read from their TypeScript sources.
  resolve: { conditions: ["segflow-source"] },
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: { proxy: { "/v1": api } },
});
