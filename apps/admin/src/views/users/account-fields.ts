import { passwordProblems } from '@qifu/domain';
import type { FieldErrors } from '@/api/graphql-errors';
import { requiredProblems } from '@/ui/use-create-form';
import { emailProblem } from './use-edit-email';

/** What every new account is given: a user name, a display name, an optional e-mail, a password. */
export interface AccountFields {
  username: string;
  displayName: string;
  email: string;
  password: string;
}

export const ACCOUNT_FIELDS = ['username', 'displayName', 'email', 'password'] as const;

export function emptyAccount(): AccountFields {
  return { username: '', displayName: '', email: '', password: '' };
}

/** The names are required, the e-mail must look like one, the password must meet the policy. */
export function accountProblems(form: AccountFields, t: (key: string) => string): FieldErrors {
  const found = requiredProblems(form, ['username', 'displayName'], t);
  const email = emailProblem(form.email, t);
  if (email) found.email = email;
  if (passwordProblems(form.password).length > 0) found.password = t('user.passwordPolicy');
  return found;
}

/** The account's part of the API's input, trimmed; no e-mail is null. */
export function accountInput(form: AccountFields) {
  return {
    username: form.username.trim(),
    displayName: form.displayName.trim(),
    email: form.email.trim() || null,
    password: form.password,
  };
}
