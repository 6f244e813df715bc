/** The console's entry: Mantine's theme, the router under `/console/`, the session's key. */
import "@mantine/core/styles.css";
import "@mantine/charts/styles.css";
import "./layout/styles.css";
import { MantineProvider } from "@mantine/core";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router";
import { App } from "./App.js";
import { AuthProvider } from "./auth/auth.js";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root");

createRoot(root).render(
  <StrictMode>
    <MantineProvider defaultColorScheme="light">
      <BrowserRouter basename="/console">
        <AuthProvider>
          <App />
        </AuthProvider>
      </BrowserRouter>
    </MantineProvider>
  </StrictMode>,
);
