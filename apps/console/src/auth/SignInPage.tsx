/**
 * The sign-in page (`/console/`): the API key is checked with `GET /v1/segments` before it is
 * kept, so a wrong key is said here and not on the next page.
 */
import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, Title } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { Navigate, useLocation, useNavigate } from "react-router";
import { ApiError, errorMessage } from "../api/client.js";
import { segmentsApi } from "../api/segments.js";
import { useAuth } from "./auth.js";

export function SignInPage() {
  const { signedIn, signIn, notice } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? "/segments";
  const [key, setKey] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);

  if (signedIn) return <Navigate to={from} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const typed = key.trim();
    if (!typed) {
      setError("Type the API key (one of the API's API_KEYS).");
      return;
    }
    setChecking(true);
    setError(null);
    try {
      await segmentsApi.list(typed);
      signIn(typed);
      navigate(from, { replace: true });
    } catch (e) {
      setChecking(false);
      setError(
        e instanceof ApiError && e.status === 401
          ? "This key was refused by the API: check it and try again."
          : `Could not check the key: ${errorMessage(e)}`,
      );
    }
  }

  return (
    <Center mih="100vh" p="md">
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={420} component="main">
        <form onSubmit={submit} noValidate>
          <Stack>
            <Title order={1} size="h2">
              segflow console
            </Title>
            <Text c="dimmed" size="sm">
              Sign in with an API key. It is kept in this tab only, until you close it or sign out.
            </Text>
            {notice && !error && (
              <Alert color="yellow" role="status">
                {notice}
              </Alert>
            )}
            <PasswordInput
              label="API key"
              autoComplete="current-password"
              data-testid="signin-key"
              value={key}
              onChange={(e) => setKey(e.currentTarget.value)}
              error={error}
              data-autofocus
              autoFocus
            />
            <Button type="submit" loading={checking} data-testid="signin-submit">
              Sign in
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
