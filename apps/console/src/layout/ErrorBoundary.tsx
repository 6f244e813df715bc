/**
 * A page that throws while rendering shows what went wrong instead of a blank screen; the shell
 * and its navigation stay usable (the boundary is reset when the URL changes: App keys it by path).
 */
import { Alert, Button, Code, Stack } from "@mantine/core";
import { Component, type ErrorInfo, type ReactNode } from "react";

interface State {
  error: Error | null;
}

export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // Kept for whoever opens the browser's console; the page shows the message.
    console.warn("page failed", error, info.componentStack);
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <Alert color="red" title="This page failed" role="alert">
        <Stack gap="sm">
          <Code block>{error.message}</Code>
          <Button variant="light" onClick={() => this.setState({ error: null })} w="fit-content">
            Try again
          </Button>
        </Stack>
      </Alert>
    );
  }
}
