/** An API error as the API said it (its message; the code in the title), or nothing. */
import { Alert } from "@mantine/core";
import { ApiError, errorMessage } from "../api/client.js";

export function ApiErrorAlert({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  const heading =
    title ?? (error instanceof ApiError ? `The API answered ${error.code}` : "Something failed");
  return (
    <Alert color="red" title={heading} role="alert">
      {errorMessage(error)}
    </Alert>
  );
}
