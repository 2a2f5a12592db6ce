// Types for the workspace's browser module i18n.js (served as is, not compiled), for the tests that import it.
export interface WorkspaceLabels {
  errors?: Record<string, string>;
  [label: string]: unknown;
}
export function pickLanguage(): "ko" | "en";
export function rememberLanguage(lang: "ko" | "en"): void;
export function labels(lang: string): WorkspaceLabels;
export function errorText(T: WorkspaceLabels, error: { code?: string; message?: string } | undefined): string;
export function request(T: WorkspaceLabels, url: string, init?: RequestInit): Promise<Response>;
export function responseError(T: WorkspaceLabels, res: Response): Promise<Error>;
