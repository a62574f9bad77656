import { inject, provide, type InjectionKey } from 'vue';
import { useIntakeForm } from '../use-intake-form';

export type IntakeContext = ReturnType<typeof useIntakeForm>;

const KEY: InjectionKey<IntakeContext> = Symbol('intake-form');

/** The registration form of the page, for the sections of the sheet to read and fill. */
export function provideIntakeForm(): IntakeContext {
  const intake = useIntakeForm();
  provide(KEY, intake);
  return intake;
}

export function useIntakeContext(): IntakeContext {
  const intake = inject(KEY);
  if (!intake) throw new Error('intake section outside the intake page');
  return intake;
}
